#!/usr/bin/env bash
# Screenshots of the Review and Train tabs into docs/screenshots/ (train.png, review.png),
# made by their widget tests driving the real tabs on ../shared data: the Train tab test trains a
# small 4-emotion model on 6 RAVDESS actors (about a minute) and keeps the bundle; the Review
# tab test then opens ../shared/samples with that model, predicts all clips, labels a segment
# with the keyboard and grabs the tab. Runs on Qt's offscreen platform.
#   scripts/screenshots-review-train.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${1:-${BUILD_DIR:-build}}"
OUT_DIR="$(realpath -m "${2:-docs/screenshots}")"
cmake --build "$BUILD_DIR" --target tst_ui_train_traintab tst_ui_review_reviewtab tst_ui_review_reviewediting
mkdir -p "$OUT_DIR"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$WORK}"
export PULSE_SERVER="${PULSE_SERVER:-unix:/nonexistent}"
export EMO_SCREENSHOT_DIR="$OUT_DIR"
# 1. Train tab: trains, grabs train.png, keeps the bundle in $WORK/model.
EMO_TRAINTAB_KEEP_BUNDLE="$WORK/model" "$BUILD_DIR/tests/tst_ui_train_traintab" trainCancelResumeAndUse
# 2. Review tab on that model: grabs review.png.
EMO_MODEL_DIR="$WORK/model" "$BUILD_DIR/tests/tst_ui_review_reviewtab" screenshot
# 3. Review as an annotation tool: a zoomed clip with two tiers, a point and a selection.
EMO_MODEL_DIR="$WORK/model" "$BUILD_DIR/tests/tst_ui_review_reviewediting" screenshot
ls -l "$OUT_DIR"/review*.png "$OUT_DIR"/train*.png
