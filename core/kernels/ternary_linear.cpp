// Dispatch of quantization and GEMM to the active ISA path, and the split over two threads.
#include "core/kernels/ternary_linear.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>

#include "core/kernels/kernel_path.h"
#include "core/kernels/ternary_gemm.h"
#include "core/platform/parallel.h"

namespace bithep::kernels {

namespace {

struct PathFunctions {
    detail::QuantizeFn quantize;
    detail::GemmFn gemm;
};

PathFunctions functionsFor(KernelPath path) {
#if defined(__x86_64__) || defined(_M_X64)
    switch (path) {
        case KernelPath::Avx2:
            return {detail::quantizeRowsAvx2, detail::ternaryGemmAvx2};
        case KernelPath::AvxVnni:
            return {detail::quantizeRowsAvx2, detail::ternaryGemmAvxVnni};
        case KernelPath::Avx512Vnni:
            return {detail::quantizeRowsAvx512, detail::ternaryGemmAvx512Vnni};
        case KernelPath::Ref:
            break;
    }
#else
    (void)path;  // only the reference exists off x86-64; kernelPathSupported() says so
#endif
    return {detail::quantizeRowsRef, detail::ternaryGemmRef};
}

[[noreturn]] void throwNonFinite(const float* x, int token, int cols) {
    int col = 0;
    const float* row = x + static_cast<std::size_t>(token) * cols;
    while (col < cols && std::isfinite(row[col])) ++col;
    throw std::invalid_argument("ternary kernels: input token " + std::to_string(token) + ", column " +
                                std::to_string(col) + " is " + (std::isnan(row[col]) ? "NaN" : "infinite") +
                                "; activations must be finite");
}

void resize(QuantizedActivations& out, int tokens, int cols) {
    if (tokens < 0 || cols < 1)
        throw std::invalid_argument("quantizeActivations: shape " + std::to_string(tokens) + "x" +
                                    std::to_string(cols) + " is invalid");
    out.tokens = tokens;
    out.cols = cols;
    out.stride = (cols + kTileCols - 1) / kTileCols * kTileCols;
    out.values.resize(static_cast<std::size_t>(tokens) * out.stride);
    out.absmax.resize(tokens);
    out.sums.resize(tokens);
}

// Quantizes tokens [t0, t1) of x into out (already sized), and their output scales for weight
// scale beta into outScale[t0, t1) when given; returns the first bad token or -1.
int quantizeRange(detail::QuantizeFn fn, const float* x, int t0, int t1, QuantizedActivations& out,
                  float beta = 1.0f, float* outScale = nullptr) {
    const int bad = fn(x + static_cast<std::size_t>(t0) * out.cols, t1 - t0, out.cols, out.stride,
                       out.values.data() + static_cast<std::size_t>(t0) * out.stride, out.absmax.data() + t0,
                       out.sums.data() + t0, beta, outScale != nullptr ? outScale + t0 : nullptr);
    return bad < 0 ? -1 : t0 + bad;
}

int threadsFor(const TernaryMatrix& w, int tokens) {
    const int setting = kernelThreads();
    if (setting == 1) return 1;
    const double macs = double(w.rowBlocks()) * kTileRows * w.kTiles() * kTileCols * tokens;
    if (setting == 0 && (macs < kParallelMacThreshold || std::thread::hardware_concurrency() < 2)) return 1;
    return 2;
}

// Runs the GEMM, on two threads when asked: many tokens split by token, few by row blocks.
void runGemm(const PathFunctions& fns, const detail::GemmArgs& args, int tokens, int threads) {
    const bool splitTokens = tokens >= 16;
    if (threads < 2 || (!splitTokens && args.rowBlocks < 2)) {
        fns.gemm(args, 0, args.rowBlocks, 0, tokens);
        return;
    }
    if (splitTokens) {
        const int mid = tokens / 2;
        platform::runPair([&] { fns.gemm(args, 0, args.rowBlocks, 0, mid); },
                          [&] { fns.gemm(args, 0, args.rowBlocks, mid, tokens); });
    } else {
        const int mid = args.rowBlocks / 2;
        platform::runPair([&] { fns.gemm(args, 0, mid, 0, tokens); },
                          [&] { fns.gemm(args, mid, args.rowBlocks, 0, tokens); });
    }
}

detail::GemmArgs gemmArgs(const TernaryMatrix& w, const QuantizedActivations& xq) {
    if (xq.cols != w.cols())
        throw std::invalid_argument("ternary kernels: activations have " + std::to_string(xq.cols) +
                                    " columns but the weight matrix is " + std::to_string(w.rows()) + "x" +
                                    std::to_string(w.cols()));
    const auto stride = static_cast<std::size_t>(w.kTiles()) * kTileCols;
    const auto tokens = static_cast<std::size_t>(std::max(xq.tokens, 0));
    if (xq.tokens < 0 || static_cast<std::size_t>(xq.stride) != stride ||
        xq.values.size() != tokens * stride || xq.absmax.size() != tokens || xq.sums.size() != tokens)
        throw std::invalid_argument("ternary kernels: QuantizedActivations for " + std::to_string(xq.tokens) +
                                    " tokens has inconsistent buffers (stride " + std::to_string(xq.stride) +
                                    ", expected " + std::to_string(stride) + ")");
    detail::GemmArgs a;
    a.tiles = w.packedTiles().data();
    a.rows = w.rows();
    a.rowBlocks = w.rowBlocks();
    a.kTiles = w.kTiles();
    a.xq = xq.values.data();
    a.xStride = xq.stride;
    a.xSums = xq.sums.data();
    return a;
}

// Tokens per quantize-then-multiply step of the fused layer: a multiple of both quantizer
// batches (16 and 8 tokens), and at most 64 * K int8 bytes, which stay in L1 for K <= 512.
constexpr int kFusedChunkTokens = 64;

struct Scratch {
    QuantizedActivations xq;
    std::vector<float> outScale;
};

}  // namespace

void quantizeActivations(const float* x, int tokens, int cols, QuantizedActivations& out) {
    resize(out, tokens, cols);
    if (tokens > 0 && x == nullptr) throw std::invalid_argument("quantizeActivations: input pointer is null");
    const int bad = quantizeRange(functionsFor(activeKernelPath()).quantize, x, 0, tokens, out);
    if (bad >= 0) throwNonFinite(x, bad, cols);
}

QuantizedActivations quantizeActivations(const float* x, int tokens, int cols) {
    QuantizedActivations out;
    quantizeActivations(x, tokens, cols, out);
    return out;
}

void ternaryLinear(const TernaryMatrix& w, const QuantizedActivations& xq, const float* bias, float* y) {
    detail::GemmArgs a = gemmArgs(w, xq);
    if (y == nullptr && xq.tokens > 0) throw std::invalid_argument("ternaryLinear: output pointer is null");
    thread_local std::vector<float> outScale;
    outScale.resize(xq.tokens);
    for (int t = 0; t < xq.tokens; ++t) outScale[t] = outputScale(w.scale(), xq.absmax[t]);
    a.outScale = outScale.data();
    a.bias = bias;
    a.y = y;
    runGemm(functionsFor(activeKernelPath()), a, xq.tokens, threadsFor(w, xq.tokens));
}

void ternaryAccumulators(const TernaryMatrix& w, const QuantizedActivations& xq, std::int32_t* acc) {
    detail::GemmArgs a = gemmArgs(w, xq);
    if (acc == nullptr && xq.tokens > 0)
        throw std::invalid_argument("ternaryAccumulators: output pointer is null");
    a.acc = acc;
    runGemm(functionsFor(activeKernelPath()), a, xq.tokens, threadsFor(w, xq.tokens));
}

void ternaryLinear(const TernaryMatrix& w, const float* x, int tokens, const float* bias, float* y) {
    if (tokens > 0 && (x == nullptr || y == nullptr))
        throw std::invalid_argument("ternaryLinear: input or output pointer is null");
    thread_local Scratch scratch;
    // A named reference: a lambda running on the helper thread would otherwise see that
    // thread's own (empty) thread_local instance.
    Scratch& s = scratch;
    resize(s.xq, tokens, w.cols());
    const PathFunctions fns = functionsFor(activeKernelPath());
    const int threads = threadsFor(w, tokens);
    s.outScale.resize(tokens);
    detail::GemmArgs a = gemmArgs(w, s.xq);
    a.outScale = s.outScale.data();
    a.bias = bias;
    a.y = y;
    // Each thread quantizes the tokens it multiplies, so a token split needs no barrier. They go
    // kFusedChunkTokens at a time, quantized and then multiplied while their int8 rows are still
    // in L1 (quantizing all of a large N first streamed them out to L2 and beyond).
    auto work = [&](int t0, int t1) {
        for (int c0 = t0; c0 < t1; c0 += kFusedChunkTokens) {
            const int c1 = std::min(t1, c0 + kFusedChunkTokens);
            const int bad = quantizeRange(fns.quantize, x, c0, c1, s.xq, w.scale(), s.outScale.data());
            if (bad >= 0) return bad;
            fns.gemm(a, 0, a.rowBlocks, c0, c1);
        }
        return -1;
    };
    int bad = -1;
    if (threads < 2) {
        bad = work(0, tokens);
    } else if (tokens >= 16) {
        const int mid = tokens / 2;
        int badHelper = -1;
        platform::runPair([&] { bad = work(0, mid); }, [&] { badHelper = work(mid, tokens); });
        if (bad < 0) bad = badHelper;
    } else {
        bad = quantizeRange(fns.quantize, x, 0, tokens, s.xq, w.scale(), s.outScale.data());
        if (bad < 0) runGemm(fns, a, tokens, threads);
    }
    if (bad >= 0) throwNonFinite(x, bad, w.cols());
}

}  // namespace bithep::kernels
