#include "core/tasks/jet_common/attention_layout.h"

#include <stdexcept>
#include <string>

namespace bithep::tasks::jet_common {

using autograd::Node;
using autograd::Var;
using tensor::Index;
using tensor::Matrix;

namespace {

Matrix pairToHeads(const Matrix& x, Index n) {
    const Index heads = x.cols(), sets = x.rows() / (n * n);
    Matrix out(sets * heads * n, n);
    for (Index b = 0; b < sets; ++b) {
        for (Index i = 0; i < n; ++i) {
            for (Index j = 0; j < n; ++j) {
                const Index src = (b * n + i) * n + j;
                for (Index h = 0; h < heads; ++h) out((b * heads + h) * n + i, j) = x(src, h);
            }
        }
    }
    return out;
}

Matrix headsToPair(const Matrix& g, Index n, Index heads) {
    const Index sets = g.rows() / (heads * n);
    Matrix out(sets * n * n, heads);
    for (Index b = 0; b < sets; ++b) {
        for (Index h = 0; h < heads; ++h) {
            for (Index i = 0; i < n; ++i) {
                for (Index j = 0; j < n; ++j) out((b * n + i) * n + j, h) = g((b * heads + h) * n + i, j);
            }
        }
    }
    return out;
}

Matrix transposeBlocks(const Matrix& x, Index setSize) {
    const Index sets = x.rows() / setSize, d = x.cols();
    Matrix out(sets * d, setSize);
    for (Index b = 0; b < sets; ++b) {
        out.middleRows(b * d, d) = x.middleRows(b * setSize, setSize).transpose();
    }
    return out;
}

}  // namespace

Var pairBiasPerHead(const Var& x, Index setSize) {
    if (setSize <= 0 || x.rows() % (setSize * setSize) != 0) {
        throw std::invalid_argument("pairBiasPerHead: " + std::to_string(x.rows()) +
                                    " rows are not a whole number of sets of " + std::to_string(setSize) +
                                    "x" + std::to_string(setSize) + " pairs");
    }
    Node* px = x.node();
    const Index heads = x.cols();
    return autograd::makeResult(pairToHeads(x.value(), setSize), {x}, [px, setSize, heads](Node& self) {
        px->accumulate(headsToPair(self.grad, setSize, heads));
    });
}

Var transposeSets(const Var& x, Index setSize) {
    if (setSize <= 0 || x.rows() % setSize != 0) {
        throw std::invalid_argument("transposeSets: " + std::to_string(x.rows()) +
                                    " rows are not a whole number of sets of " + std::to_string(setSize));
    }
    Node* px = x.node();
    const Index cols = x.cols();
    return autograd::makeResult(transposeBlocks(x.value(), setSize), {x},
                                [px, cols](Node& self) { px->accumulate(transposeBlocks(self.grad, cols)); });
}

}  // namespace bithep::tasks::jet_common
