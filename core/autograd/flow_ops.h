#pragma once
// Building blocks of the generative models: invertible element-wise transforms with their
// log-determinants for coupling normalizing flows (affine, and rational-quadratic splines as in
// Durkan et al. 2019 with linear tails), and the sinusoidal time embedding of flow matching.
// All are compositions of differentiable ops, so gradients reach inputs and conditioner outputs.
#include "core/autograd/ops.h"

namespace bithep::autograd {

struct FlowTransform {
    Var y;       // transformed values, shape of x
    Var logDet;  // (B, 1): log|det ∂y/∂x| per row
};

// y = x·exp(s) + t; logDet = Σ s.
FlowTransform affineForward(const Var& x, const Var& shift, const Var& logScale);
// x = (y − t)·exp(−s); logDet = −Σ s.
FlowTransform affineInverse(const Var& y, const Var& shift, const Var& logScale);

struct SplineParams {
    Index bins = 8;
    float bound = 3.0f;  // spline on [−bound, bound], identity outside
    float minBinWidth = 1e-3f;
    float minBinHeight = 1e-3f;
    float minDerivative = 1e-3f;
};

// x (B, D); unnormalised widths and heights (B, D·K); unnormalised inner-knot derivatives
// (B, D·(K−1)), mapped through softplus; the boundary derivatives are 1 so the tails join smoothly.
// inverse = true maps y back to x (logDet then is log|∂x/∂y|).
FlowTransform rationalQuadraticSpline(const Var& x, const Var& widths, const Var& heights, const Var& derivatives,
                                      const SplineParams& p, bool inverse = false);

// t (B, 1) → (B, dim) = [sin(t·ω_k), cos(t·ω_k)], ω_k = maxPeriod^(−k/(dim/2)); dim even.
Var sinusoidalEmbedding(const Var& t, Index dim, float maxPeriod = 10000.0f);

}  // namespace bithep::autograd
