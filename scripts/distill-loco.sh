#!/usr/bin/env bash
# Knowledge distillation on the cross-corpus table, one held-out corpus at a time (a fair teacher
# must never have heard the corpus the student is scored on, so each held-out corpus gets its own):
#   1. teacher: an ensemble of 3 crnn_attn networks (--members 3) trained on the other two corpora
#      with the pooled12 configuration (12 epochs, 1 augmented copy);
#   2. its own score on the held-out corpus (evaluate, restricted to that corpus's labels):
#      docs/results/crosscorpus/teacher12_<corpus>.json;
#   3. student: one crnn_attn (the live-sized network) with the same configuration, trained on the
#      same two corpora with loss = A * T^2 * KL(teacher || student) + (1 - A) * label loss
#      (A 0.5, T 2), scored on the held-out corpus: docs/results/crosscorpus/distill12_<corpus>_loco.json.
# Compare with pooled12_loco (the same student without a teacher). One thread, nice 10.
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
config=(--schema ravdess8 --threads 1 --epochs 12 --seed 42 --model-type crnn_attn --norm utterance --batch-size 32
        --lr 0.002 --weight-decay 0.01 --loss weighted --augment light+voice --augment-copies 1 --lr-schedule cosine
        --sampling corpus)

for corpus in "${heldout[@]}"; do
  others=()
  for c in ravdess tess nemo; do [[ $c == "$corpus" ]] || others+=("$data/$c"); done
  log="$out/distill12_${corpus}_loco.log"
  echo "== distill12_${corpus} ($(date -u +%FT%TZ))" | tee "$log"
  echo "teacher: emoscope-cli train --data ${others[*]} --members 3 ${config[*]} --validation-fraction 0 --patience 0" | tee -a "$log"
  nice -n 10 "$cli" train --data "${others[@]}" --members 3 "${config[@]}" --validation-fraction 0 --patience 0 \
    --out "$work/teacher_$corpus" 2>&1 | grep -v "^features" | tee -a "$log"
  echo "teacher on the held-out corpus: emoscope-cli evaluate --data $data/$corpus" | tee -a "$log"
  nice -n 10 "$cli" evaluate --model "$work/teacher_$corpus" --data "$data/$corpus" --threads 1 \
    --json "$out/teacher12_${corpus}.json" 2>&1 | grep -v "^features" | tee -a "$log"
  echo "student: emoscope-cli cv --group corpus --test-corpus $corpus --data ravdess tess nemo ${config[*]} --validation-fraction 0 --teacher TEACHER --distill-weight 0.5 --distill-temperature 2" | tee -a "$log"
  nice -n 10 /usr/bin/time -f "wall %e s" "$cli" cv --group corpus --test-corpus "$corpus" \
    --data "$data/ravdess" "$data/tess" "$data/nemo" "${config[@]}" --validation-fraction 0 \
    --teacher "$work/teacher_$corpus" --distill-weight 0.5 --distill-temperature 2 \
    --json "$out/distill12_${corpus}_loco.json" 2>&1 | tee -a "$log"
done
python3 "$here/scripts/crosscorpus_table.py" --write "$here/docs/RESULTS.md" "$here/docs/results"
