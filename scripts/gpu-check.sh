#!/usr/bin/env bash
# GPU check for machines with an NVIDIA GPU (none of the project's CI machines has one):
#   1. builds core + emoscope-cli (-DEMO_WITH_QT=OFF) against a CUDA libtorch found through
#      CMAKE_PREFIX_PATH (default: the one of python3's torch package),
#   2. trains a small model for 2 epochs with --device cuda on a small data folder,
#   3. predicts the same clips with that bundle on the CPU and on the GPU and prints the largest
#      absolute difference of any class probability; it must stay below THRESHOLD (1e-3: float32
#      kernels differ between the devices, but not by more than this on a softmax output).
#
#   scripts/gpu-check.sh [DATA]    (default ../shared/data/ravdess: actors 01-02, 120 clips;
#                                   or any folder/manifest `train --data` reads)
#
# Environment: CMAKE_PREFIX_PATH (a CUDA libtorch; ':'-separated), BUILD_DIR (default build-gpu),
#   THRESHOLD, EMO_CMAKE_ARGS (extra cmake arguments).
# Exits non-zero if CUDA is not usable, training fails, or the predictions differ too much.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${1:-../shared/data/ravdess}
BUILD_DIR=${BUILD_DIR:-build-gpu}
THRESHOLD=${THRESHOLD:-1e-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [[ -z "${CMAKE_PREFIX_PATH:-}" ]]; then
  CMAKE_PREFIX_PATH=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)' 2>/dev/null || true)
  if [[ -z "$CMAKE_PREFIX_PATH" ]]; then
    echo "gpu-check: set CMAKE_PREFIX_PATH to a CUDA libtorch (or install torch for python3)" >&2
    exit 2
  fi
  export CMAKE_PREFIX_PATH
fi
echo "gpu-check: libtorch from $CMAKE_PREFIX_PATH"
if [[ ! -e "$DATA" ]]; then
  echo "gpu-check: no data at $DATA" >&2
  exit 2
fi
if [[ -d "$DATA/Actor_01" && -d "$DATA/Actor_02" ]]; then  # RAVDESS: a manifest of two actors
  names=(x neutral calm happy sad angry fearful disgust surprised)
  echo "path,label,speaker" > "$WORK/small.csv"
  for f in "$DATA"/Actor_0[12]/*.*; do
    b=$(basename "$f"); e=$((10#$(cut -d- -f3 <<< "$b"))); a=$(cut -d- -f7 <<< "${b%.*}")
    echo "$(realpath "$f"),${names[$e]},ravdess:$a" >> "$WORK/small.csv"
  done
  DATA="$WORK/small.csv"
fi

# 1. Build (pip's libtorch uses the pre-C++11 ABI on older wheels; CMake takes the flags from
#    TorchConfig). Gloo headers: pip wheels may lack them, then --distributed is disabled there.
# shellcheck disable=SC2086  # EMO_CMAKE_ARGS: extra words
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMO_WITH_QT=OFF \
  -DCMAKE_PREFIX_PATH="${CMAKE_PREFIX_PATH//:/;}" ${EMO_CMAKE_ARGS:-}
cmake --build "$BUILD_DIR" --target emoscope-cli
CLI="$BUILD_DIR/bin/emoscope-cli"

# 2. Train on the GPU (a wrong or missing CUDA setup fails here with the reason).
if [[ -d "$DATA" ]]; then
  mapfile -t CLIPS < <(find "$DATA" -type f \( -name '*.wav' -o -name '*.flac' -o -name '*.ogg' \) | sort | head -n 40)
else
  mapfile -t CLIPS < <(tail -n +2 "$DATA" | cut -d, -f1 | head -n 40)
fi
if [[ ${#CLIPS[@]} -lt 8 ]]; then
  echo "gpu-check: need at least 8 audio clips in $DATA" >&2
  exit 2
fi
start=$(date +%s.%N)
"$CLI" train --data "$DATA" --model-type crnn_attn --epochs 2 --batch-size 16 --device cuda \
  --validation-fraction 0 --patience 0 --out "$WORK/gpu-model" --json "$WORK/train.json"
end=$(date +%s.%N)
echo "gpu-check: 2 epochs on the GPU in $(python3 -c "print(f'{$end - $start:.1f}')") s (wall, with feature extraction)"

# 3. The same bundle on both devices.
"$CLI" predict --json --device cpu --model "$WORK/gpu-model" "${CLIPS[@]}" > "$WORK/cpu.json"
"$CLI" predict --json --device cuda --model "$WORK/gpu-model" "${CLIPS[@]}" > "$WORK/gpu.json"
python3 - "$WORK/cpu.json" "$WORK/gpu.json" "$THRESHOLD" <<'PY'
import json, sys
cpu, gpu = (json.load(open(p)) for p in sys.argv[1:3])
threshold = float(sys.argv[3])
assert len(cpu) == len(gpu) > 0, "different numbers of predictions"
worst = 0.0
same = 0
for a, b in zip(cpu, gpu):
    assert a["file"] == b["file"]
    pa, pb = a.get("probabilities", {}), b.get("probabilities", {})
    pairs = zip(pa.values(), pb.values()) if isinstance(pa, dict) else zip(pa, pb)
    for x, y in pairs:
        worst = max(worst, abs(float(x) - float(y)))
    same += a.get("label") == b.get("label")
print(f"gpu-check: {len(cpu)} clips, same label on {same}, max |p_cpu - p_gpu| = {worst:.3g} (threshold {threshold:g})")
sys.exit(0 if worst <= threshold else 1)
PY
echo "gpu-check: passed"
