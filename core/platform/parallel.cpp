#include "core/platform/parallel.h"

#include <thread>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace bithep::platform {

void runPair(const std::function<void()>& first, const std::function<void()>& second) {
#ifdef _OPENMP
    // Inside another parallel region OpenMP would run both pieces on this thread, one after the
    // other, which is still correct.
#pragma omp parallel num_threads(2)
    {
        if (omp_get_thread_num() == 0) {
            first();
            if (omp_get_num_threads() < 2) second();
        } else {
            second();
        }
    }
#else
    std::thread helper(second);
    first();
    helper.join();
#endif
}

int poolThreads() {
#ifdef _OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}

}  // namespace bithep::platform
