// Concatenation, slicing, reshaping, gathering and reductions (plain and per set).
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/autograd/ops.h"

namespace bithep::autograd {

namespace {

void requireRange(Index start, Index count, Index size, const char* op) {
    if (start < 0 || count < 0 || start + count > size) {
        throw std::invalid_argument(std::string(op) + ": range [" + std::to_string(start) + ", " +
                                    std::to_string(start + count) + ") outside 0.." + std::to_string(size));
    }
}

void requireSetMask(const Var& x, const SetMask& mask, const char* op) {
    if (mask.setSize <= 0 || static_cast<Index>(mask.valid.size()) != x.rows() ||
        x.rows() % mask.setSize != 0) {
        throw std::invalid_argument(std::string(op) + ": mask of " + std::to_string(mask.valid.size()) +
                                    " rows with set size " + std::to_string(mask.setSize) +
                                    " does not match input " + tensor::shapeString(x.value()));
    }
}

}  // namespace

Var concatCols(const std::vector<Var>& parts) {
    if (parts.empty()) throw std::invalid_argument("concatCols: nothing to concatenate");
    Index cols = 0;
    for (const Var& p : parts) {
        if (p.rows() != parts[0].rows()) {
            throw std::invalid_argument("concatCols: row counts differ (" + std::to_string(p.rows()) + " vs " +
                                        std::to_string(parts[0].rows()) + ")");
        }
        cols += p.cols();
    }
    Matrix out(parts[0].rows(), cols);
    std::vector<Node*> nodes;
    Index at = 0;
    for (const Var& p : parts) {
        out.middleCols(at, p.cols()) = p.value();
        at += p.cols();
        nodes.push_back(p.node());
    }
    return makeResult(std::move(out), parts, [nodes](Node& self) {
        Index c = 0;
        for (Node* n : nodes) {
            if (n->requiresGrad) n->accumulate(self.grad.middleCols(c, n->value.cols()));
            c += n->value.cols();
        }
    });
}

Var concatRows(const std::vector<Var>& parts) {
    if (parts.empty()) throw std::invalid_argument("concatRows: nothing to concatenate");
    Index rows = 0;
    for (const Var& p : parts) {
        if (p.cols() != parts[0].cols()) {
            throw std::invalid_argument("concatRows: column counts differ (" + std::to_string(p.cols()) +
                                        " vs " + std::to_string(parts[0].cols()) + ")");
        }
        rows += p.rows();
    }
    Matrix out(rows, parts[0].cols());
    std::vector<Node*> nodes;
    Index at = 0;
    for (const Var& p : parts) {
        out.middleRows(at, p.rows()) = p.value();
        at += p.rows();
        nodes.push_back(p.node());
    }
    return makeResult(std::move(out), parts, [nodes](Node& self) {
        Index r = 0;
        for (Node* n : nodes) {
            if (n->requiresGrad) n->accumulate(self.grad.middleRows(r, n->value.rows()));
            r += n->value.rows();
        }
    });
}

Var sliceCols(const Var& x, Index start, Index count) {
    requireRange(start, count, x.cols(), "sliceCols");
    Node* px = x.node();
    return makeResult(x.value().middleCols(start, count), {x}, [px, start, count](Node& self) {
        Matrix g = Matrix::Zero(px->value.rows(), px->value.cols());
        g.middleCols(start, count) = self.grad;
        px->accumulate(std::move(g));
    });
}

Var sliceRows(const Var& x, Index start, Index count) {
    requireRange(start, count, x.rows(), "sliceRows");
    Node* px = x.node();
    return makeResult(x.value().middleRows(start, count), {x}, [px, start, count](Node& self) {
        Matrix g = Matrix::Zero(px->value.rows(), px->value.cols());
        g.middleRows(start, count) = self.grad;
        px->accumulate(std::move(g));
    });
}

Var reshape(const Var& x, Index rows, Index cols) {
    if (rows * cols != x.value().size()) {
        throw std::invalid_argument("reshape: cannot view " + tensor::shapeString(x.value()) + " as " +
                                    tensor::shapeString(rows, cols));
    }
    Matrix out = Eigen::Map<const Matrix>(x.value().data(), rows, cols);
    Node* px = x.node();
    return makeResult(std::move(out), {x}, [px](Node& self) {
        px->accumulate(Eigen::Map<const Matrix>(self.grad.data(), px->value.rows(), px->value.cols()));
    });
}

Var transpose(const Var& x) {
    Node* px = x.node();
    return makeResult(x.value().transpose(), {x}, [px](Node& self) { px->accumulate(self.grad.transpose()); });
}

Var gatherRows(const Var& x, const std::vector<Index>& rows) {
    Matrix out(static_cast<Index>(rows.size()), x.cols());
    for (size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] < 0 || rows[i] >= x.rows()) {
            throw std::invalid_argument("gatherRows: index " + std::to_string(rows[i]) + " outside 0.." +
                                        std::to_string(x.rows() - 1));
        }
        out.row(static_cast<Index>(i)) = x.value().row(rows[i]);
    }
    Node* px = x.node();
    return makeResult(std::move(out), {x}, [px, rows](Node& self) {
        Matrix g = Matrix::Zero(px->value.rows(), px->value.cols());
        for (size_t i = 0; i < rows.size(); ++i) g.row(rows[i]) += self.grad.row(static_cast<Index>(i));
        px->accumulate(std::move(g));
    });
}

