#include "core/train/thread_control.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "core/kernels/fp32_gemm.h"
#include "core/platform/system_load.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace bithep::train {

int automaticThreads() {
    const int cores = platform::hardwareThreads();
    const double load = platform::loadAverage();
    if (load < 0.0) return cores;
    return std::clamp(static_cast<int>(std::floor(double(cores) - load + 0.5)), 1, cores);
}

void setThreads(int n) {
    if (n <= 0) n = automaticThreads();
    Eigen::setNbThreads(n);
    kernels::setFp32Threads(n);  // each fp32 variant has its own (renamed) Eigen
}

int threads() { return Eigen::nbThreads(); }

bool threadingAvailable() {
#ifdef EIGEN_HAS_OPENMP
    return true;
#else
    return false;
#endif
}

void keepFreedBuffers() {
#ifdef __GLIBC__
    static const bool done = [] {
        mallopt(M_MMAP_THRESHOLD, 1 << 30);  // blocks below 1 GiB come from the heap
        mallopt(M_TRIM_THRESHOLD, 1 << 30);  // and up to 1 GiB of free heap is kept
        return true;
    }();
    (void)done;
#endif
}

}  // namespace bithep::train
