#!/usr/bin/env bash
# clang-tidy (.clang-tidy's checks, every finding an error) on the product sources changed by the
# last N commits (default 3; BITHEP_TIDY_COMMITS=all checks the whole tree, ~20 s of CPU per
# file). A header counts through the source file of the same name; headers without one are
# checked where a checked source includes them. Uses a configure-only build folder without
# precompiled headers (build/tidy), so clang reads the same flags as the build. A clone too
# shallow to show what the last commits changed is deepened when the remote allows it, and
# otherwise checks the commits it has (none: it says so and checks nothing).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
commits="${BITHEP_TIDY_COMMITS:-3}"
jobs="$(nproc 2>/dev/null || echo 2)"
if [ "$commits" != all ] && ! [[ "$commits" =~ ^[0-9]+$ ]]; then
  echo "BITHEP_TIDY_COMMITS must be a number of commits or 'all', not '$commits'" >&2
  exit 2
fi

cmake -S . -B build/tidy -G Ninja -DBITHEP_PCH=OFF -DBITHEP_USE_CCACHE=OFF -DBITHEP_BUILD_TESTS=OFF \
      -DBITHEP_BUILD_BENCH=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null

if [ "$commits" = all ]; then
  changed=$(git ls-files 'core/*.cpp' 'widgets/*.cpp' 'app/*.cpp')
else
  if [ "$(git rev-parse --is-shallow-repository)" = true ] &&
     [ "$(git rev-list --count HEAD)" -le "$commits" ]; then
    git fetch --quiet --deepen="$commits" 2>/dev/null || true
  fi
  available=$(( $(git rev-list --count HEAD) - 1 ))  # commits with a parent to compare with
  if [ "$available" -lt "$commits" ]; then
    echo "clang-tidy: only $available of the last $commits commits have their parent here; checking those"
    commits=$available
  fi
  if [ "$commits" -eq 0 ]; then
    echo "clang-tidy: no commit to compare with (BITHEP_TIDY_COMMITS=all checks the whole tree)"
    exit 0
  fi
  changed=$(git diff --name-only "HEAD~$commits" HEAD -- 'core/*' 'widgets/*' 'app/*')
fi
files=()
while IFS= read -r f; do
  case "$f" in
    *.cpp) [ -f "$f" ] && files+=("$f") ;;
    *.h) [ -f "${f%.h}.cpp" ] && files+=("${f%.h}.cpp") ;;
  esac
done <<< "$changed"
if [ ${#files[@]} -eq 0 ]; then
  echo "clang-tidy: no product source changed in the last $commits commits"
  exit 0
fi
mapfile -t files < <(printf '%s\n' "${files[@]}" | sort -u)
echo "clang-tidy on ${#files[@]} files changed in the last $commits commits"
# One file per call; its output is shown only when it fails (clang-tidy prints "N warnings
# generated" for system headers even when nothing is wrong).
tidy_one() {
  local out
  if ! out=$(clang-tidy -p build/tidy --quiet "$1" 2>&1); then
    printf '%s\n' "$out"
    return 1
  fi
}
export -f tidy_one
if ! printf '%s\n' "${files[@]}" | xargs -d '\n' -P "$jobs" -n 1 bash -c 'tidy_one "$1"' _; then
  echo "clang-tidy: findings above (or clang-tidy could not run)" >&2
  exit 1
fi
echo "clang-tidy: no findings"
