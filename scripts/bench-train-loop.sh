#!/usr/bin/env bash
# Training speed of two emoscope-cli binaries side by side: the same training (RAVDESS, crnn_attn,
# one thread, features from the cache) run alternately by each, so load changes hit both alike.
# Prints one line per run with the trainer's own seconds per epoch (training.history[].seconds of --json:
# training and validation, no feature extraction) and the per-epoch losses and validation UA,
# then the mean s/epoch of each binary.
# Usage: scripts/bench-train-loop.sh OLD_CLI NEW_CLI [RUNS] [-- EXTRA ARGS FOR THE NEW BINARY]
#   e.g. OLD_CLI built from commit ff8f179 (the loop before EpochSampler/read-ahead), NEW_CLI
#   build/bin/emoscope-cli, extra args --bucket-by-length.
set -euo pipefail
old="${1:?usage: scripts/bench-train-loop.sh OLD_CLI NEW_CLI [RUNS] [-- EXTRA ARGS]}"
new="${2:?usage: scripts/bench-train-loop.sh OLD_CLI NEW_CLI [RUNS] [-- EXTRA ARGS]}"
runs="${3:-4}"
shift $(( $# < 3 ? $# : 3 ))
[[ "${1:-}" == "--" ]] && shift
extra=("$@")
here="$(cd "$(dirname "$0")/.." && pwd)"
data="${EMO_SHARED_DIR:-$here/../shared}/data/ravdess"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
common=(train --data "$data" --model-type crnn_attn --epochs "${EMO_EPOCHS:-3}" --patience 0 --threads 1 --seed 42)

summary() {  # json -> "s/epoch: a b c | loss: ... | val UA: ..."
  python3 - "$1" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))["training"]["history"]
print("s/epoch " + " ".join(f"{e['seconds']:.2f}" for e in h),
      "| loss " + " ".join(f"{e['train_loss']:.4f}" for e in h),
      "| val UA " + " ".join(f"{e['val_ua']:.3f}" for e in h))
PY
}

echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  for which in old new; do
    cli="$old"; args=()
    [[ $which == new ]] && { cli="$new"; args=("${extra[@]}"); }
    nice -n 10 "$cli" "${common[@]}" "${args[@]}" --out "$work/$which$i" --json "$work/$which$i.json" > "$work/$which$i.log" 2>&1 \
      || { echo "$which run $i failed:"; tail -5 "$work/$which$i.log"; exit 1; }
    echo "$which $i: $(summary "$work/$which$i.json")"
  done
done | tee "$work/all.txt"
python3 - "$work" "$runs" <<'PY'
import json, sys, statistics
work, runs = sys.argv[1], int(sys.argv[2])
mean = {}
for which in ("old", "new"):
    per_run = [statistics.mean(e["seconds"] for e in json.load(open(f"{work}/{which}{i}.json"))["training"]["history"])
               for i in range(1, runs + 1)]
    mean[which] = statistics.mean(per_run)
    print(f"{which}: mean s/epoch {mean[which]:.2f} (runs: {' '.join(f'{s:.2f}' for s in per_run)})")
print(f"speed-up old/new: {mean['old'] / mean['new']:.2f}x")
PY
