#!/usr/bin/env bash
# The two commands of the README:
#   scripts/bootstrap.sh run    install what is missing, build, open the app on the shipped model
#   scripts/bootstrap.sh test   install what is missing, build, run every test (ctest)
# BUILD_DIR (default build/) and JOBS (default: all cores) may be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"
BUILD_DIR="${BUILD_DIR:-build}"
JOBS="${JOBS:-$(nproc)}"

case "$mode" in
  run)  bash scripts/setup.sh ;;
  test) bash scripts/setup.sh --with-tests ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$BUILD_DIR" -j "$JOBS"

if [[ "$mode" == "run" ]]; then
  exec "$BUILD_DIR/bin/emoscope"
fi
cd "$BUILD_DIR"
ctest --output-on-failure --timeout 900 -j "$JOBS"
