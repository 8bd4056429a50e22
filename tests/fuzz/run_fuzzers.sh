#!/usr/bin/env bash
# Runs every libFuzzer harness of a `fuzz` build for a bounded time and fails on any finding:
# a crash, an escaped exception, undefined behaviour, a leak, a single allocation over 512 MB,
# more than 2 GB resident, or one input running over 60 s. Inputs are at most 1 MiB.
#   tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS_PER_HARNESS [HARNESS ...]
# The mutation seed is fixed (BITHEP_FUZZ_SEED, default 1) so a CI run can be replayed exactly;
# set it to 0 for a random one. The corpus grows in BUILD_DIR/fuzz-run/corpus across runs; findings land in
# BUILD_DIR/fuzz-run/findings (replay one with: BUILD_DIR/tests/fuzz/HARNESS FILE).
set -uo pipefail
build="$(cd "$1" && pwd)"
seconds="$2"
shift 2
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$build/fuzz-run"
mkdir -p "$work/corpus" "$work/findings" "$work/logs"
"$build/tests/fuzz/make_fuzz_seeds" "$work/seeds" "$src/../../resources/lessons" >/dev/null || exit 1

harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for exe in "$build"/tests/fuzz/fuzz_*; do harnesses+=("$(basename "$exe")"); done
fi

dictionary() {
  case "$1" in
    fuzz_npy|fuzz_npz) echo npy ;;
    fuzz_lhe) echo lhe ;;
    fuzz_project_json|fuzz_lesson_json) echo json ;;
    fuzz_binning_xml) echo xml ;;
    *) echo hdf5 ;;
  esac
}

passed=0 failed=0
printf '%-22s %12s %10s %s\n' harness executions exec/s result
for h in "${harnesses[@]}"; do
  mkdir -p "$work/corpus/$h"
  log="$work/logs/$h.log"
  ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0" \
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
  LSAN_OPTIONS="suppressions=$src/lsan.supp:print_suppressions=0" \
    "$build/tests/fuzz/$h" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=512 \
      -max_len=1048576 -timeout=60 -print_final_stats=1 -seed="${BITHEP_FUZZ_SEED:-1}" \
      -dict="$src/dict/$(dictionary "$h").dict" -artifact_prefix="$work/findings/$h-" \
      "$work/corpus/$h" "$work/seeds/$h" >"$log" 2>&1
  rc=$?
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -1)
  rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log" | tail -1)
  if [ $rc -eq 0 ]; then
    passed=$((passed + 1)); result=ok
  else
    failed=$((failed + 1)); result="FINDING (exit $rc), log: $log"
  fi
  printf '%-22s %12s %10s %s\n' "$h" "${execs:-?}" "${rate:-?}" "$result"
  if [ $rc -ne 0 ]; then grep -m 5 -E 'ERROR|finding|SUMMARY|runtime error' "$log" | sed 's/^/    /'; fi
done
echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
