#pragma once
// Differentiable operations on Vars. Shapes follow the row-major convention: a batch is rows,
// features are columns; a batch of particle sets is (B·N, D) with a SetMask telling which rows
// are real particles. Every op here has a finite-difference test in tests/core/autograd.
#include <cstdint>
#include <vector>

#include "core/autograd/var.h"

namespace bithep::autograd {

// Which rows of a (B·N, D) set batch are real particles (1) and which are padding (0).
struct SetMask {
    Index setSize = 0;
    std::vector<std::uint8_t> valid;  // B·N entries

    Index numSets() const { return setSize > 0 ? static_cast<Index>(valid.size()) / setSize : 0; }
    static SetMask allValid(Index numSets, Index setSize);
};

// --- arithmetic; binary ops broadcast a dimension of size 1 (rows, columns or both) ---
Var matmul(const Var& a, const Var& b);
// x·Wᵀ + b with W (out, in) and optional bias (1, out): the fused form of every linear layer.
Var linear(const Var& x, const Var& w, const Var& bias = Var());
Var add(const Var& a, const Var& b);
Var sub(const Var& a, const Var& b);
Var mul(const Var& a, const Var& b);
Var div(const Var& a, const Var& b);
Var addScalar(const Var& a, float s);
Var mulScalar(const Var& a, float s);
Var neg(const Var& a);
// Straight-through estimator: the value is `forwardValue` (e.g. a quantized copy of x), the
// gradient passes to x unchanged.
Var straightThrough(const Var& x, Matrix forwardValue);

// --- elementwise ---
Var exp(const Var& a);
Var log(const Var& a);
Var sqrt(const Var& a);
Var pow(const Var& a, float p);
Var abs(const Var& a);            // gradient sign(a), 0 at 0
Var clamp(const Var& a, float lo, float hi);  // gradient 1 strictly inside, 0 outside
Var sin(const Var& a);
Var cos(const Var& a);
Var relu(const Var& a);
Var leakyRelu(const Var& a, float slope = 0.01f);
Var gelu(const Var& a);  // exact erf form
Var silu(const Var& a);
Var tanh(const Var& a);
Var sigmoid(const Var& a);
Var softplus(const Var& a);

// --- normalisation, softmax, attention ---
Var softmaxRows(const Var& x);
Var logSoftmaxRows(const Var& x);
// Scores (B·H·N, N) from setScores: keys that are padding get zero weight; a set with no valid
// particle yields all-zero rows.
Var setSoftmax(const Var& scores, const SetMask& mask, Index heads);
// Per set b and head h: Q_bh·K_bhᵀ with q, k (B·N, H·dh) → (B·H·N, N), rows ordered (b, h, i).
Var setScores(const Var& q, const Var& k, Index setSize, Index heads);
// Per set and head: P_bh·V_bh with p (B·H·N, N), v (B·N, H·dh) → (B·N, H·dh).
Var setApply(const Var& p, const Var& v, Index setSize, Index heads);
// Over each row's columns; gamma/beta (1, D) may be undefined (no affine part).
Var layerNorm(const Var& x, const Var& gamma, const Var& beta, float eps = 1e-5f);
// Over the batch (rows) per column. Training updates the running statistics in place
// (momentum as in PyTorch, unbiased running variance); evaluation uses them.
Var batchNorm(const Var& x, const Var& gamma, const Var& beta, Matrix& runningMean,
              Matrix& runningVar, bool training, float momentum = 0.1f, float eps = 1e-5f);
Var dropout(const Var& x, float p, tensor::Rng& rng, bool training);

// --- shape ---
Var concatCols(const std::vector<Var>& parts);
Var concatRows(const std::vector<Var>& parts);
Var sliceCols(const Var& x, Index start, Index count);
Var sliceRows(const Var& x, Index start, Index count);
Var reshape(const Var& x, Index rows, Index cols);  // row-major order is kept
Var transpose(const Var& x);
Var gatherRows(const Var& x, const std::vector<Index>& rows);  // e.g. kNN neighbours
// One entry per row: out(r, 0) = x(r, cols[r]) (spline bins, class scores).
Var pickCols(const Var& x, const std::vector<Index>& cols);
// Running sum along each row.
Var cumsumCols(const Var& x);

// --- reductions ---
Var sum(const Var& x);    // (1, 1)
Var mean(const Var& x);   // (1, 1)
Var sumOverRows(const Var& x);   // (1, C)
Var meanOverRows(const Var& x);  // (1, C)
Var sumOverCols(const Var& x);   // (R, 1)
Var meanOverCols(const Var& x);  // (R, 1)
Var maxOverRows(const Var& x);   // (1, C); gradient to the first maximum
Var maxOverCols(const Var& x);   // (R, 1)
Var setSum(const Var& x, const SetMask& mask);   // (B·N, D) → (B, D), padding ignored
Var setMean(const Var& x, const SetMask& mask);  // empty set → 0
Var setMax(const Var& x, const SetMask& mask);   // empty set → 0

// --- losses, all return (1, 1) means ---
Var bceWithLogits(const Var& logits, const Matrix& targets);
Var softmaxCrossEntropy(const Var& logits, const std::vector<int>& labels);
Var mse(const Var& pred, const Var& target);
// Per-entry 0.5·(log σ² + (t−μ)²/σ² + log 2π).
Var gaussianNll(const Var& mean, const Var& logVar, const Var& target);
// π-periodic angle regression: mean sin²(pred − target), blind to φ ↔ φ+π.
Var angleLoss(const Var& pred, const Var& target);

}  // namespace bithep::autograd
