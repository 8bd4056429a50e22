#include "core/platform/system_load.h"

#include <algorithm>
#include <fstream>
#include <thread>

namespace bithep::platform {

double loadAverage() {
    std::ifstream in("/proc/loadavg");
    double load = -1.0;
    if (!(in >> load) || !(load >= 0.0)) return -1.0;
    return load;
}

int hardwareThreads() {
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

bool machineBusy(double load, int ownThreads) {
    // The average lags by up to a minute, so this process's own threads count fully.
    return load >= 0.0 && load > double(std::max(1, ownThreads)) + 0.5;
}

}  // namespace bithep::platform
