#pragma once
// The ternary linear layer the inference graph calls: y_t = (beta * m_t / 127) * sum_k q_tk w_mk + b_m
// with int8 activations q (quantized_activations.h), 2-bit weights w (ternary_matrix.h) and
// int32 accumulation over the whole K. One token takes the GEMV kernels, several the register-
// tiled GEMM kernels; large calls are split over two threads (kernel_path.h).
#include <cstdint>

#include "core/kernels/quantized_activations.h"
#include "core/kernels/ternary_matrix.h"

namespace bithep::kernels {

// x: tokens x w.cols() row-major; bias: w.rows() values or null; y: tokens x w.rows() row-major.
// Throws std::invalid_argument for a NaN/inf input (naming token and column), a negative token
// count or null pointers; y is then unspecified. Safe to call from several threads at once
// (scratch buffers are per thread) as long as forceKernelPath/setKernelThreads are not changed
// concurrently.
void ternaryLinear(const TernaryMatrix& w, const float* x, int tokens, const float* bias, float* y);
// Same on activations quantized beforehand (xq.cols must equal w.cols()).
void ternaryLinear(const TernaryMatrix& w, const QuantizedActivations& xq, const float* bias, float* y);
// The int32 accumulators sum_k q_tk w_mk, tokens x w.rows() row-major (for tests and tooling).
void ternaryAccumulators(const TernaryMatrix& w, const QuantizedActivations& xq, std::int32_t* acc);

}  // namespace bithep::kernels
