// Linear algebra, broadcasting arithmetic and elementwise functions.
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include <unsupported/Eigen/SpecialFunctions>

#include "core/autograd/ops.h"

namespace bithep::autograd {

namespace {

Index broadcastDim(Index a, Index b, const char* op, const Matrix& ma, const Matrix& mb) {
    if (a == b || b == 1) return a;
    if (a == 1) return b;
    throw std::invalid_argument(std::string(op) + ": shapes " + tensor::shapeString(ma) + " and " +
                                tensor::shapeString(mb) + " do not broadcast");
}

Matrix broadcastTo(const Matrix& m, Index rows, Index cols) {
    if (m.rows() == rows && m.cols() == cols) return m;
    return m.replicate(rows / m.rows(), cols / m.cols());
}

// Sums a gradient over the dimensions a broadcast expanded.
Matrix reduceTo(const Matrix& g, Index rows, Index cols) {
    if (g.rows() == rows && g.cols() == cols) return g;
    if (rows == 1 && cols == 1) return Matrix::Constant(1, 1, g.sum());
    if (rows == 1) return g.colwise().sum();
    return g.rowwise().sum();
}

constexpr float kInvSqrt2 = 0.70710678118654752f;
constexpr float kInvSqrt2Pi = 0.39894228040143268f;  // standard normal density prefactor

enum class BinOp { Add, Sub, Mul, Div };

// Same-shape operands (residual connections, gates) take a path without broadcast copies.
Var binarySameShape(const Var& a, const Var& b, BinOp op) {
    const Matrix& av = a.value();
    const Matrix& bv = b.value();
    Matrix out;
    switch (op) {
        case BinOp::Add: out = av + bv; break;
        case BinOp::Sub: out = av - bv; break;
        case BinOp::Mul: out = av.cwiseProduct(bv); break;
        case BinOp::Div: out = av.cwiseQuotient(bv); break;
    }
    Node* pa = a.node();
    Node* pb = b.node();
    return makeResult(std::move(out), {a, b}, [pa, pb, op](Node& self) {
        const Matrix& g = self.grad;
        const Matrix& x = pa->value;
        const Matrix& y = pb->value;
        if (pa->requiresGrad) {
            switch (op) {
                case BinOp::Add:
                case BinOp::Sub: pa->accumulate(g); break;
                case BinOp::Mul: pa->accumulate(g.cwiseProduct(y)); break;
                case BinOp::Div: pa->accumulate(g.cwiseQuotient(y)); break;
            }
        }
        if (pb->requiresGrad) {
            switch (op) {
                case BinOp::Add: pb->accumulate(g); break;
                case BinOp::Sub: pb->accumulate(-g); break;
                case BinOp::Mul: pb->accumulate(g.cwiseProduct(x)); break;
                case BinOp::Div: pb->accumulate((-(g.array() * x.array()) / (y.array() * y.array())).matrix()); break;
            }
        }
    });
}

Var binary(const Var& a, const Var& b, BinOp op, const char* name) {
    const Index r = broadcastDim(a.rows(), b.rows(), name, a.value(), b.value());
    const Index c = broadcastDim(a.cols(), b.cols(), name, a.value(), b.value());
    if (a.rows() == b.rows() && a.cols() == b.cols()) return binarySameShape(a, b, op);
    Matrix av = broadcastTo(a.value(), r, c);
    Matrix bv = broadcastTo(b.value(), r, c);
    Matrix out;
    switch (op) {
        case BinOp::Add: out = av + bv; break;
        case BinOp::Sub: out = av - bv; break;
        case BinOp::Mul: out = av.cwiseProduct(bv); break;
        case BinOp::Div: out = av.cwiseQuotient(bv); break;
    }
    Node* pa = a.node();
    Node* pb = b.node();
    return makeResult(std::move(out), {a, b}, [pa, pb, op, av = std::move(av), bv = std::move(bv)](Node& self) {
        const Matrix& g = self.grad;
        if (pa->requiresGrad) {
            Matrix ga = (op == BinOp::Mul)   ? Matrix(g.cwiseProduct(bv))
                        : (op == BinOp::Div) ? Matrix(g.cwiseQuotient(bv))
                                             : g;
            pa->accumulate(reduceTo(ga, pa->value.rows(), pa->value.cols()));
        }
        if (pb->requiresGrad) {
            Matrix gb;
            switch (op) {
                case BinOp::Add: gb = g; break;
                case BinOp::Sub: gb = -g; break;
                case BinOp::Mul: gb = g.cwiseProduct(av); break;
                case BinOp::Div: gb = -(g.array() * av.array() / (bv.array() * bv.array())).matrix(); break;
            }
            pb->accumulate(reduceTo(gb, pb->value.rows(), pb->value.cols()));
        }
    });
}

// Elementwise op: dfdx(x, y) is the local derivative as an array expression.
template <class Fwd, class Dfdx>
Var unary(const Var& a, Fwd fwd, Dfdx dfdx) {
    Matrix out = fwd(a.value().array()).matrix();
    Node* pa = a.node();
    return makeResult(std::move(out), {a}, [pa, dfdx](Node& self) {
        pa->accumulate((self.grad.array() * dfdx(pa->value.array(), self.value.array())).matrix());
    });
}

}  // namespace

SetMask SetMask::allValid(Index numSets, Index setSize) {
    SetMask m;
    m.setSize = setSize;
    m.valid.assign(static_cast<size_t>(numSets * setSize), 1);
    return m;
}

Var matmul(const Var& a, const Var& b) {
    if (a.cols() != b.rows()) {
        throw std::invalid_argument("matmul: inner dimensions differ, " + tensor::shapeString(a.value()) +
                                    " x " + tensor::shapeString(b.value()));
    }
    Matrix out(a.rows(), b.cols());
    kernels::gemm(out, a.value(), false, b.value(), false);
    Node* pa = a.node();
    Node* pb = b.node();
    return makeResult(std::move(out), {a, b}, [pa, pb](Node& self) {
        if (pa->requiresGrad) pa->accumulateProduct(self.grad, false, pb->value, true);
        if (pb->requiresGrad) pb->accumulateProduct(pa->value, true, self.grad, false);
    });
}

Var linear(const Var& x, const Var& w, const Var& bias) {
    if (x.cols() != w.cols()) {
        throw std::invalid_argument("linear: input " + tensor::shapeString(x.value()) +
                                    " does not match weight (out x in) " + tensor::shapeString(w.value()));
    }
    const bool hasBias = bias.defined();
    if (hasBias) tensor::requireShape(bias.value(), 1, w.rows(), "linear bias");
    Matrix out(x.rows(), w.rows());
    kernels::gemm(out, x.value(), false, w.value(), true, false, hasBias ? bias.value().data() : nullptr);
    Node* px = x.node();
    Node* pw = w.node();
    Node* pb = hasBias ? bias.node() : nullptr;
    std::vector<Var> parents{x, w};
    if (hasBias) parents.push_back(bias);
    return makeResult(std::move(out), parents, [px, pw, pb](Node& self) {
        const Matrix& g = self.grad;
        if (px->requiresGrad) px->accumulateProduct(g, false, pw->value, false);
        if (pw->requiresGrad) pw->accumulateProduct(g, true, px->value, false);
        if (pb && pb->requiresGrad) pb->accumulate(g.colwise().sum());
    });
}

Var add(const Var& a, const Var& b) { return binary(a, b, BinOp::Add, "add"); }
Var sub(const Var& a, const Var& b) { return binary(a, b, BinOp::Sub, "sub"); }
Var mul(const Var& a, const Var& b) { return binary(a, b, BinOp::Mul, "mul"); }
Var div(const Var& a, const Var& b) { return binary(a, b, BinOp::Div, "div"); }

Var addScalar(const Var& a, float s) {
    return unary(a, [s](const auto& x) { return x + s; }, [](const auto& x, const auto&) { return x * 0 + 1; });
}
Var mulScalar(const Var& a, float s) {
    return unary(a, [s](const auto& x) { return x * s; }, [s](const auto& x, const auto&) { return x * 0 + s; });
}
Var neg(const Var& a) { return mulScalar(a, -1.0f); }

Var straightThrough(const Var& x, Matrix forwardValue) {
    tensor::requireShape(forwardValue, x.rows(), x.cols(), "straightThrough value");
    Node* px = x.node();
    return makeResult(std::move(forwardValue), {x}, [px](Node& self) { px->accumulate(self.grad); });
}

Var exp(const Var& a) {
    return unary(a, [](const auto& x) { return x.exp(); }, [](const auto&, const auto& y) { return y; });
}
Var log(const Var& a) {
    return unary(a, [](const auto& x) { return x.log(); }, [](const auto& x, const auto&) { return x.inverse(); });
}
Var sqrt(const Var& a) {
    return unary(a, [](const auto& x) { return x.sqrt(); }, [](const auto&, const auto& y) { return 0.5f / y; });
}
Var pow(const Var& a, float p) {
    return unary(a, [p](const auto& x) { return x.pow(p); },
                 [p](const auto& x, const auto&) { return p * x.pow(p - 1.0f); });
}
Var abs(const Var& a) {
    return unary(a, [](const auto& x) { return x.abs(); }, [](const auto& x, const auto&) { return x.sign(); });
}
Var clamp(const Var& a, float lo, float hi) {
    if (!(lo <= hi)) throw std::invalid_argument("clamp: lo must not exceed hi");
    return unary(a, [lo, hi](const auto& x) { return x.max(lo).min(hi); },
                 [lo, hi](const auto& x, const auto&) { return ((x > lo) && (x < hi)).template cast<float>(); });
}
Var sin(const Var& a) {
    return unary(a, [](const auto& x) { return x.sin(); }, [](const auto& x, const auto&) { return x.cos(); });
}
Var cos(const Var& a) {
    return unary(a, [](const auto& x) { return x.cos(); }, [](const auto& x, const auto&) { return -x.sin(); });
}
Var relu(const Var& a) {
    return unary(a, [](const auto& x) { return x.max(0.0f); },
                 [](const auto& x, const auto&) { return (x > 0.0f).template cast<float>(); });
}
Var leakyRelu(const Var& a, float slope) {
    return unary(a, [slope](const auto& x) { return (x > 0.0f).select(x, x * slope); },
                 [slope](const auto& x, const auto&) { return (x > 0.0f).select(x * 0 + 1.0f, x * 0 + slope); });
}
Var gelu(const Var& a) {
    return unary(
        a, [](const auto& x) { return 0.5f * x * (1.0f + (x * kInvSqrt2).erf()); },
        [](const auto& x, const auto&) {
            return 0.5f * (1.0f + (x * kInvSqrt2).erf()) + x * kInvSqrt2Pi * (-0.5f * x * x).exp();
        });
}
Var sigmoid(const Var& a) {
    return unary(a, [](const auto& x) { return 1.0f / (1.0f + (-x).exp()); },
                 [](const auto&, const auto& y) { return y * (1.0f - y); });
}
Var silu(const Var& a) {
    return unary(a, [](const auto& x) { return x / (1.0f + (-x).exp()); },
                 [](const auto& x, const auto&) {
                     const auto s = 1.0f / (1.0f + (-x).exp());
                     return s * (1.0f + x * (1.0f - s));
                 });
}
Var tanh(const Var& a) {
    return unary(a, [](const auto& x) { return x.tanh(); }, [](const auto&, const auto& y) { return 1.0f - y * y; });
}
Var softplus(const Var& a) {
    // max(x,0) + log1p(exp(-|x|)) never overflows.
    return unary(a, [](const auto& x) { return x.max(0.0f) + (-x.abs()).exp().log1p(); },
                 [](const auto& x, const auto&) { return 1.0f / (1.0f + (-x).exp()); });
}

}  // namespace bithep::autograd
