// Losses, each returning the mean over all entries as a (1, 1) Var.
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "core/autograd/ops.h"

namespace bithep::autograd {

namespace {
void requireSameShape(const Matrix& a, const Matrix& b, const char* op) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) {
        throw std::invalid_argument(std::string(op) + ": prediction " + tensor::shapeString(a) +
                                    " and target " + tensor::shapeString(b) + " differ");
    }
}
}  // namespace

Var bceWithLogits(const Var& logits, const Matrix& targets) {
    requireSameShape(logits.value(), targets, "bceWithLogits");
    const auto x = logits.value().array();
    const auto t = targets.array();
    // max(x,0) − x·t + log1p(exp(−|x|)): stable for any logit magnitude.
    const float total = (x.max(0.0f) - x * t + (-x.abs()).exp().log1p()).sum();
    const float invN = 1.0f / static_cast<float>(targets.size());
    Node* px = logits.node();
    return makeResult(Matrix::Constant(1, 1, total * invN), {logits}, [px, targets, invN](Node& self) {
        const auto sig = 1.0f / (1.0f + (-px->value.array()).exp());
        px->accumulate(((sig - targets.array()) * (self.grad(0, 0) * invN)).matrix());
    });
}

Var softmaxCrossEntropy(const Var& logits, const std::vector<int>& labels) {
    if (static_cast<Index>(labels.size()) != logits.rows()) {
        throw std::invalid_argument("softmaxCrossEntropy: " + std::to_string(labels.size()) + " labels for " +
                                    std::to_string(logits.rows()) + " rows");
    }
    for (int l : labels) {
        if (l < 0 || l >= logits.cols()) {
            throw std::invalid_argument("softmaxCrossEntropy: label " + std::to_string(l) + " outside 0.." +
                                        std::to_string(logits.cols() - 1));
        }
    }
    const Var logp = logSoftmaxRows(logits);
    Matrix onehot = Matrix::Zero(logits.rows(), logits.cols());
    for (size_t i = 0; i < labels.size(); ++i) onehot(static_cast<Index>(i), labels[i]) = -1.0f / static_cast<float>(labels.size());
    return sum(mul(logp, constant(std::move(onehot))));
}

Var mse(const Var& pred, const Var& target) {
    requireSameShape(pred.value(), target.value(), "mse");
    const Var d = sub(pred, target);
    return mean(mul(d, d));
}

Var gaussianNll(const Var& mu, const Var& logVar, const Var& target) {
    requireSameShape(mu.value(), target.value(), "gaussianNll");
    requireSameShape(logVar.value(), target.value(), "gaussianNll (log variance)");
    const Var d = sub(target, mu);
    const Var quad = mul(mul(d, d), exp(neg(logVar)));
    const float halfLog2Pi = 0.5f * std::log(2.0f * std::numbers::pi_v<float>);
    return addScalar(mulScalar(mean(add(logVar, quad)), 0.5f), halfLog2Pi);
}

Var angleLoss(const Var& pred, const Var& target) {
    requireSameShape(pred.value(), target.value(), "angleLoss");
    const Var s = sin(sub(pred, target));
    return mean(mul(s, s));
}

}  // namespace bithep::autograd
