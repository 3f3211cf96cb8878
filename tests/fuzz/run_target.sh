#!/usr/bin/env bash
# Runs one libFuzzer target on its checked-in seeds and regressions without writing to them.
#   run_target.sh BINARY NAME SECONDS WORK_ROOT [extra libFuzzer flags...]
# New inputs go to WORK_ROOT/NAME/corpus (emptied first unless EMO_FUZZ_RESUME=1, which continues
# from the inputs found by earlier runs), crash/leak/timeout inputs to WORK_ROOT/NAME/crash-*, the
# log to WORK_ROOT/NAME/log.txt. Fixed seed (-seed=1).
# Exit status: libFuzzer's (0 = nothing found).
set -uo pipefail
bin=$1 name=$2 seconds=$3 root=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
work="$root/$name"
if [[ ${EMO_FUZZ_RESUME:-0} == 1 ]]; then rm -f "$work/log.txt"; else rm -rf "$work"; fi
mkdir -p "$work/corpus"
dirs=("$work/corpus")
for d in "$here/corpus/$name" "$here/regressions/$name"; do
  [[ -d $d ]] && dirs+=("$d")
done
flags=(-seed=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
       -print_final_stats=1 -artifact_prefix="$work/")
[[ -f $here/dicts/$name.dict ]] && flags+=(-dict="$here/dicts/$name.dict")
# UB aborts (-fno-sanitize-recover); print its stack. Leaks are checked by libFuzzer per input.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
# Third-party leaks only (libvorbis), see the file.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/../sanitizers/lsan.supp:print_suppressions=0}
"$bin" "${flags[@]}" "$@" "${dirs[@]}" >"$work/log.txt" 2>&1
rc=$?
# The summary lines: start, final stats, and any sanitizer report.
grep -E "^(INFO: seed|INFO: Loaded|#[0-9]+ +(INITED|DONE)|Done |stat::|==[0-9]+==ERROR|SUMMARY|Test unit written|artifact_prefix)" \
  "$work/log.txt" | head -n 40
grep -E "^#[0-9]+: cov" "$work/log.txt" | tail -n 1  # fork mode's last status line (-fork=N)
[[ $rc -ne 0 ]] && tail -n 60 "$work/log.txt"
echo "fuzz.$name: exit $rc (log: $work/log.txt)"
exit "$rc"
