#!/usr/bin/env bash
# clang-tidy (.clang-tidy's checks, every finding an error) on the product sources changed by the
# last N commits (default 3; BITHEP_TIDY_COMMITS=all checks the whole tree, ~20 s of CPU per
# file). A header counts through the source files of the same name. Uses a configure-only build
# folder without precompiled headers (build/tidy), so clang reads the same flags as the build.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
commits="${BITHEP_TIDY_COMMITS:-3}"
jobs="$(nproc 2>/dev/null || echo 2)"

cmake -S . -B build/tidy -G Ninja -DBITHEP_PCH=OFF -DBITHEP_USE_CCACHE=OFF -DBITHEP_BUILD_TESTS=OFF \
      -DBITHEP_BUILD_BENCH=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null

if [ "$commits" = all ]; then
  changed=$(git ls-files 'core/*.cpp' 'widgets/*.cpp' 'app/*.cpp')
else
  available=$(git rev-list --count HEAD)
  [ "$commits" -ge "$available" ] && commits=$((available - 1))
  if [ "$commits" -le 0 ]; then
    changed=$(git ls-files 'core/*.cpp' 'widgets/*.cpp' 'app/*.cpp')
  else
    changed=$(git diff --name-only "HEAD~$commits" HEAD -- 'core/*' 'widgets/*' 'app/*')
  fi
fi
files=()
for f in $changed; do
  case "$f" in
    *.cpp) [ -f "$f" ] && files+=("$f") ;;
    *.h) [ -f "${f%.h}.cpp" ] && files+=("${f%.h}.cpp") ;;
  esac
done
if [ ${#files[@]} -eq 0 ]; then
  echo "clang-tidy: no product source changed in the last $commits commits"
  exit 0
fi
mapfile -t files < <(printf '%s\n' "${files[@]}" | sort -u)
echo "clang-tidy on ${#files[@]} files changed in the last $commits commits"
printf '%s\n' "${files[@]}" | xargs -P "$jobs" -n 1 clang-tidy -p build/tidy --quiet 2>/dev/null
echo "clang-tidy: no findings"
