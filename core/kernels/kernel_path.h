#pragma once
// Which instruction-set path runs the ternary kernels. The best path the CPU supports is picked
// once from CPUID; tests and benchmarks force a path through forceKernelPath() or, for a whole
// process, the environment variable BITHEP_KERNEL=ref|avx2|avxvnni|avx512vnni.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bithep::kernels {

enum class KernelPath { Ref, Avx2, AvxVnni, Avx512Vnni };

std::string_view kernelPathName(KernelPath path);  // "ref", "avx2", "avxvnni", "avx512vnni"
// Throws std::invalid_argument listing the accepted names.
KernelPath parseKernelPath(std::string_view name);

bool kernelPathSupported(KernelPath path);
std::vector<KernelPath> supportedKernelPaths();  // ref first, best last
KernelPath bestKernelPath();

// The path in use: the forced one, else BITHEP_KERNEL (read once; a bad or unsupported value
// throws std::runtime_error naming the variable), else bestKernelPath().
KernelPath activeKernelPath();
// Forces a path for the whole process; std::nullopt goes back to the automatic choice.
// Throws std::invalid_argument if this CPU cannot run it.
void forceKernelPath(std::optional<KernelPath> path);

// Threads used per call: 0 = automatic (a second thread only for calls whose work exceeds
// kParallelMacThreshold), 1 or 2 = exactly that many whenever the call can be split.
void setKernelThreads(int threads);
int kernelThreads();
// Multiply-accumulates (padded M x K x N) above which the automatic setting uses a second
// thread. Measured (core/kernels/README.md): a fork/join on the OpenMP pool costs ~4 us; a split
// lost at 1.0e6 MACs (128x128x64, 1024x1024x1) and won from 4.2e6 (256x256x64) on AVX-512 VNNI.
inline constexpr double kParallelMacThreshold = 4.0e6;

}  // namespace bithep::kernels
