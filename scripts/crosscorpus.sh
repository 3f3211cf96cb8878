#!/usr/bin/env bash
# The cross-corpus table of docs/RESULTS.md for one named configuration, over RAVDESS, TESS and
# nEMO of ../shared/data:
#   <config>_loco   : leave-one-corpus-out (cv --group corpus): train on two corpora, score the
#                     third over its own labels (RAVDESS 8, TESS 7, nEMO 6), each in turn;
#   <config>_pooled : 5 speaker-grouped folds over the pooled corpora (cv --group speaker): every
#                     test speaker unseen, UA per corpus over its own labels.
# Both report UA by utterance length (< 1 s, 1-2 s, > 2 s) per corpus. Writes
# docs/results/crosscorpus/<config>_{loco,pooled}.{json,log}, then regenerates the cross-corpus
# section at the top of docs/RESULTS.md (scripts/crosscorpus_table.py).
# Each run is one training thread (EMO_THREADS, default 1) at nice 10; runs one after the other;
# EMO_SEED (default 42) seeds the folds, the initialisation and the augmentation; EMO_VALIDATION
# (default 0) holds that fraction of the training speakers out to fit the calibration (add
# --keep last: the last epoch is kept, the validation speakers only calibrate).
# Usage: scripts/crosscorpus.sh [BUILD_DIR] CONFIG [EPOCHS] [loco|pooled|both] [-- EXTRA CV ARGS]
#   CONFIG: shipped  - today's shipped configuration (scripts/train-default.sh) on all three corpora
#           clean    - the same without waveform augmentation
#           custom   - nothing but the EXTRA CV ARGS (name the results with EMO_XC_NAME)
# Features are cached in $EMO_CACHE_DIR (default ~/.cache/emoscope/features).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
config="${2:?usage: scripts/crosscorpus.sh [BUILD_DIR] CONFIG [EPOCHS] [loco|pooled|both] [-- EXTRA CV ARGS]}"
epochs="${3:-24}"
which="${4:-both}"
shift $(( $# < 4 ? $# : 4 ))
[[ "${1:-}" == "--" ]] && shift
extra=("$@")
cli="$build/bin/emoscope-cli"
data="${EMO_SHARED_DIR:-$here/../shared}/data"
out="$here/docs/results/crosscorpus"
mkdir -p "$out"
corpora=("$data/ravdess" "$data/tess" "$data/nemo")
common=(--data "${corpora[@]}" --schema ravdess8 --threads "${EMO_THREADS:-1}" --epochs "$epochs" --seed "${EMO_SEED:-42}"
        --validation-fraction "${EMO_VALIDATION:-0}")

# shellcheck source=scripts/recipes.sh
source "$here/scripts/recipes.sh"
case "$config" in
  shipped) args=("${shipped_recipe[@]}") ;;
  clean)   args=("${clean_recipe[@]}") ;;
  custom)  args=(); config="${EMO_XC_NAME:?custom needs EMO_XC_NAME=<name for the results>}" ;;
  *) echo "unknown configuration '$config' (shipped, clean, custom)" >&2; exit 2 ;;
esac

run() {  # name, then cv arguments
  local name="$1"; shift
  echo "== $name ($(date -u +%FT%TZ)): emoscope-cli cv $* ${extra[*]}" | tee "$out/$name.log"
  nice -n 10 /usr/bin/time -f "wall %e s" "$cli" cv "$@" "${extra[@]}" --json "$out/$name.json" 2>&1 | tee -a "$out/$name.log"
}

[[ "$which" == pooled ]] || run "${config}_loco" --group corpus "${common[@]}" "${args[@]}"
[[ "$which" == loco ]] || run "${config}_pooled" --group speaker --folds 5 "${common[@]}" "${args[@]}"
python3 "$here/scripts/crosscorpus_table.py" --write "$here/docs/RESULTS.md" "$here/docs/results"
