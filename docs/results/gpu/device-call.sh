#!/usr/bin/env bash
# Device call 1: build core + CLI against the image's CUDA PyTorch, GPU check, GPU timings.
set -u
bash .devdeps/setup.sh && source .devdeps/env.sh
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
python3 -c 'import torch;print("torch", torch.__version__, torch.version.cuda)'
lscpu | grep "Model name"; g++ --version | head -1; cmake --version | head -1
t0=$(date +%s)
build() {  # extra cmake arguments
  cmake -S . -B build-gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DEMO_WITH_QT=OFF -DPKG_CONFIG_EXECUTABLE="$PKG_CONFIG" \
    -DEMO_SHARED_DIR="$PWD/.xdata" -DCMAKE_CUDA_ARCHITECTURES=90 -DCMAKE_PREFIX_PATH="${CMAKE_PREFIX_PATH//:/;}" "$@" > "$OUT/cmake$#.log" 2>&1 || { tail -20 "$OUT/cmake$#.log"; return 1; }
  grep -i "emoscope\|torch" "$OUT/cmake$#.log" | head -8
  cmake --build build-gpu -j 16 --target emoscope-cli -- -k 0 > "$OUT/build$#.log" 2>&1
  local rc=$?
  grep -E "error|FAILED" "$OUT/build$#.log" | head -25
  return $rc
}
build -DCMAKE_CXX_STANDARD=20 \
      || { rm -rf build-gpu; echo "== retry: C++20, no distributed"; build -DCMAKE_CXX_STANDARD=20 -DEMO_WITH_DISTRIBUTED=OFF; } \
      || { echo "build failed after $(( $(date +%s) - t0 )) s"; exit 1; }
echo "built after $(( $(date +%s) - t0 )) s"
cli=build-gpu/bin/emoscope-cli
export EMO_CACHE_DIR=$PWD/.xcache
t1=$(date +%s)
BUILD_DIR=build-gpu bash scripts/gpu-check.sh .xdata/ravdess > "$OUT/gpucheck.log" 2>&1; rc=$?
grep "gpu-check" "$OUT/gpucheck.log" | tail -8; echo "gpu-check exit $rc after $(( $(date +%s) - t1 )) s"
timed() {  # name, command...: wall seconds of a command, its last lines
  local name=$1; shift; local s=$(date +%s.%N)
  "$@" > "$OUT/$name.log" 2>&1; local rc=$?
  echo "== $name: exit $rc, wall $(python3 -c "print(f'{$(date +%s.%N) - $s:.1f}')") s"; grep -v "^features\|^ *[0-9]*/" "$OUT/$name.log" | tail -4
}
# Training throughput, RAVDESS actors 01-20 (1200 clips), 4 epochs, features cached by the first run.
timed feat_cache $cli train --data .xdata/ravdess --model-type crnn_attn --epochs 1 --validation-fraction 0 --patience 0 --threads 16 --device cpu --out .xrun_warm
timed gpu_train $cli train --data .xdata/ravdess --model-type crnn_attn --epochs 4 --validation-fraction 0 --patience 0 --threads 1 --device cuda --out .xrun_gpu_model --json "$OUT/gpu_train.json"
timed cpu_train $cli train --data .xdata/ravdess --model-type crnn_attn --epochs 4 --validation-fraction 0 --patience 0 --threads 1 --device cpu --out .xrun_cpu_model --json "$OUT/cpu_train.json"
timed bench_cuda $cli bench infer --device cuda --model .xrun_gpu_model
timed bench_cpu $cli bench infer --device cpu --model .xrun_gpu_model
echo "call 1 done after $(( $(date +%s) - t0 )) s"
