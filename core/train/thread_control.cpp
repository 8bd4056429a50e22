#include "core/train/thread_control.h"

#include <Eigen/Core>
#include <algorithm>
#include <thread>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace bithep::train {

void setThreads(int n) {
    if (n <= 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    Eigen::setNbThreads(n);
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
