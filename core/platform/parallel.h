#pragma once
// Fork/join of exactly two pieces of work, for the kernels' and benchmarks' two-thread split.
// With OpenMP (always, in our builds) it runs on libgomp's persistent thread pool: a fork/join
// then costs about a microsecond, where starting and joining a std::thread costs ~25 us, which
// used to make every forced two-thread call on a small layer slower than one thread.
// The functions must not throw: report failures through captured state instead.
#include <functional>

namespace bithep::platform {

// Runs first on the calling thread and second on a pool thread, and returns when both are done.
void runPair(const std::function<void()>& first, const std::function<void()>& second);

// Threads OpenMP would use for a parallel region here (1 without OpenMP).
int poolThreads();

}  // namespace bithep::platform
