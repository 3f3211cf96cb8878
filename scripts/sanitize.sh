#!/usr/bin/env bash
# One command per sanitizer build (cmake/Sanitizers.cmake, EMO_SANITIZE):
#   scripts/sanitize.sh asan [CTEST ARGS...]   build-asan: ASan + UBSan, the whole test suite
#   scripts/sanitize.sh tsan [CTEST ARGS...]   build-tsan: TSan, the threaded tests only (streaming,
#                                              live session, inference/training workers, ring buffer,
#                                              live, review and train tabs, microphone capture); builds only their
#                                              executables
#   scripts/sanitize.sh asan --configure-only  just configure (a quick check of the set-up)
# Suppressions (third-party code only, each one explained in the file) are in tests/sanitizers/.
# Environment: CXX (compiler; default the system c++), EMO_JOBS (build jobs, default 2),
# EMO_TSAN_REGEX (the ctest -R regex of the tsan run).
set -euo pipefail
mode=${1:-}
[[ $# -gt 0 ]] && shift
root=$(cd "$(dirname "$0")/.." && pwd)
supp="$root/tests/sanitizers"
case "$mode" in
  asan) build="$root/build-asan" sanitize=address ;;
  tsan) build="$root/build-tsan" sanitize=thread ;;
  *) echo "usage: scripts/sanitize.sh asan|tsan [--configure-only | ctest args...]" >&2; exit 2 ;;
esac

# RelWithDebInfo: optimised, with line numbers in the reports.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEMO_SANITIZE="$sanitize" \
  ${CXX:+-DCMAKE_CXX_COMPILER="$CXX"}
if [[ ${1:-} == --configure-only ]]; then exit 0; fi
tsan_regex=${EMO_TSAN_REGEX:-'core\.infer|core\.audio\.ringbuffer|core\.train|ui\.livetab|ui\.train|ui\.review|ui\.capture|ui\.calibration|ui\.microphone'}
if [[ $mode == asan ]]; then
  nice -n 10 cmake --build "$build" -j "${EMO_JOBS:-2}"
else
  # Only the executables of the selected tests (test core.infer.streaming is target
  # tst_core_infer_streaming): a TSan build of everything would double the build time.
  mapfile -t targets < <(ctest --test-dir "$build" -N -R "$tsan_regex" | sed -n 's/^ *Test *#[0-9]*: *//p' | tr . _ | sed 's/^/tst_/')
  nice -n 10 cmake --build "$build" -j "${EMO_JOBS:-2}" --target "${targets[@]}"
fi

export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
# ignore_noninstrumented_modules: accesses made inside Qt, GLib, PulseAudio and libtorch (built
# without TSan) are not tracked, as their own locks are invisible; die_after_fork=0: QProcess
# forks and execs the test's PulseAudio daemon while threads run, which is safe.
export TSAN_OPTIONS="suppressions=$supp/tsan.supp:second_deadlock_stack=1:halt_on_error=1:ignore_noninstrumented_modules=1:die_after_fork=0"
# One OpenMP/BLAS thread: libtorch's OpenMP runtime (libgomp) is not instrumented, so its
# worker threads only produce reports about libgomp itself (see tsan.supp).
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

if [[ $mode == asan ]]; then
  ctest --test-dir "$build" --output-on-failure "$@"
else
  # TSan needs a fixed address-space layout on kernels with high mmap randomisation.
  norandom=()
  command -v setarch >/dev/null && norandom=(setarch "$(uname -m)" -R)
  "${norandom[@]}" ctest --test-dir "$build" --output-on-failure -R "$tsan_regex" "$@"
fi
