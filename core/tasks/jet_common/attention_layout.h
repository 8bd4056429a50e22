#pragma once
// Two reorderings the P-DAT model needs that the generic op set lacks, as differentiable ops:
// the pairwise-feature MLP gives one bias per (set, query, key) row and head, while attention
// wants rows ordered (set, head, query); channel attention attends across features, so each
// set's (N, C) block is transposed to (C, N). Both are pure permutations, so their gradients
// are the inverse permutations (checked exactly in tst_qg_models).
#include "core/autograd/var.h"

namespace bithep::tasks::jet_common {

// x (B·N·N, H), rows ordered (b, i, j) → (B·H·N, N), rows ordered (b, h, i), column j: the
// pairBias layout of nn::MultiHeadAttention. Throws std::invalid_argument on a shape mismatch.
autograd::Var pairBiasPerHead(const autograd::Var& x, tensor::Index setSize);

// x (B·S, D) → (B·D, S): transposes every set's (S, D) block in place of the batch.
// Throws std::invalid_argument when the rows are not a multiple of setSize.
autograd::Var transposeSets(const autograd::Var& x, tensor::Index setSize);

}  // namespace bithep::tasks::jet_common
