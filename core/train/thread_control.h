#pragma once
// Process-level settings for training speed: how many threads Eigen's matrix products use
// (Eigen parallelises GEMM only when built with OpenMP; without it setThreads is a no-op and
// threads() reports 1), and keeping freed activation buffers for reuse.
namespace bithep::train {

void setThreads(int n);  // n <= 0 means all hardware threads
int threads();
bool threadingAvailable();

// Every training step frees and reallocates the same multi-megabyte activation matrices. glibc
// returns such blocks to the OS (mmap/munmap) and the next step page-faults them back in, which
// costs as much as the arithmetic; this raises the mmap and trim thresholds so freed blocks stay
// in the heap. Idempotent; a no-op outside glibc.
void keepFreedBuffers();

}  // namespace bithep::train
