#!/usr/bin/env bash
# Trains the shipped default model (models/default) exactly as shipped:
#   1. the final model on ALL of the shared data (RAVDESS actors 01-20 + TESS) with waveform
#      augmentation (gain, noise, shift, speed, pitch, band-limit, reverb; one augmented copy per
#      clip) and SpecAugment, a fixed 16 epochs (no speaker hold-out);
#   2. speaker-grouped 5-fold cross-validation of the same configuration on the 20 RAVDESS
#      actors (8 classes; each fold trains on 16 actors + TESS and tests on 4 unseen RAVDESS
#      actors) -> models/default/cv.json, recorded in model.json as metrics.cross_validation.
# The configuration was chosen by speaker-grouped cross-validation (docs/RESULTS.md), never by a
# score on training data.
# Usage: scripts/train-default.sh [BUILD_DIR] [--skip-cv]
# Features are cached in $EMO_CACHE_DIR (default ~/.cache/emoscope/features).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
cli="$build/bin/emoscope-cli"
data="${EMO_SHARED_DIR:-$here/../shared}/data"
out="$here/models/default"
mkdir -p "$out"

model=(--model-type crnn_attn --norm utterance --schema ravdess8 --batch-size 32 --lr 0.002
       --weight-decay 0.01 --loss weighted --seed 42 --threads 2 --augment robust --augment-copies 1
       --spec-augment)

"$cli" train --data "$data/ravdess" "$data/tess" "${model[@]}" --epochs 16 --validation-fraction 0 --out "$out"

if [[ "${2:-}" != "--skip-cv" ]]; then
  "$cli" cv --data "$data/ravdess" "$data/tess" --test-corpus ravdess --folds 5 --group speaker "${model[@]}" \
    --epochs 16 --validation-fraction 0 --json "$out/cv.json" --record-in "$out"
fi
