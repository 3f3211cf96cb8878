#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang in build-fuzz and runs each one.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, all targets)
#   e.g. scripts/fuzz.sh 600 label_files model_json
# Each run uses -seed=1 on its checked-in corpus (tests/fuzz/corpus/<target>) and regressions
# (tests/fuzz/regressions/<target>), which are read, never written: new inputs, logs and any
# crash-*/leak-*/timeout-* inputs go to build-fuzz/fuzz-work/long/<target>/. Exit status 1 if any
# target found something. Environment: EMO_FUZZ_BUILD (build folder), EMO_JOBS (default 2),
# EMO_FUZZ_FLAGS (extra libFuzzer flags, e.g. "-max_len=4096"), EMO_FUZZ_RESUME=1 (start from the
# inputs earlier runs found instead of an empty work corpus).
# The short CTest runs of the same targets: ctest --test-dir build-fuzz -L fuzz
set -euo pipefail
seconds=${1:-60}
[[ $# -gt 0 ]] && shift
root=$(cd "$(dirname "$0")/.." && pwd)
build=${EMO_FUZZ_BUILD:-$root/build-fuzz}
all=(audio_reader manifest_csv label_files feature_params stream_params model_json speaker_profile)
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all[@]}")

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (scripts/setup.sh --with-tests)" >&2; exit 2; }
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
  -DEMO_FUZZ=ON -DEMO_WITH_QT=OFF >/dev/null
nice -n 10 cmake --build "$build" -j "${EMO_JOBS:-2}" --target $(printf 'fuzz_%s ' "${targets[@]}")

status=0
summary=()
for t in "${targets[@]}"; do
  echo "=== fuzz_$t: $seconds s"
  set +e
  # audio_reader runs in libFuzzer's fork mode (a fresh worker process per job): libvorbis leaks
  # ~6 kB on every damaged Ogg file libsndfile refuses (suppressed, tests/sanitizers/lsan.supp),
  # which in one process adds up to the 2 GB limit within 10 minutes. OOMs, timeouts and crashes
  # still stop the run (fork mode would ignore the first two by default).
  flags=()
  [[ $t == audio_reader ]] && flags=(-fork=1 -ignore_ooms=0 -ignore_timeouts=0 -ignore_crashes=0)
  # shellcheck disable=SC2086
  nice -n 10 "$root/tests/fuzz/run_target.sh" "$build/fuzz/fuzz_$t" "$t" "$seconds" "$build/fuzz-work/long" \
    "${flags[@]}" ${EMO_FUZZ_FLAGS:-}
  rc=$?
  set -e
  log="$build/fuzz-work/long/$t/log.txt"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  # Fork mode prints no final stats: its last "#N: cov: ..." line has the total.
  [[ -z $execs ]] && execs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -n 1)
  summary+=("$(printf '%-16s exit %-3s executions %-10s corpus %s' "$t" "$rc" "${execs:-?}" \
    "$(ls "$build/fuzz-work/long/$t/corpus" | wc -l) new")")
  [[ $rc -ne 0 ]] && status=1
done
echo "=== summary ($seconds s per target, -seed=1)"
printf '%s\n' "${summary[@]}"
exit "$status"
