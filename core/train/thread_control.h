#pragma once
// Process-level settings for training speed: how many threads Eigen's matrix products use
// (Eigen parallelises GEMM only when built with OpenMP; without it setThreads is a no-op and
// threads() reports 1), and keeping freed activation buffers for reuse.
namespace bithep::train {

// n <= 0 means automaticThreads(). Eigen's parallel GEMM waits for its partner thread in a busy
// loop, so on a machine whose cores are already busy two threads can be ten times slower than
// one; the automatic choice therefore only counts cores that are idle.
void setThreads(int n);
int threads();
// Hardware threads minus the 1-minute load average (rounded), at least 1: all cores on an idle
// machine, one when others are computing. Linux reads /proc/loadavg; elsewhere all cores.
int automaticThreads();
bool threadingAvailable();

// Every training step frees and reallocates the same multi-megabyte activation matrices. glibc
// returns such blocks to the OS (mmap/munmap) and the next step page-faults them back in, which
// costs as much as the arithmetic; this raises the mmap and trim thresholds so freed blocks stay
// in the heap. Idempotent; a no-op outside glibc.
void keepFreedBuffers();

}  // namespace bithep::train
