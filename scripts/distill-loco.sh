#!/usr/bin/env bash
# Knowledge distillation on the cross-corpus table, one held-out corpus at a time (a fair teacher
# must never have heard the corpus the student is scored on, so each held-out corpus gets its own):
#   1. teacher: an ensemble of 3 crnn_attn networks (--members 3) trained on the other two corpora
#      with the configuration's options (no validation speakers, every epoch kept);
#   2. its own score on the held-out corpus (evaluate, restricted to that corpus's labels): the
#      ensemble's leave-one-corpus-out figure, docs/results/crosscorpus/teacher<tag>_<corpus>.json;
#   3. student: one network of the same configuration (the live-sized one), trained on the same two
#      corpora with loss = A * T^2 * KL(teacher || student) + (1 - A) * label loss (A 0.5, T 2),
#      scored on the held-out corpus: docs/results/crosscorpus/distill<tag>_<corpus>_loco.json.
# Configurations (EMO_DISTILL_CONFIG, scripts/recipes.sh):
#   pooled12 (default): 12 epochs, tag "12"; compare with pooled12_loco (the student without a teacher);
#   shipped: the shipped recipe, 24 epochs, tag "_spkown24f0"; compare with spkown24f0_loco (and
#            its seeds s3, s7).
# EMO_SEED (default 42) seeds teacher and student. One thread, nice 10; one corpus after the other,
# so give each of two cores its own corpus by running the script twice.
# Usage: scripts/distill-loco.sh [BUILD_DIR] [CORPUS...]   (default: ravdess tess nemo)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
shift $(( $# > 0 ? 1 : 0 ))
heldout=(ravdess tess nemo)
[[ $# -gt 0 ]] && heldout=("$@")
cli="$build/bin/emoscope-cli"
data="${EMO_SHARED_DIR:-$here/../shared}/data"
out="$here/docs/results/crosscorpus"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/recipes.sh
source "$here/scripts/recipes.sh"
case "${EMO_DISTILL_CONFIG:-pooled12}" in
  pooled12) recipe=("${pooled12_recipe[@]}"); epochs=12; tag=12 ;;
  shipped)  recipe=("${shipped_recipe[@]}"); epochs=24; tag=_spkown24f0 ;;
  *) echo "unknown EMO_DISTILL_CONFIG '${EMO_DISTILL_CONFIG}' (pooled12, shipped)" >&2; exit 2 ;;
esac
seed="${EMO_SEED:-42}"
[[ "$seed" == 42 ]] || tag="${tag}s$seed"
config=(--schema ravdess8 --threads 1 --epochs "$epochs" --seed "$seed" "${recipe[@]}")

for corpus in "${heldout[@]}"; do
  others=()
  for c in ravdess tess nemo; do [[ $c == "$corpus" ]] || others+=("$data/$c"); done
  log="$out/distill${tag}_${corpus}_loco.log"
  echo "== distill${tag}_${corpus} ($(date -u +%FT%TZ))" | tee "$log"
  echo "teacher: emoscope-cli train --data ${others[*]} --members 3 ${config[*]} --validation-fraction 0 --patience 0" | tee -a "$log"
  nice -n 10 "$cli" train --data "${others[@]}" --members 3 "${config[@]}" --validation-fraction 0 --patience 0 \
    --out "$work/teacher_$corpus" 2>&1 | grep -v "^features" | tee -a "$log"
  echo "teacher on the held-out corpus: emoscope-cli evaluate --data $data/$corpus" | tee -a "$log"
  nice -n 10 "$cli" evaluate --model "$work/teacher_$corpus" --data "$data/$corpus" --threads 1 \
    --json "$out/teacher${tag}_${corpus}.json" 2>&1 | grep -v "^features" | tee -a "$log"
  echo "student: emoscope-cli cv --group corpus --test-corpus $corpus --data ravdess tess nemo ${config[*]} --validation-fraction 0 --teacher TEACHER --distill-weight 0.5 --distill-temperature 2" | tee -a "$log"
  nice -n 10 /usr/bin/time -f "wall %e s" "$cli" cv --group corpus --test-corpus "$corpus" \
    --data "$data/ravdess" "$data/tess" "$data/nemo" "${config[@]}" --validation-fraction 0 \
    --teacher "$work/teacher_$corpus" --distill-weight 0.5 --distill-temperature 2 \
    --json "$out/distill${tag}_${corpus}_loco.json" 2>&1 | tee -a "$log"
done
python3 "$here/scripts/crosscorpus_table.py" --write "$here/docs/RESULTS.md" "$here/docs/results"
