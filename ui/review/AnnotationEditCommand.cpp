#include "ui/review/AnnotationEditCommand.h"

#include "ui/review/ReviewDocument.h"

namespace emo::ui {

AnnotationEditCommand::AnnotationEditCommand(ReviewDocument* document, int row, AnnotationSet before,
                                             AnnotationSet after, const QString& text)
    : QUndoCommand(text), doc_(document), row_(row), before_(std::move(before)), after_(std::move(after)) {}

void AnnotationEditCommand::undo() { doc_->replaceAnnotations(row_, before_); }
void AnnotationEditCommand::redo() { doc_->replaceAnnotations(row_, after_); }

}  // namespace emo::ui
