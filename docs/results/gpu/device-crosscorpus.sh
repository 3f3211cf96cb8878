#!/usr/bin/env bash
# Device machine only: the cross-corpus experiments (12 epochs, 1 augmented copy, seed 42: the
# local pooled12 configuration) on the GPU, each a background process (setsid), logs and JSON
# under .xrun/. Stage 1 runs one experiment per distinct feature set (their extraction fills the
# shared feature cache); stage 2 starts the runs that reuse the light+voice log-mel set once its
# first run trains. Then waits until DEADLINE seconds have passed and packs .xrun into $OUT.
set -u
DEADLINE=${1:-240}
t0=$(date +%s)
cli="$PWD/build-gpu/bin/emoscope-cli"
export LD_LIBRARY_PATH="$PWD/.devdeps/root/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
export EMO_CACHE_DIR="$PWD/.xcache"
X=build-gpu/xdata; ALL="--data $X/ravdess $X/tess_a $X/tess_b $X/nemo_a $X/nemo_b"
BASE="--schema ravdess8 --threads 1 --epochs 12 --seed 42 --validation-fraction 0 --model-type crnn_attn --norm utterance --batch-size 32 --lr 0.002 --weight-decay 0.01 --loss weighted --augment-copies 1 --lr-schedule cosine --device cuda"
mkdir -p .xrun
run() {  # name, then arguments of emoscope-cli
  local name="$1"; shift
  echo "== ${name}_gpu ($(date -u +%FT%TZ), device machine, $(nvidia-smi --query-gpu=name --format=csv,noheader)): emoscope-cli $*" > .xrun/$name.log
  setsid bash -c "s=\$(date +%s); '$cli' $* --json .xrun/$name.json >> .xrun/$name.log 2>&1; echo \"exit \$? wall \$(( \$(date +%s) - s )) s\" >> .xrun/$name.log" < /dev/null > /dev/null 2>&1 &
}
waitfor() {  # until run $1 has started training (or ended)
  for _ in $(seq 300); do grep -q -E "epoch|fold|exit" .xrun/$1.log 2>/dev/null && return; sleep 1; done
}
LOCO="cv --group corpus $ALL $BASE"
run pooled12_loco  $LOCO --augment light+voice --sampling corpus
run reverb12_loco  $LOCO --augment light+voice+reverb --sampling corpus
run band12_loco    $LOCO --augment light+voice+band --sampling corpus
run codec12_loco   $LOCO --augment light+voice+codec --sampling corpus
run noise12_loco   $LOCO --augment light+voice+noise --sampling corpus
run pcen12_loco    $LOCO --augment light+voice --features pcen --sampling corpus
waitfor pooled12_loco
run spknorm12_loco cv --group corpus $ALL ${BASE/--norm utterance/--norm speaker} --augment light+voice --sampling corpus
run ecapa12_loco   cv --group corpus $ALL ${BASE/crnn_attn/ecapa} --augment light+voice --sampling corpus
run pooled12_speaker cv --group speaker --folds 5 $ALL $BASE --augment light+voice --sampling corpus
while (( $(date +%s) - t0 < DEADLINE )); do
  n=$(grep -l "^exit" .xrun/*.log 2>/dev/null | wc -l); (( n >= 9 )) && break; sleep 5
done
echo "after $(( $(date +%s) - t0 )) s:"; for f in .xrun/*.log; do echo "-- $f"; grep -v "^features\|^ *[0-9]*/" "$f" | tail -n 5; done
nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv
tar czf "$OUT/xrun.tgz" .xrun
