// Path selection: CPUID once, then an override from the API or the environment.
#include "core/kernels/kernel_path.h"

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "core/platform/cpu_features.h"

namespace bithep::kernels {

namespace {

constexpr int kAuto = -1;
std::atomic<int> g_forced{kAuto};
std::atomic<int> g_threads{0};

KernelPath environmentOrBest() {
    const char* env = std::getenv("BITHEP_KERNEL");
    if (env == nullptr || *env == '\0') return bestKernelPath();
    KernelPath path{};
    try {
        path = parseKernelPath(env);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(std::string("BITHEP_KERNEL: ") + e.what());
    }
    if (!kernelPathSupported(path))
        throw std::runtime_error(std::string("BITHEP_KERNEL=") + env +
                                 ": this CPU does not support that path");
    return path;
}

}  // namespace

std::string_view kernelPathName(KernelPath path) {
    switch (path) {
        case KernelPath::Ref: return "ref";
        case KernelPath::Avx2: return "avx2";
        case KernelPath::AvxVnni: return "avxvnni";
        case KernelPath::Avx512Vnni: return "avx512vnni";
    }
    return "unknown";
}

KernelPath parseKernelPath(std::string_view name) {
    for (KernelPath p : {KernelPath::Ref, KernelPath::Avx2, KernelPath::AvxVnni, KernelPath::Avx512Vnni})
        if (name == kernelPathName(p)) return p;
    throw std::invalid_argument("unknown kernel path '" + std::string(name) +
                                "' (expected ref, avx2, avxvnni or avx512vnni)");
}

bool kernelPathSupported(KernelPath path) {
    const auto& f = platform::cpuFeatures();
    switch (path) {
        case KernelPath::Ref: return true;
        case KernelPath::Avx2: return f.avx2;
        case KernelPath::AvxVnni: return f.avx2 && f.avxvnni;
        case KernelPath::Avx512Vnni: return f.avx512f && f.avx512bw && f.avx512vnni;
    }
    return false;
}

std::vector<KernelPath> supportedKernelPaths() {
    std::vector<KernelPath> paths;
    for (KernelPath p : {KernelPath::Ref, KernelPath::Avx2, KernelPath::AvxVnni, KernelPath::Avx512Vnni})
        if (kernelPathSupported(p)) paths.push_back(p);
    return paths;
}

KernelPath bestKernelPath() { return supportedKernelPaths().back(); }

KernelPath activeKernelPath() {
    const int forced = g_forced.load(std::memory_order_relaxed);
    if (forced != kAuto) return static_cast<KernelPath>(forced);
    static const KernelPath automatic = environmentOrBest();
    return automatic;
}

void forceKernelPath(std::optional<KernelPath> path) {
    if (path && !kernelPathSupported(*path))
        throw std::invalid_argument("forceKernelPath: this CPU does not support the " +
                                    std::string(kernelPathName(*path)) + " path");
    g_forced.store(path ? static_cast<int>(*path) : kAuto, std::memory_order_relaxed);
}

void setKernelThreads(int threads) {
    if (threads < 0 || threads > 2)
        throw std::invalid_argument("setKernelThreads: " + std::to_string(threads) +
                                    " (expected 0 = automatic, 1 or 2)");
    g_threads.store(threads, std::memory_order_relaxed);
}

int kernelThreads() { return g_threads.load(std::memory_order_relaxed); }

}  // namespace bithep::kernels
