#!/usr/bin/env bash
# One entry point for users and CI on Debian 12:
#   scripts/setup.sh run       install missing packages, build the explorer alone (Release, for
#                              this machine's CPU), open it (no display: run the batch demo and
#                              say where the figures went)
#   scripts/setup.sh test      same set-up, build everything, then the whole test suite (CTest)
#   scripts/setup.sh package   the Debian package from the portable build (any x86-64 CPU), then
#                              the test that unpacks it and runs it
#   scripts/setup.sh sanitize  unit and kernel tests under AddressSanitizer + UBSan (clang, the
#                              `fuzz` build; CI runs it)
#   scripts/setup.sh fuzz [S]  every loader's libFuzzer harness for S seconds each (default 60)
#   scripts/setup.sh tidy      clang-tidy (.clang-tidy) on the sources of the last 3 commits
#                              (BITHEP_TIDY_COMMITS=N or all; scripts/tidy.sh)
# Idempotent: packages already present are not reinstalled and builds are incremental.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
jobs="$(nproc 2>/dev/null || echo 2)"
# Hash paths relative to the checkout so a fresh clone elsewhere reuses the compiler cache.
export CCACHE_BASEDIR="$repo"

# Keep in sync with cmake/BithepDependencies.cmake.
packages=(
  build-essential cmake ninja-build pkg-config ccache
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev qt6-qpa-plugins
  libgl-dev libegl-dev libvulkan-dev libxkbcommon-dev fonts-dejavu-core
  libeigen3-dev libhdf5-dev libfastjet-dev libzip-dev nlohmann-json3-dev libpugixml-dev
  libbenchmark-dev libsimde-dev
)
# The sanitizer and fuzz builds use clang (libFuzzer, its runtime, and OpenMP for clang).
fuzz_packages=(clang libclang-rt-14-dev libomp-dev)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_missing_packages() {  # $@ = extra packages
  local missing=()
  for p in "${packages[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing missing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      echo "error: these packages are missing and this is not root and sudo is not available:" >&2
      echo "  apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {  # $1 = CMake preset, then optional target names
  local preset="$1"
  shift
  say "Configuring and building ($preset${1:+: $*})"
  cmake --preset "$preset" >/dev/null
  if [ $# -gt 0 ]; then
    cmake --build --preset "$preset" -j "$jobs" --target "$@"
  else
    cmake --build --preset "$preset" -j "$jobs"
  fi
}

run_explorer() {
  local exe="$repo/build/release/app/bithep-explorer"
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    say "Opening BitHEP Explorer"
    exec "$exe" "$@"
  fi
  local out="$repo/demo-output"
  say "No display found: running the batch demo instead"
  "$exe" --batch demo --out "$out"
  say "Figures and data written to $out"
}

case "${1:-}" in
  run)      install_missing_packages; build release bithep-explorer; shift; run_explorer "$@" ;;
  test)     install_missing_packages; build release
            say "Running the test suite"
            ctest --preset release ;;
  package)  install_missing_packages; build portable
            say "Making the Debian package"
            (cd build/portable && cpack -G DEB)
            say "Testing the package (unpacked into a temporary folder and run)"
            ctest --preset portable
            say "Install it with: sudo apt install ./$(ls build/portable/bithep-explorer_*.deb | head -1)" ;;
  sanitize) install_missing_packages "${fuzz_packages[@]}"; build fuzz
            say "Running unit and kernel tests under ASan + UBSan"
            ctest --preset fuzz ;;
  fuzz)     install_missing_packages "${fuzz_packages[@]}"; build fuzz
            say "Fuzzing every loader for ${2:-60} s each"
            tests/fuzz/run_fuzzers.sh build/fuzz "${2:-60}" ;;
  tidy)     install_missing_packages clang-tidy libomp-dev
            say "clang-tidy on the latest changes"
            scripts/tidy.sh ;;
  *) echo "usage: scripts/setup.sh run|test|package|sanitize|fuzz [seconds]|tidy" >&2; exit 2 ;;
esac
