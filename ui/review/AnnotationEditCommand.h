#pragma once
// AnnotationEditCommand: one label edit in the Review tab as a QUndoCommand — relabelling a clip
// or a range, a label's text, a boundary drag, a point, a new tier, an import. It holds the clip's
// annotations before and after; redo() and undo() hand one or the other to the ReviewDocument,
// which autosaves it, so the sidecar always holds the state the undo stack is at.
// GUI thread only; the document outlives its undo stack's commands.
#include <QUndoCommand>

#include "core/annotate/AnnotationSet.h"

namespace emo::ui {

class ReviewDocument;

class AnnotationEditCommand : public QUndoCommand {
 public:
  AnnotationEditCommand(ReviewDocument* document, int row, AnnotationSet before, AnnotationSet after,
                        const QString& text);
  void undo() override;
  void redo() override;

 private:
  ReviewDocument* doc_;
  int row_;
  AnnotationSet before_, after_;
};

}  // namespace emo::ui
