// CPUID-based feature detection. __builtin_cpu_supports also checks XCR0, so a feature the OS
// does not save across context switches is reported as absent.
#include "core/platform/cpu_features.h"

#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define BITHEP_X86 1
#endif

namespace bithep::platform {

namespace {

std::string readBrand() {
#ifdef BITHEP_X86
    unsigned regs[12] = {};
    unsigned maxExt = __get_cpuid_max(0x80000000u, nullptr);
    if (maxExt < 0x80000004u) return "unknown x86-64";
    for (unsigned i = 0; i < 3; ++i)
        __get_cpuid(0x80000002u + i, &regs[4 * i], &regs[4 * i + 1], &regs[4 * i + 2], &regs[4 * i + 3]);
    std::string brand(reinterpret_cast<const char*>(regs), sizeof(regs));
    brand = brand.c_str();  // cut at the first NUL
    const auto first = brand.find_first_not_of(' ');
    const auto last = brand.find_last_not_of(' ');
    return first == std::string::npos ? "unknown x86-64" : brand.substr(first, last - first + 1);
#else
    return "non-x86 CPU";
#endif
}

// AVX-VNNI is CPUID.(EAX=7,ECX=1):EAX[4]; GCC 12's __builtin_cpu_supports knows it as "avxvnni",
// but we read it directly so the result does not depend on the compiler version.
bool detectAvxVnni(bool osSavesYmm) {
#ifdef BITHEP_X86
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (__get_cpuid_max(0, nullptr) < 7) return false;
    __cpuid_count(7, 1, a, b, c, d);
    return osSavesYmm && (a & (1u << 4)) != 0;
#else
    (void)osSavesYmm;
    return false;
#endif
}

CpuFeatures detect() {
    CpuFeatures f;
    f.brand = readBrand();
    f.logicalCores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
#ifdef BITHEP_X86
    __builtin_cpu_init();
    f.sse42 = __builtin_cpu_supports("sse4.2");
    f.avx2 = __builtin_cpu_supports("avx2");
    f.fma = __builtin_cpu_supports("fma");
    f.avx512f = __builtin_cpu_supports("avx512f");
    f.avx512bw = __builtin_cpu_supports("avx512bw");
    f.avx512vl = __builtin_cpu_supports("avx512vl");
    f.avx512dq = __builtin_cpu_supports("avx512dq");
    f.avx512vnni = f.avx512f && __builtin_cpu_supports("avx512vnni");
    f.avxvnni = detectAvxVnni(f.avx2);
#endif
    return f;
}

}  // namespace

std::string CpuFeatures::summary() const {
    std::string s;
    auto add = [&s](bool has, const char* name) {
        if (!has) return;
        if (!s.empty()) s += ' ';
        s += name;
    };
    add(sse42, "SSE4.2");
    add(avx2, "AVX2");
    add(fma, "FMA");
    add(avx512f && avx512bw && avx512vl, "AVX-512");
    add(avx512vnni, "AVX-512-VNNI");
    add(avxvnni, "AVX-VNNI");
    return s.empty() ? "none" : s;
}

const CpuFeatures& cpuFeatures() {
    static const CpuFeatures features = detect();
    return features;
}

}  // namespace bithep::platform