Var pickCols(const Var& x, const std::vector<Index>& cols) {
    if (static_cast<Index>(cols.size()) != x.rows()) {
        throw std::invalid_argument("pickCols: " + std::to_string(cols.size()) + " indices for " +
                                    std::to_string(x.rows()) + " rows");
    }
    Matrix out(x.rows(), 1);
    for (Index r = 0; r < x.rows(); ++r) {
        const Index c = cols[static_cast<size_t>(r)];
        if (c < 0 || c >= x.cols()) {
            throw std::invalid_argument("pickCols: column " + std::to_string(c) + " outside 0.." + std::to_string(x.cols() - 1));
        }
        out(r, 0) = x.value()(r, c);
    }
    Node* px = x.node();
    return makeResult(std::move(out), {x}, [px, cols](Node& self) {
        Matrix g = Matrix::Zero(px->value.rows(), px->value.cols());
        for (Index r = 0; r < g.rows(); ++r) g(r, cols[static_cast<size_t>(r)]) = self.grad(r, 0);
        px->accumulate(std::move(g));
    });
}

Var cumsumCols(const Var& x) {
    Matrix out = x.value();
    for (Index c = 1; c < out.cols(); ++c) out.col(c) += out.col(c - 1);
    Node* px = x.node();
    return makeResult(std::move(out), {x}, [px](Node& self) {
        Matrix g = self.grad;  // reverse running sum
        for (Index c = g.cols() - 2; c >= 0; --c) g.col(c) += g.col(c + 1);
        px->accumulate(std::move(g));
    });
}

Var sum(const Var& x) {
    Node* px = x.node();
    return makeResult(Matrix::Constant(1, 1, x.value().sum()), {x}, [px](Node& self) {
        px->accumulate(Matrix::Constant(px->value.rows(), px->value.cols(), self.grad(0, 0)));
    });
}

Var mean(const Var& x) { return mulScalar(sum(x), 1.0f / static_cast<float>(x.value().size())); }

Var sumOverRows(const Var& x) {
    Node* px = x.node();
    return makeResult(x.value().colwise().sum(), {x},
                      [px](Node& self) { px->accumulate(self.grad.replicate(px->value.rows(), 1)); });
}

Var meanOverRows(const Var& x) { return mulScalar(sumOverRows(x), 1.0f / static_cast<float>(x.rows())); }

Var sumOverCols(const Var& x) {
    Node* px = x.node();
    return makeResult(x.value().rowwise().sum(), {x},
                      [px](Node& self) { px->accumulate(self.grad.replicate(1, px->value.cols())); });
}

Var meanOverCols(const Var& x) { return mulScalar(sumOverCols(x), 1.0f / static_cast<float>(x.cols())); }

Var maxOverRows(const Var& x) {
    if (x.rows() == 0) throw std::invalid_argument("maxOverRows: empty input");
    std::vector<Index> arg(static_cast<size_t>(x.cols()));
    Matrix out(1, x.cols());
    for (Index c = 0; c < x.cols(); ++c) out(0, c) = x.value().col(c).maxCoeff(&arg[static_cast<size_t>(c)]);
    Node* px = x.node();
    return makeResult(std::move(out), {x}, [px, arg](Node& self) {
        Matrix g = Matrix::Zero(px->value.rows(), px->value.cols());
        for (Index c = 0; c < g.cols(); ++c) g(arg[static_cast<size_t>(c)], c) = self.grad(0, c);
        px->accumulate(std::move(g));
    });
}

