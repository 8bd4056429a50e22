#include "core/autograd/flow_ops.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace bithep::autograd {

FlowTransform affineForward(const Var& x, const Var& shift, const Var& logScale) {
    return {add(mul(x, exp(logScale)), shift), sumOverCols(logScale)};
}

FlowTransform affineInverse(const Var& y, const Var& shift, const Var& logScale) {
    return {mul(sub(y, shift), exp(neg(logScale))), neg(sumOverCols(logScale))};
}

namespace {

// Knot positions (R, K+1) from unnormalised sizes (R, K): a softmax with a floor, scaled to
// [−bound, bound]; the first knot is exactly −bound.
Var knots(const Var& unnormalised, float minSize, float bound) {
    const auto k = static_cast<float>(unnormalised.cols());
    const Var sizes = addScalar(mulScalar(softmaxRows(unnormalised), 1.0f - minSize * k), minSize);
    const Var inner = addScalar(mulScalar(cumsumCols(sizes), 2.0f * bound), -bound);
    return concatCols({constant(Matrix::Constant(unnormalised.rows(), 1, -bound)), inner});
}

// Bin of each row's value: the last knot not above it, clamped to 0..K−1.
std::vector<Index> findBins(const Matrix& knotValues, const Matrix& v) {
    std::vector<Index> bins(static_cast<size_t>(v.rows()));
    const Index k = knotValues.cols() - 1;
    for (Index r = 0; r < v.rows(); ++r) {
        Index b = 0;
        while (b + 1 < k && knotValues(r, b + 1) <= v(r, 0)) ++b;
        bins[static_cast<size_t>(r)] = b;
    }
    return bins;
}

}  // namespace

FlowTransform rationalQuadraticSpline(const Var& x, const Var& widths, const Var& heights, const Var& derivatives,
                                      const SplineParams& p, bool inverse) {
    const Index b = x.rows(), d = x.cols(), k = p.bins, r = b * d;
    if (k < 2 || widths.rows() != b || widths.cols() != d * k || heights.rows() != b || heights.cols() != d * k ||
        derivatives.rows() != b || derivatives.cols() != d * (k - 1)) {
        throw std::invalid_argument("rationalQuadraticSpline: for x " + tensor::shapeString(x.value()) + " and " +
                                    std::to_string(k) + " bins expected widths/heights " + tensor::shapeString(b, d * k) +
                                    " and derivatives " + tensor::shapeString(b, d * (k - 1)));
    }
    const Var xs = knots(reshape(widths, r, k), p.minBinWidth, p.bound);
    const Var ys = knots(reshape(heights, r, k), p.minBinHeight, p.bound);
    const Var inner = addScalar(softplus(reshape(derivatives, r, k - 1)), p.minDerivative);
    const Var ones = constant(Matrix::Ones(r, 1));
    const Var deltas = concatCols({ones, inner, ones});
    const Var v = reshape(x, r, 1);
    Matrix insideMask(r, 1);
    for (Index i = 0; i < r; ++i) insideMask(i, 0) = std::abs(v.value()(i, 0)) < p.bound ? 1.0f : 0.0f;
    const Var inside = constant(insideMask);
    const Var vc = clamp(v, -p.bound, p.bound);  // keeps the spline formula finite outside
    const std::vector<Index> bin = findBins((inverse ? ys : xs).value(), vc.value());
    std::vector<Index> next(bin);
    for (Index& n : next) ++n;
    const Var xk = pickCols(xs, bin), wk = sub(pickCols(xs, next), xk);
    const Var yk = pickCols(ys, bin), hk = sub(pickCols(ys, next), yk);
    const Var dk = pickCols(deltas, bin), dk1 = pickCols(deltas, next);
    const Var s = div(hk, wk);
    const Var sumD = sub(add(dk, dk1), mulScalar(s, 2.0f));
    Var xi, out;
    if (!inverse) {
        xi = div(sub(vc, xk), wk);
        const Var xi1 = mul(xi, addScalar(neg(xi), 1.0f));
        const Var num = mul(hk, add(mul(s, mul(xi, xi)), mul(dk, xi1)));
        out = add(yk, div(num, add(s, mul(sumD, xi1))));
    } else {
        const Var dy = sub(vc, yk);
        const Var a = add(mul(hk, sub(s, dk)), mul(dy, sumD));
        const Var bq = sub(mul(hk, dk), mul(dy, sumD));
        const Var c = neg(mul(s, dy));
        const Var disc = clamp(sub(mul(bq, bq), mulScalar(mul(a, c), 4.0f)), 0.0f, INFINITY);
        xi = div(mulScalar(c, 2.0f), sub(neg(bq), sqrt(disc)));  // the numerically stable root
        out = add(mul(xi, wk), xk);
    }
    const Var xi1 = mul(xi, addScalar(neg(xi), 1.0f));
    const Var oneMinus = addScalar(neg(xi), 1.0f);
    const Var derivNum = mul(mul(s, s), add(add(mul(dk1, mul(xi, xi)), mulScalar(mul(s, xi1), 2.0f)), mul(dk, mul(oneMinus, oneMinus))));
    const Var denom = add(s, mul(sumD, xi1));
    Var logDeriv = sub(log(derivNum), mulScalar(log(denom), 2.0f));
    if (inverse) logDeriv = neg(logDeriv);
    const Var y = add(mul(inside, out), mul(sub(ones, inside), v));
    return {reshape(y, b, d), sumOverCols(reshape(mul(inside, logDeriv), b, d))};
}

Var sinusoidalEmbedding(const Var& t, Index dim, float maxPeriod) {
    if (t.cols() != 1 || dim <= 0 || dim % 2 != 0) {
        throw std::invalid_argument("sinusoidalEmbedding: needs t of shape (B x 1) and an even dimension, got " +
                                    tensor::shapeString(t.value()) + " and " + std::to_string(dim));
    }
    const Index half = dim / 2;
    Matrix freq(1, half);
    for (Index k = 0; k < half; ++k) {
        freq(0, k) = std::exp(-std::log(maxPeriod) * static_cast<float>(k) / static_cast<float>(half));
    }
    const Var phase = mul(t, constant(freq));  // (B, half) by broadcasting
    return concatCols({sin(phase), cos(phase)});
}

}  // namespace bithep::autograd
