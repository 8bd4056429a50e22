#pragma once
// Lookup table of learnable vectors (token or particle-type embeddings), initialised N(0, 1).
#include <vector>

#include "core/nn/module.h"

namespace bithep::nn {

class Embedding : public Module {
public:
    Embedding(Index count, Index dim, tensor::Rng& rng);
    // One output row per index; throws std::invalid_argument for an index outside the table.
    Var forward(const std::vector<Index>& indices) const;
    const Var& table() const { return m_table; }

private:
    Var m_table;
};

}  // namespace bithep::nn
