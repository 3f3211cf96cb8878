#!/usr/bin/env bash
# Reproduces the model comparison of docs/RESULTS.md: every model type on the 20 RAVDESS actors
# of ../shared/data, 5 speaker-grouped folds of 4 actors, 8 classes, the same budget for all
# (a fixed number of epochs, no early stopping, no augmentation), and the default model's
# configuration with TESS added to training (tests still on RAVDESS speakers only); crnn_attn_es
# (early stopping on held-out training actors), crnn_attn_light (light augmentation) and the
# crnn_attn_cosine* runs (learning-rate schedule, mixup, SpecAugment) on request.
# Writes docs/results/<name>.json. Usage: [EMO_THREADS=N] scripts/results.sh [BUILD_DIR] [EPOCHS] [NAMES...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
epochs="${2:-12}"
shift 2 || true
cli="$build/bin/emoscope-cli"
data="${EMO_SHARED_DIR:-$here/../shared}/data"
out="$here/docs/results"
mkdir -p "$out"
common=(--folds 5 --group speaker --schema ravdess8 --threads "${EMO_THREADS:-1}" --epochs "$epochs" --loss weighted)
seed=42  # the folds and the initial weights; the same for every run but *_seed7
fixed=(--validation-fraction 0)  # the fixed budget: no hold-out, no early stopping

run() {  # name, then cv arguments
  local name="$1"; shift
  echo "== $name: $cli cv ${common[*]} --seed $seed $*" | tee "$out/$name.log"
  /usr/bin/time -f "wall %e s" "$cli" cv "${common[@]}" --seed "$seed" "$@" --json "$out/$name.json" 2>&1 | tee -a "$out/$name.log"
}

