#include "core/nn/embedding.h"

#include "core/autograd/ops.h"

namespace bithep::nn {

Embedding::Embedding(Index count, Index dim, tensor::Rng& rng) : Module("Embedding") {
    m_table = addParameter("weight", tensor::normal(count, dim, 0.0f, 1.0f, rng));
}

Var Embedding::forward(const std::vector<Index>& indices) const { return autograd::gatherRows(m_table, indices); }

}  // namespace bithep::nn
