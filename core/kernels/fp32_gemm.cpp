// Choice of the fp32 variant (once, from CPUID) and the calls that split work over two threads.
#include "core/kernels/fp32_gemm.h"

#include <atomic>
#include <cstdlib>
#include <stdexcept>

#include "core/kernels/fp32_gemm_variant.h"
#include "core/kernels/layer_norm_rows.h"
#include "core/platform/cpu_features.h"
#include "core/platform/parallel.h"

namespace bithep::kernels {

namespace {

struct Entry {
    const Fp32Variant& (*variant)();
    bool (*supported)();
};

// Best first. BITHEP_FP32_PORTABLE is set by CMake when the AVX2 and AVX-512 units are built.
const std::vector<Entry>& entries() {
    static const std::vector<Entry> list = [] {
        std::vector<Entry> l;
#ifdef BITHEP_FP32_PORTABLE
        l.push_back({&fp32_avx512::variant, [] {
                         const auto& f = platform::cpuFeatures();
                         return f.avx512f && f.avx512bw && f.avx512vl && f.avx512dq && f.fma;
                     }});
        l.push_back({&fp32_avx2::variant, [] {
                         const auto& f = platform::cpuFeatures();
                         return f.avx2 && f.fma;
                     }});
#endif
        l.push_back({&fp32_baseline::variant, [] { return true; }});
        return l;
    }();
    return list;
}

const Fp32Variant& best() {
    static const Fp32Variant& chosen = []() -> const Fp32Variant& {
        for (const Entry& e : entries()) {
            if (e.supported()) return e.variant();
        }
        return fp32_baseline::variant();
    }();
    return chosen;
}

std::atomic<const Fp32Variant*> g_forced{nullptr};

const Fp32Variant* findSupported(std::string_view name);

// BITHEP_FP32=baseline-name|avx2|avx512 chooses for the whole process, like BITHEP_KERNEL; read
// once. A name not built or not supported here throws std::runtime_error naming the variable.
const Fp32Variant& environmentOrBest() {
    static const Fp32Variant& chosen = []() -> const Fp32Variant& {
        const char* env = std::getenv("BITHEP_FP32");
        if (env == nullptr || *env == '\0') return best();
        try {
            return *findSupported(env);
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(std::string("BITHEP_FP32: ") + e.what());
        }
    }();
    return chosen;
}

const Fp32Variant& active() {
    const Fp32Variant* forced = g_forced.load(std::memory_order_relaxed);
    return forced != nullptr ? *forced : environmentOrBest();
}

const Fp32Variant* findSupported(std::string_view name) {
    for (const Entry& e : entries()) {
        if (name != e.variant().name) continue;
        if (!e.supported()) {
            throw std::invalid_argument("fp32 variant " + std::string(name) + ": this CPU does not support it");
        }
        return &e.variant();
    }
    std::string all;
    for (const std::string& v : fp32Variants()) all.append(" ").append(v);
    throw std::invalid_argument("fp32 variant " + std::string(name) + " is not in this build (it has:" + all + ")");
}

// Eigen's thread setting for one call, restored afterwards (the single-thread benchmark column
// must not use the OpenMP pool inside Eigen).
class ScopedThreads {
public:
    explicit ScopedThreads(int n) : m_saved(active().threads()) { active().setThreads(n); }
    ~ScopedThreads() { active().setThreads(m_saved); }
    ScopedThreads(const ScopedThreads&) = delete;
    ScopedThreads& operator=(const ScopedThreads&) = delete;

private:
    int m_saved;
};

}  // namespace

void gemm(const GemmArgs& args) {
    if (args.m < 0 || args.n < 0 || args.k < 0) throw std::invalid_argument("gemm: negative size");
    if (args.m == 0 || args.n == 0) return;
    active().gemm(args);
}

void gemm(MatrixRef c, const ConstMatrixRef& a, bool transA, const ConstMatrixRef& b, bool transB,
          bool accumulate, const float* bias) {
    GemmArgs g;
    g.m = static_cast<int>(c.rows());
    g.n = static_cast<int>(c.cols());
    g.k = static_cast<int>(transA ? a.rows() : a.cols());
    const auto innerB = transB ? b.cols() : b.rows();
    if ((transA ? a.cols() : a.rows()) != c.rows() || (transB ? b.rows() : b.cols()) != c.cols() || innerB != g.k) {
        throw std::invalid_argument("gemm: shapes do not match");
    }
    g.a = a.data();
    g.lda = static_cast<int>(a.outerStride());
    g.transA = transA;
    g.b = b.data();
    g.ldb = static_cast<int>(b.outerStride());
    g.transB = transB;
    g.c = c.data();
    g.ldc = static_cast<int>(c.outerStride());
    g.accumulate = accumulate;
    g.bias = bias;
    gemm(g);
}

void layerNormForward(const LayerNormArgs& args) {
    if (args.rows < 0 || args.cols <= 0) throw std::invalid_argument("layerNorm: bad shape");
    if (args.rows > 0) active().layerNormForward(args);
}

void layerNormBackward(const LayerNormArgs& args) {
    if (args.rows < 0 || args.cols <= 0) throw std::invalid_argument("layerNorm: bad shape");
    if (args.rows > 0) active().layerNormBackward(args);
}

void fp32Linear(const float* x, const float* w, const float* bias, float* y, int tokens, int cols, int rows,
                int threads) {
    // y[t0:t1, m0:m1] = x[t0:t1] * w[m0:m1]^T + bias[m0:m1]
    auto part = [&](int t0, int t1, int m0, int m1) {
        GemmArgs g;
        g.m = t1 - t0;
        g.n = m1 - m0;
        g.k = cols;
        g.a = x + static_cast<std::ptrdiff_t>(t0) * cols;
        g.lda = cols;
        g.b = w + static_cast<std::ptrdiff_t>(m0) * cols;
        g.ldb = cols;
        g.transB = true;
        g.c = y + static_cast<std::ptrdiff_t>(t0) * rows + m0;
        g.ldc = rows;
        g.bias = bias != nullptr ? bias + m0 : nullptr;
        gemm(g);
    };
    ScopedThreads one(1);
    if (threads < 2) {
        part(0, tokens, 0, rows);
    } else if (tokens >= 16) {
        platform::runPair([&] { part(0, tokens / 2, 0, rows); }, [&] { part(tokens / 2, tokens, 0, rows); });
    } else {
        platform::runPair([&] { part(0, tokens, 0, rows / 2); }, [&] { part(0, tokens, rows / 2, rows); });
    }
}

std::vector<std::string> fp32Variants() {
    std::vector<std::string> names;
    for (auto it = entries().rbegin(); it != entries().rend(); ++it) names.emplace_back(it->variant().name);
    return names;
}

std::string activeFp32Variant() { return active().name; }

void forceFp32Variant(std::string_view name) {
    if (name.empty()) {
        g_forced.store(nullptr);
        return;
    }
    g_forced.store(findSupported(name));
}

std::vector<std::string> supportedFp32Variants() {
    std::vector<std::string> names;
    for (auto it = entries().rbegin(); it != entries().rend(); ++it) {
        if (it->supported()) names.emplace_back(it->variant().name);
    }
    return names;
}

bool nativeBuild() {
#ifdef BITHEP_NATIVE_BUILD
    return true;
#else
    return false;
#endif
}

std::string fp32Description() {
    if (nativeBuild()) return activeFp32Variant() + " (native build)";
    std::string all;
    for (const std::string& v : fp32Variants()) all += (all.empty() ? "" : " ") + v;
    return activeFp32Variant() + " (portable build: " + all + ")";
}

void setFp32Threads(int threads) {
    for (const Entry& e : entries()) e.variant().setThreads(threads);
}

}  // namespace bithep::kernels
