// Softmax, per-set attention products, normalisation layers and dropout.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <Eigen/Core>

#include "core/autograd/ops.h"
#include "core/kernels/layer_norm_rows.h"

namespace bithep::autograd {

namespace {

// Threads for a loop over sets: Eigen's setting (train::setThreads), but one thread when the
// loop is too small to pay for a fork/join (~4 us ~ 2e5 multiply-adds). Every set is computed by
// exactly one thread with the same instructions, so results do not depend on the thread count.
int setLoopThreads(Index macs) { return macs >= 200000 ? Eigen::nbThreads() : 1; }

void requireSetRows(const Var& x, Index setSize, const char* op) {
    if (setSize <= 0 || x.rows() % setSize != 0) {
        throw std::invalid_argument(std::string(op) + ": " + std::to_string(x.rows()) +
                                    " rows are not a whole number of sets of " + std::to_string(setSize));
    }
}

void requireHeads(const Var& x, Index heads, const char* op) {
    if (heads <= 0 || x.cols() % heads != 0) {
        throw std::invalid_argument(std::string(op) + ": " + std::to_string(x.cols()) +
                                    " columns do not split into " + std::to_string(heads) + " heads");
    }
}

// y = softmax rows; dL/dx = y ⊙ (g − rowsum(g ⊙ y)).
void softmaxBackward(Node& self, Node* px) {
    const Matrix& y = self.value;
    Matrix gx = y.cwiseProduct(self.grad);
    const tensor::ColVector dots = gx.rowwise().sum();
    gx -= y.cwiseProduct(dots.replicate(1, y.cols()));
    px->accumulate(std::move(gx));
}

}  // namespace

Var softmaxRows(const Var& x) {
    Matrix y = x.value();
    for (Index r = 0; r < y.rows(); ++r) {
        auto row = y.row(r);
        row.array() = (row.array() - row.maxCoeff()).exp();  // shift by the max: no overflow
        row /= row.sum();
    }
    Node* px = x.node();
    return makeResult(std::move(y), {x}, [px](Node& self) { softmaxBackward(self, px); });
}

Var logSoftmaxRows(const Var& x) {
    Matrix y = x.value();
    for (Index r = 0; r < y.rows(); ++r) {
        auto row = y.row(r);
        const float m = row.maxCoeff();
        row.array() -= m + std::log((row.array() - m).exp().sum());
    }
    Node* px = x.node();
    return makeResult(std::move(y), {x}, [px](Node& self) {
        const Matrix p = self.value.array().exp().matrix();
        const tensor::ColVector gsum = self.grad.rowwise().sum();
        px->accumulate(self.grad - p.cwiseProduct(gsum.replicate(1, p.cols())));
    });
}

Var setSoftmax(const Var& scores, const SetMask& mask, Index heads) {
    const Index n = mask.setSize;
    if (n <= 0 || scores.cols() != n || scores.rows() != mask.numSets() * heads * n ||
        static_cast<Index>(mask.valid.size()) != mask.numSets() * n) {
        throw std::invalid_argument("setSoftmax: scores " + tensor::shapeString(scores.value()) +
                                    " do not match " + std::to_string(mask.numSets()) + " sets of " +
                                    std::to_string(n) + " with " + std::to_string(heads) + " heads");
    }
    const Index sets = mask.numSets();
    Matrix y(scores.rows(), n);
    const int threads = setLoopThreads(scores.rows() * n * 8);
#pragma omp parallel for num_threads(threads) if (threads > 1) schedule(static)
    for (Index b = 0; b < sets; ++b) {
        const std::uint8_t* valid = mask.valid.data() + b * n;
        const bool full = std::all_of(valid, valid + n, [](std::uint8_t v) { return v != 0; });
        for (Index r = b * heads * n; r < (b + 1) * heads * n; ++r) {
            auto in = scores.value().row(r);
            auto row = y.row(r);
            if (full) {  // vectorised path for sets without padding
                row.array() = (in.array() - in.maxCoeff()).exp();
                row /= row.sum();
                continue;
            }
            float m = -INFINITY;
            for (Index j = 0; j < n; ++j) {
                if (valid[j]) m = std::max(m, in(j));
            }
            float total = 0.0f;
            for (Index j = 0; j < n; ++j) {
                const float e = valid[j] ? std::exp(in(j) - m) : 0.0f;
                row(j) = e;
                total += e;
            }
            if (total > 0.0f) row /= total;  // an empty set keeps an all-zero row
        }
    }
    Node* px = scores.node();
    return makeResult(std::move(y), {scores}, [px](Node& self) { softmaxBackward(self, px); });
}

Var setScores(const Var& q, const Var& k, Index setSize, Index heads) {
    requireSetRows(q, setSize, "setScores");
    requireHeads(q, heads, "setScores");
    if (k.rows() != q.rows() || k.cols() != q.cols()) {
        throw std::invalid_argument("setScores: q " + tensor::shapeString(q.value()) + " and k " +
                                    tensor::shapeString(k.value()) + " differ");
    }
    const Index n = setSize, dh = q.cols() / heads, sets = q.rows() / n;
    Matrix s(sets * heads * n, n);
    const int threads = setLoopThreads(sets * n * n * q.cols());
#pragma omp parallel for num_threads(threads) if (threads > 1) schedule(static)
    for (Index b = 0; b < sets; ++b) {
        for (Index h = 0; h < heads; ++h) {
            kernels::gemm(s.block((b * heads + h) * n, 0, n, n), q.value().block(b * n, h * dh, n, dh), false,
                          k.value().block(b * n, h * dh, n, dh), true);
        }
    }
    Node* pq = q.node();
    Node* pk = k.node();
    return makeResult(std::move(s), {q, k}, [pq, pk, n, dh, sets, heads, threads](Node& self) {
        Matrix gq(pq->value.rows(), pq->value.cols());  // every block is written below
        Matrix gk(pk->value.rows(), pk->value.cols());
#pragma omp parallel for num_threads(threads) if (threads > 1) schedule(static)
        for (Index b = 0; b < sets; ++b) {
            for (Index h = 0; h < heads; ++h) {
                const auto g = self.grad.block((b * heads + h) * n, 0, n, n);
                kernels::gemm(gq.block(b * n, h * dh, n, dh), g, false, pk->value.block(b * n, h * dh, n, dh), false);
                kernels::gemm(gk.block(b * n, h * dh, n, dh), g, true, pq->value.block(b * n, h * dh, n, dh), false);
            }
        }
        if (pq->requiresGrad) pq->accumulate(std::move(gq));
        if (pk->requiresGrad) pk->accumulate(std::move(gk));
    });
}

Var setApply(const Var& p, const Var& v, Index setSize, Index heads) {
    requireSetRows(v, setSize, "setApply");
    requireHeads(v, heads, "setApply");
    const Index n = setSize, dh = v.cols() / heads, sets = v.rows() / n;
    tensor::requireShape(p.value(), sets * heads * n, n, "setApply weights");
    Matrix out(v.rows(), v.cols());
    const int threads = setLoopThreads(sets * n * n * v.cols());
#pragma omp parallel for num_threads(threads) if (threads > 1) schedule(static)
    for (Index b = 0; b < sets; ++b) {
        for (Index h = 0; h < heads; ++h) {
            kernels::gemm(out.block(b * n, h * dh, n, dh), p.value().block((b * heads + h) * n, 0, n, n), false,
                          v.value().block(b * n, h * dh, n, dh), false);
        }
    }
    Node* pp = p.node();
    Node* pv = v.node();
    return makeResult(std::move(out), {p, v}, [pp, pv, n, dh, sets, heads, threads](Node& self) {
        Matrix gp(pp->value.rows(), pp->value.cols());
        Matrix gv(pv->value.rows(), pv->value.cols());
#pragma omp parallel for num_threads(threads) if (threads > 1) schedule(static)
        for (Index b = 0; b < sets; ++b) {
            for (Index h = 0; h < heads; ++h) {
                const auto g = self.grad.block(b * n, h * dh, n, dh);
                const auto pb = pp->value.block((b * heads + h) * n, 0, n, n);
                kernels::gemm(gp.block((b * heads + h) * n, 0, n, n), g, false, pv->value.block(b * n, h * dh, n, dh), true);
                kernels::gemm(gv.block(b * n, h * dh, n, dh), pb, true, g, false);
            }
        }
        if (pp->requiresGrad) pp->accumulate(std::move(gp));
        if (pv->requiresGrad) pv->accumulate(std::move(gv));
    });
}

Var layerNorm(const Var& x, const Var& gamma, const Var& beta, float eps) {
    const Index d = x.cols();
    if (gamma.defined()) tensor::requireShape(gamma.value(), 1, d, "layerNorm gamma");
    if (beta.defined()) tensor::requireShape(beta.value(), 1, d, "layerNorm beta");
    // Compiled per ISA with the matrix products (core/kernels/layer_norm_rows.h).
    Matrix xhat(x.rows(), d), y(x.rows(), d);
    tensor::ColVector invStd(x.rows());
    kernels::LayerNormArgs args;
    args.rows = static_cast<int>(x.rows());
    args.cols = static_cast<int>(d);
    args.eps = eps;
    args.x = x.value().data();
    args.gamma = gamma.defined() ? gamma.value().data() : nullptr;
    args.beta = beta.defined() ? beta.value().data() : nullptr;
    args.xhat = xhat.data();
    args.invStd = invStd.data();
    args.y = y.data();
    kernels::layerNormForward(args);
    Node* px = x.node();
    Node* pg = gamma.defined() ? gamma.node() : nullptr;
    Node* pb = beta.defined() ? beta.node() : nullptr;
    std::vector<Var> parents{x};
    if (pg) parents.push_back(gamma);
    if (pb) parents.push_back(beta);
    return makeResult(std::move(y), parents, [px, pg, pb, xhat = std::move(xhat), invStd](Node& self) {
        const Matrix& g = self.grad;
        if (pg && pg->requiresGrad) pg->accumulate(g.cwiseProduct(xhat).colwise().sum());
        if (pb && pb->requiresGrad) pb->accumulate(g.colwise().sum());
        if (!px->requiresGrad) return;
        Matrix gx(g.rows(), g.cols());
        kernels::LayerNormArgs back;
        back.rows = static_cast<int>(g.rows());
        back.cols = static_cast<int>(g.cols());
        back.gamma = pg ? pg->value.data() : nullptr;
        back.savedXhat = xhat.data();
        back.savedInvStd = invStd.data();
        back.grad = g.data();
        back.gradX = gx.data();
        kernels::layerNormBackward(back);
        px->accumulate(std::move(gx));
    });
}

Var batchNorm(const Var& x, const Var& gamma, const Var& beta, Matrix& runningMean, Matrix& runningVar,
              bool training, float momentum, float eps) {
    const Index d = x.cols(), n = x.rows();
    tensor::requireShape(runningMean, 1, d, "batchNorm running mean");
    tensor::requireShape(runningVar, 1, d, "batchNorm running variance");
    if (training && n < 2) throw std::invalid_argument("batchNorm: training needs at least 2 rows");
    tensor::RowVector mu, var;
    if (training) {
        mu = x.value().colwise().mean();
        var = (x.value().rowwise() - mu).array().square().colwise().mean().matrix();
        const float unbias = static_cast<float>(n) / static_cast<float>(n - 1);
        runningMean = (1.0f - momentum) * runningMean + momentum * mu;
        runningVar = (1.0f - momentum) * runningVar + momentum * unbias * var;
    } else {
        mu = runningMean.row(0);
        var = runningVar.row(0);
    }
    const tensor::RowVector invStd = (var.array() + eps).rsqrt().matrix();
    Matrix xhat = x.value().rowwise() - mu;
    xhat.array().rowwise() *= invStd.array();
    Matrix y = xhat;
    if (gamma.defined()) y.array().rowwise() *= gamma.value().row(0).array();
    if (beta.defined()) y.rowwise() += beta.value().row(0);
    Node* px = x.node();
    Node* pg = gamma.defined() ? gamma.node() : nullptr;
    Node* pb = beta.defined() ? beta.node() : nullptr;
    std::vector<Var> parents{x};
    if (pg) parents.push_back(gamma);
    if (pb) parents.push_back(beta);
    return makeResult(std::move(y), parents, [px, pg, pb, xhat = std::move(xhat), invStd, training](Node& self) {
        const Matrix& g = self.grad;
        if (pg && pg->requiresGrad) pg->accumulate(g.cwiseProduct(xhat).colwise().sum());
        if (pb && pb->requiresGrad) pb->accumulate(g.colwise().sum());
        if (!px->requiresGrad) return;
        Matrix gh = g;
        if (pg) gh.array().rowwise() *= pg->value.row(0).array();
        if (training) {  // batch statistics depend on x as well
            const float invN = 1.0f / static_cast<float>(gh.rows());
            const tensor::RowVector m1 = gh.colwise().sum() * invN;
            const tensor::RowVector m2 = gh.cwiseProduct(xhat).colwise().sum() * invN;
            gh.rowwise() -= m1;
            gh -= xhat.cwiseProduct(m2.replicate(gh.rows(), 1));
        }
        gh.array().rowwise() *= invStd.array();
        px->accumulate(std::move(gh));
    });
}

Var dropout(const Var& x, float p, tensor::Rng& rng, bool training) {
    if (!(p >= 0.0f && p < 1.0f)) throw std::invalid_argument("dropout: p must be in [0, 1)");
    if (!training || p == 0.0f) return x;
    Matrix keep(x.rows(), x.cols());
    const float scale = 1.0f / (1.0f - p);  // inverted dropout: evaluation needs no rescale
    for (Index i = 0; i < keep.size(); ++i) keep.data()[i] = tensor::uniform01(rng) >= p ? scale : 0.0f;
    Matrix y = x.value().cwiseProduct(keep);
    Node* px = x.node();
    return makeResult(std::move(y), {x}, [px, keep = std::move(keep)](Node& self) {
        px->accumulate(self.grad.cwiseProduct(keep));
    });
}

}  // namespace bithep::autograd
