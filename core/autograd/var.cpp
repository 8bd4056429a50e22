#include "core/autograd/var.h"

#include <stdexcept>
#include <unordered_set>

namespace bithep::autograd {

void Node::accumulateProduct(const kernels::ConstMatrixRef& a, bool transA, const kernels::ConstMatrixRef& b,
                             bool transB) {
    if (!hasGrad) {
        grad.resize(transA ? a.cols() : a.rows(), transB ? b.rows() : b.cols());
        kernels::gemm(grad, a, transA, b, transB, false);
        hasGrad = true;
    } else {
        kernels::gemm(grad, a, transA, b, transB, true);
    }
}

namespace {
thread_local bool t_gradEnabled = true;
}

Var::Var(Matrix value, bool requiresGrad) : m_node(std::make_shared<Node>()) {
    m_node->value = std::move(value);
    m_node->requiresGrad = requiresGrad;
}

Var Var::fromNode(std::shared_ptr<Node> node) {
    Var v;
    v.m_node = std::move(node);
    return v;
}

const Matrix& Var::grad() const {
    if (!m_node->hasGrad) {
        m_node->grad = Matrix::Zero(rows(), cols());
        m_node->hasGrad = true;
    }
    return m_node->grad;
}

float Var::item() const {
    if (rows() != 1 || cols() != 1) {
        throw std::invalid_argument("Var::item: expected (1 x 1), got " + tensor::shapeString(value()));
    }
    return value()(0, 0);
}

void Var::zeroGrad() {
    if (m_node->hasGrad) m_node->grad.setZero();
}

void Var::backward() const {
    if (rows() != 1 || cols() != 1) {
        throw std::invalid_argument("Var::backward: needs a (1 x 1) loss, got " +
                                    tensor::shapeString(value()));
    }
    backward(Matrix::Ones(1, 1));
}

void Var::backward(const Matrix& seed) const {
    tensor::requireShape(seed, rows(), cols(), "Var::backward seed");
    if (!m_node->requiresGrad) {
        throw std::logic_error("Var::backward: the value does not depend on any parameter");
    }
    // Iterative post-order DFS: deep graphs (long training unrolls) must not overflow the stack.
    std::vector<Node*> order;
    std::unordered_set<Node*> seen;
    std::vector<std::pair<Node*, size_t>> stack{{m_node.get(), 0}};
    seen.insert(m_node.get());
    while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (next < node->parents.size()) {
            Node* p = node->parents[next++].get();
            if (p->requiresGrad && seen.insert(p).second) stack.emplace_back(p, 0);
        } else {
            order.push_back(node);
            stack.pop_back();
        }
    }
    m_node->accumulate(seed);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        Node* n = *it;
        if (n->backward && n->hasGrad) n->backward(*n);
        if (n->backward && n != m_node.get()) {
            // Interior gradients are consumed; freeing them keeps peak memory at one graph.
            n->grad = Matrix();
            n->hasGrad = false;
        }
    }
}

NoGradGuard::NoGradGuard() : m_previous(t_gradEnabled) { t_gradEnabled = false; }
NoGradGuard::~NoGradGuard() { t_gradEnabled = m_previous; }
bool gradEnabled() { return t_gradEnabled; }

Var makeResult(Matrix value, const std::vector<Var>& parents,
               std::function<void(Node& self)> backward) {
    auto node = std::make_shared<Node>();
    node->value = std::move(value);
    if (t_gradEnabled) {
        for (const Var& p : parents) {
            if (p.requiresGrad()) node->requiresGrad = true;
        }
    }
    if (node->requiresGrad) {
        node->parents.reserve(parents.size());
        for (const Var& p : parents) node->parents.push_back(p.sharedNode());
        node->backward = std::move(backward);
    }
    return Var::fromNode(std::move(node));
}

Var makeResult(Matrix value, std::initializer_list<Var> parents,
               std::function<void(Node& self)> backward) {
    return makeResult(std::move(value), std::vector<Var>(parents), std::move(backward));
}

Var constant(Matrix value) { return Var(std::move(value), false); }
Var scalarConstant(float v) { return Var(Matrix::Constant(1, 1, v), false); }

}  // namespace bithep::autograd