Var maxOverCols(const Var& x) {
    if (x.cols() == 0) throw std::invalid_argument("maxOverCols: empty input");
    std::vector<Index> arg(static_cast<size_t>(x.rows()));
    Matrix out(x.rows(), 1);
    for (Index r = 0; r < x.rows(); ++r) out(r, 0) = x.value().row(r).maxCoeff(&arg[static_cast<size_t>(r)]);
    Node* px = x.node();
    return makeResult(std::move(out), {x}, [px, arg](Node& self) {
        Matrix g = Matrix::Zero(px->value.rows(), px->value.cols());
        for (Index r = 0; r < g.rows(); ++r) g(r, arg[static_cast<size_t>(r)]) = self.grad(r, 0);
        px->accumulate(std::move(g));
    });
}

namespace {
// Weighted per-set sum: w is 1 (sum) or 1/count (mean) on valid rows, 0 on padding.
Var setWeightedSum(const Var& x, const SetMask& mask, bool meanOfSet, const char* op) {
    requireSetMask(x, mask, op);
    const Index n = mask.setSize, sets = mask.numSets();
    std::vector<float> w(mask.valid.size(), 0.0f);
    for (Index b = 0; b < sets; ++b) {
        Index count = 0;
        for (Index i = 0; i < n; ++i) count += mask.valid[static_cast<size_t>(b * n + i)] ? 1 : 0;
        const float wv = meanOfSet ? (count > 0 ? 1.0f / static_cast<float>(count) : 0.0f) : 1.0f;
        for (Index i = 0; i < n; ++i) {
            const auto k = static_cast<size_t>(b * n + i);
            w[k] = mask.valid[k] ? wv : 0.0f;
        }
    }
    Matrix out = Matrix::Zero(sets, x.cols());
    for (Index r = 0; r < x.rows(); ++r) {
        const float wr = w[static_cast<size_t>(r)];
        if (wr != 0.0f) out.row(r / n) += wr * x.value().row(r);
    }
    Node* px = x.node();
    return makeResult(std::move(out), {x}, [px, w = std::move(w), n](Node& self) {
        Matrix g(px->value.rows(), px->value.cols());
        for (Index r = 0; r < g.rows(); ++r) g.row(r) = w[static_cast<size_t>(r)] * self.grad.row(r / n);
        px->accumulate(std::move(g));
    });
}
}  // namespace

Var setSum(const Var& x, const SetMask& mask) { return setWeightedSum(x, mask, false, "setSum"); }
Var setMean(const Var& x, const SetMask& mask) { return setWeightedSum(x, mask, true, "setMean"); }

Var setMax(const Var& x, const SetMask& mask) {
    requireSetMask(x, mask, "setMax");
    const Index n = mask.setSize, sets = mask.numSets(), d = x.cols();
    Matrix out = Matrix::Zero(sets, d);
    std::vector<Index> arg(static_cast<size_t>(sets * d), -1);  // -1: empty set, no gradient
    for (Index b = 0; b < sets; ++b) {
        for (Index i = 0; i < n; ++i) {
            const Index r = b * n + i;
            if (!mask.valid[static_cast<size_t>(r)]) continue;
            for (Index c = 0; c < d; ++c) {
                Index& a = arg[static_cast<size_t>(b * d + c)];
                if (a < 0 || x.value()(r, c) > out(b, c)) {
                    out(b, c) = x.value()(r, c);
                    a = r;
                }
            }
        }
    }
    Node* px = x.node();
    return makeResult(std::move(out), {x}, [px, arg = std::move(arg), d](Node& self) {
        Matrix g = Matrix::Zero(px->value.rows(), px->value.cols());
        for (size_t k = 0; k < arg.size(); ++k) {
            const Index b = static_cast<Index>(k) / d, c = static_cast<Index>(k) % d;
            if (arg[k] >= 0) g(arg[k], c) += self.grad(b, c);
        }
        px->accumulate(std::move(g));
    });
}

}  // namespace bithep::autograd
