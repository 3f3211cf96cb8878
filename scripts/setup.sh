#!/usr/bin/env bash
# Installs exactly the Debian 12 packages EmoScope needs, skipping those already installed
# (a second run takes seconds). Usage: scripts/setup.sh [--with-tests]
set -euo pipefail

BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-multimedia-dev qt6-charts-dev libqt6opengl6-dev libxkbcommon-dev
  qt6-qpa-plugins libqt6svg6 fonts-dejavu-core
  libtorch-dev libgloo-dev libopenblas0-pthread
  libfftw3-dev libsndfile1-dev libsoxr-dev nlohmann-json3-dev libcli11-dev
  help2man
)
# Tests also need a PulseAudio daemon (virtual microphone), sox (crafting odd-format audio),
# clang's fuzzing runtime, PyYAML (packaging/cluster/check-recipes.py), and lintian + appstream
# (the package checks of tests/packaging).
TEST_PACKAGES=(pulseaudio pulseaudio-utils sox clang libclang-rt-14-dev xvfb xauth python3-yaml lintian appstream)

wanted=("${BUILD_PACKAGES[@]}")
if [[ "${1:-}" == "--with-tests" ]]; then wanted+=("${TEST_PACKAGES[@]}"); fi

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#wanted[@]} packages already installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