names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=(crnn_attn crnn_attn_speaker stats_conv1d cnn_lstm tim_net transformer crnn_attn_tess)
for n in "${names[@]}"; do
  case "$n" in
    crnn_attn)         run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --test-conditions ;;
    crnn_attn_speaker) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --norm speaker --test-conditions ;;
    crnn_attn_tess)    run "$n" "${fixed[@]}" --data "$data/ravdess" "$data/tess" --test-corpus ravdess --model-type crnn_attn ;;
    # Up to EPOCHS with early stopping: a fifth of each fold's training actors held out for validation
    # (UA), patience 6 epochs, the best epoch's weights kept.
    crnn_attn_es)      run "$n" --validation-fraction 0.2 --patience 6 --data "$data/ravdess" --model-type crnn_attn \
                           --test-conditions ;;
    # The shipped model's "light" augmentation (one augmented copy per clip), RAVDESS only.
    crnn_attn_light)   run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --augment light \
                           --augment-copies 1 --test-conditions ;;
    # The shipped configuration (scripts/train-default.sh) cross-validated: RAVDESS + TESS with light
    # augmentation; each fold trains on 16 RAVDESS actors + TESS and is scored on its 4 RAVDESS actors.
    # (shipped_config24: the same with EPOCHS=24, a candidate for a longer schedule.)
    shipped_config|shipped_config24) run "$n" "${fixed[@]}" --data "$data/ravdess" "$data/tess" --test-corpus ravdess \
                           --model-type crnn_attn --norm utterance --batch-size 32 --lr 0.002 --weight-decay 0.01 \
                           --augment light --augment-copies 1 --lr-schedule cosine --test-conditions ;;
    # Candidate: the shipped configuration with the voice effects added to the light ones, three
    # augmented copies per clip.
    shipped_voice24)   run "$n" "${fixed[@]}" --data "$data/ravdess" "$data/tess" --test-corpus ravdess \
                           --model-type crnn_attn --norm utterance --batch-size 32 --lr 0.002 --weight-decay 0.01 \
                           --augment light+voice --augment-copies 3 --lr-schedule cosine --test-conditions ;;
    # The shipped configuration with per-speaker normalisation from neutral clips (a model for use
    # with a calibration profile).
    shipped_neutral24) run "$n" "${fixed[@]}" --data "$data/ravdess" "$data/tess" --test-corpus ravdess \
                           --model-type crnn_attn --norm speaker --speaker-stats neutral --batch-size 32 --lr 0.002 \
                           --weight-decay 0.01 --augment light+voice --augment-copies 3 --lr-schedule cosine --test-conditions ;;
    # The configuration shipped until 2026-11-30 07:00 UTC: the same at a constant learning rate.
    shipped_plateau)   run "$n" "${fixed[@]}" --data "$data/ravdess" "$data/tess" --test-corpus ravdess \
                           --model-type crnn_attn --norm utterance --batch-size 32 --lr 0.002 --weight-decay 0.01 \
                           --augment light --augment-copies 1 --test-conditions ;;
    # Learning-rate schedule and regularisers (RAVDESS only): cosine decay to the floor over EPOCHS,
    # alone, with mixup (alpha 0.4) and with SpecAugment masks.
    # (crnn_attn_cosine12, crnn_attn_cosine50 and crnn_attn_cosine100 are the same run with EPOCHS=12, 50 and 100;
    # crnn_attn_constant is crnn_attn at a constant rate for EPOCHS, without the test conditions:
    # the schedule's ablation; crnn_attn_global centres on the training set's statistics instead
    # of each clip's own.)
    crnn_attn_global)  run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --norm global ;;
    crnn_attn_cosine|crnn_attn_cosine12|crnn_attn_cosine50|crnn_attn_cosine100) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn \
                           --lr-schedule cosine ;;
    crnn_attn_constant) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn ;;
    # Input and capacity at the cosine schedule (RAVDESS only): pitch (YIN F0 + voiced flag) beside the
    # log-mel bands, and a wider network (128 channels, GRU 2 x 128).
    crnn_attn_pitch)   run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --features logmel_db,f0 ;;
    crnn_attn_wide)    run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --channels 128 --hidden 128 ;;
    # Other voices: three copies of each training clip at a random speaking rate (0.9-1.1) and
    # pitch (+-2 semitones); each epoch draws one of the four versions of every clip.
    crnn_attn_voice)   run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --augment voice --augment-copies 3 ;;
    # The same with an ensemble of 3 networks trained side by side (probabilities averaged), and
    # with TESS added to training (scored on the fold's RAVDESS actors only).
    crnn_attn_voice_x3) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --augment voice --augment-copies 3 --members 3 ;;
    crnn_attn_voice_tess) run "$n" "${fixed[@]}" --data "$data/ravdess" "$data/tess" --test-corpus ravdess \
                           --model-type crnn_attn --lr-schedule cosine --augment voice --augment-copies 3 ;;
    # Both: an ensemble of 3 trained on RAVDESS + TESS with the voice augmentation (EPOCHS=24: with
    # TESS an epoch is about four times as many steps).
    crnn_attn_voice_tess_x3) run "$n" "${fixed[@]}" --data "$data/ravdess" "$data/tess" --test-corpus ravdess \
                           --model-type crnn_attn --lr-schedule cosine --augment voice --augment-copies 3 --members 3 ;;
    # The voice run with per-speaker normalisation: each speaker's features standardised with that
    # speaker's own statistics over all of its clean clips, test speakers included (unsupervised, no
    # labels, but transductive); _x3: an ensemble of 3.
    crnn_attn_voice_speaker) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --augment voice --augment-copies 3 --norm speaker ;;
    crnn_attn_voice_speaker_x3) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --augment voice --augment-copies 3 --norm speaker --members 3 --test-conditions ;;
    # The same with each speaker's statistics from its NEUTRAL clips only (RAVDESS: 4 per actor, about
    # 14 s, like the app's calibration recording), a clip never in its own statistics.
    crnn_attn_voice_neutral) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --augment voice --augment-copies 3 --norm speaker --speaker-stats neutral --test-conditions ;;
    crnn_attn_voice_neutral_x3) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --augment voice --augment-copies 3 --norm speaker --speaker-stats neutral --members 3 \
                           --test-conditions ;;
    # The calibrated ensemble on another partition of the actors into folds (and other initial weights).
    crnn_attn_voice_neutral_x3_seed7) seed=7 run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn \
                           --lr-schedule cosine --augment voice --augment-copies 3 --norm speaker --speaker-stats neutral \
                           --members 3 --test-conditions ;;
    crnn_attn_lightvoice_neutral_x3) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --augment light+voice --augment-copies 3 --norm speaker --speaker-stats neutral --members 3 \
                           --test-conditions ;;
    # With the light (channel) effects too: gain, noise at 15-30 dB SNR, shift.
    crnn_attn_lightvoice_neutral) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --augment light+voice --augment-copies 3 --norm speaker --speaker-stats neutral --test-conditions ;;
    crnn_attn_cosine_mixup) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --mixup 0.4 ;;
    crnn_attn_cosine_spec) run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type crnn_attn --lr-schedule cosine \
                           --spec-augment ;;
    *)                 run "$n" "${fixed[@]}" --data "$data/ravdess" --model-type "$n" ;;
  esac
done
