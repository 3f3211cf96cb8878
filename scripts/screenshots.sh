#!/usr/bin/env bash
# Screenshots of the main states of the window into docs/screenshots/ (live_idle, live_playing,
# presentation, live_instant, the Review and Train tabs). Drives the real app with the
# ../shared samples: `emoscope --screenshot DIR`. Runs under xvfb-run (1920x1080) when it is
# installed, else on Qt's offscreen platform.
#   scripts/screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${1:-${BUILD_DIR:-build}}"
OUT_DIR="${2:-docs/screenshots}"
cmake --build "$BUILD_DIR" --target emoscope
mkdir -p "$OUT_DIR"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
# No sound server is needed (files are paced silently when no output device answers).
export PULSE_SERVER="${PULSE_SERVER:-unix:/nonexistent}"
if command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1920x1080x24" "$BUILD_DIR/bin/emoscope" --screenshot "$OUT_DIR"
else
  QT_QPA_PLATFORM=offscreen "$BUILD_DIR/bin/emoscope" --screenshot "$OUT_DIR"
fi
ls -l "$OUT_DIR"
