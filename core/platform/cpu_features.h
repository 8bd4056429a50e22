#pragma once
// What the CPU we run on can do, detected once: the ternary kernels pick their path from it
// and the About dialog / batch `info` report it.
#include <string>

namespace bithep::platform {

struct CpuFeatures {
    std::string brand;     // e.g. "AMD EPYC 9B45"
    bool sse42 = false;
    bool avx2 = false;
    bool fma = false;
    bool avx512f = false;
    bool avx512bw = false;
    bool avx512vl = false;
    bool avx512dq = false;
    bool avx512vnni = false;  // 512-bit VPDPBUSD
    bool avxvnni = false;     // VEX-encoded 256-bit VPDPBUSD (AVX-VNNI)
    int logicalCores = 1;

    // "AVX2 FMA AVX-512 AVX-512-VNNI AVX-VNNI"; "none" on a baseline x86-64.
    std::string summary() const;
};

// Detected on first call (CPUID + OS support of the register state), then cached.
const CpuFeatures& cpuFeatures();

}  // namespace bithep::platform
