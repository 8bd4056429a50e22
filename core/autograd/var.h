#pragma once
// The define-by-run tape: every op returns a Var whose node remembers its parents and how to
// push its gradient back to them. Calling backward() on a scalar walks the recorded graph once
// in reverse topological order; the graph is freed when the last Var referring to it goes away.
// Parameters are leaf Vars with requiresGrad; their gradients accumulate until zeroGrad().
#include <functional>
#include <memory>
#include <vector>

#include "core/kernels/fp32_gemm.h"
#include "core/tensor/tensor.h"

namespace bithep::autograd {

using tensor::Index;
using tensor::Matrix;

struct Node {
    Matrix value;
    Matrix grad;  // same shape as value once hasGrad
    bool hasGrad = false;
    bool requiresGrad = false;
    std::vector<std::shared_ptr<Node>> parents;
    // Reads self.grad and accumulates into the parents that require gradients.
    std::function<void(Node& self)> backward;

    // grad += g (assigns on first use, so intermediate nodes never zero-fill).
    template <class Expr>
    void accumulate(const Expr& g) {
        if (hasGrad) {
            grad += g;
        } else {
            grad = g;
            hasGrad = true;
        }
    }
    // grad += op(a) * op(b) through kernels::gemm, without a temporary for the product.
    void accumulateProduct(const kernels::ConstMatrixRef& a, bool transA, const kernels::ConstMatrixRef& b,
                           bool transB);
    // Takes over a freshly computed gradient buffer without copying it.
    void accumulate(Matrix&& g) {
        if (hasGrad) {
            grad += g;
        } else {
            grad = std::move(g);
            hasGrad = true;
        }
    }
};

class Var {
public:
    Var() = default;
    explicit Var(Matrix value, bool requiresGrad = false);

    bool defined() const { return static_cast<bool>(m_node); }
    const Matrix& value() const { return m_node->value; }
    // Writing into a leaf's value between steps is how optimizers update parameters.
    Matrix& mutableValue() { return m_node->value; }
    // Zero matrix of the value's shape when no gradient has reached this node yet.
    const Matrix& grad() const;
    bool hasGrad() const { return m_node->hasGrad; }
    bool requiresGrad() const { return m_node && m_node->requiresGrad; }
    Index rows() const { return m_node->value.rows(); }
    Index cols() const { return m_node->value.cols(); }
    float item() const;  // value of a 1x1 Var; throws otherwise

    // Seeds d(self)/d(self) = 1 (self must be 1x1) and runs the tape backwards.
    void backward() const;
    void backward(const Matrix& seed) const;
    void zeroGrad();  // keeps the buffer, sets it to zero

    Node* node() const { return m_node.get(); }
    const std::shared_ptr<Node>& sharedNode() const { return m_node; }
    static Var fromNode(std::shared_ptr<Node> node);

private:
    std::shared_ptr<Node> m_node;
};

// Disables graph recording on this thread while alive (evaluation, optimizer updates).
class NoGradGuard {
public:
    NoGradGuard();
    ~NoGradGuard();
    NoGradGuard(const NoGradGuard&) = delete;
    NoGradGuard& operator=(const NoGradGuard&) = delete;

private:
    bool m_previous;
};
bool gradEnabled();

// Builds an op's result. The backward closure is kept only if some parent needs a gradient
// and recording is on, so inference allocates no graph.
Var makeResult(Matrix value, std::initializer_list<Var> parents,
               std::function<void(Node& self)> backward);
Var makeResult(Matrix value, const std::vector<Var>& parents,
               std::function<void(Node& self)> backward);

// Leaf that needs no gradient.
Var constant(Matrix value);
Var scalarConstant(float v);

}  // namespace bithep::autograd
