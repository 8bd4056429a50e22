// Token-per-layer transformer velocity field for conditional flow matching.
#include "core/tasks/calo/transformer_velocity_field.h"

#include <numeric>
#include <stdexcept>

namespace bithep::tasks::calo {

using autograd::Var;
using tensor::Index;

namespace {

// Plain containers so the paths read tokens.in<i> and blocks.<b>.
struct Container : nn::Module {
    Container() : nn::Module("Container") {}
    template <class M>
    std::shared_ptr<M> add(const std::string& name, std::shared_ptr<M> m) {
        return addModule(name, std::move(m));
    }
};

}  // namespace

TransformerVelocityField::TransformerVelocityField(const TransformerFieldConfig& config, tensor::Rng& rng)
    : nn::Module("TransformerVelocityField"), m_config(config) {
    if (config.tokenSizes.empty() || config.width < 1 || config.blocks < 1 || config.feedForward < 1 ||
        config.heads < 1 || config.width % config.heads != 0)
        throw std::invalid_argument(
            "transformer velocity field: needs tokens, positive sizes and a width divisible by the heads");
    for (int s : config.tokenSizes)
        if (s < 1) throw std::invalid_argument("transformer velocity field: every token needs a column");
    auto tokens = addModule("tokens", std::make_shared<Container>());
    const Index d = config.width;
    for (std::size_t i = 0; i < config.tokenSizes.size(); ++i)
        m_in.push_back(tokens->add("in" + std::to_string(i),
                                   std::make_shared<nn::BitLinear>(config.tokenSizes[i], d, rng)));
    auto blocks = addModule("blocks", std::make_shared<Container>());
    for (int b = 0; b < config.blocks; ++b)
        m_blocks.push_back(blocks->add(std::to_string(b), std::make_shared<nn::TransformerBlock>(
                                                              d, config.heads, config.feedForward, rng)));
    m_norm = addModule("norm", std::make_shared<nn::LayerNorm>(d));
    for (std::size_t i = 0; i < config.tokenSizes.size(); ++i)
        m_out.push_back(tokens->add("out" + std::to_string(i),
                                    std::make_shared<nn::BitLinear>(d, config.tokenSizes[i], rng)));
}

Var TransformerVelocityField::forward(const Var& xt, const Var& embedding) {
    const Index n = static_cast<Index>(m_config.tokenSizes.size()), d = m_config.width, b = xt.rows();
    const Index columns = std::accumulate(m_config.tokenSizes.begin(), m_config.tokenSizes.end(), Index{0});
    if (xt.cols() != columns || embedding.cols() != d || embedding.rows() != b)
        throw std::invalid_argument("transformer velocity field: got " + tensor::shapeString(xt.value()) +
                                    " and " + tensor::shapeString(embedding.value()) + " for " +
                                    std::to_string(columns) + " columns of width " + std::to_string(d));
    std::vector<Var> tokens;
    Index offset = 0;
    for (Index i = 0; i < n; ++i) {
        const Index size = m_config.tokenSizes[static_cast<std::size_t>(i)];
        tokens.push_back(autograd::add(
            m_in[static_cast<std::size_t>(i)]->forward(autograd::sliceCols(xt, offset, size)), embedding));
        offset += size;
    }
    // (B, N·d) → (B·N, d): row b·N + i is token i of sample b, the set layout of the blocks.
    Var h = autograd::reshape(autograd::concatCols(tokens), b * n, d);
    const autograd::SetMask mask = autograd::SetMask::allValid(b, n);
    for (auto& block : m_blocks) h = block->forward(h, mask);
    h = autograd::reshape(m_norm->forward(h), b, n * d);
    std::vector<Var> out;
    for (Index i = 0; i < n; ++i)
        out.push_back(m_out[static_cast<std::size_t>(i)]->forward(autograd::sliceCols(h, i * d, d)));
    return autograd::concatCols(out);
}

void TransformerVelocityField::describe(const std::string& path, Index rowsPerSample,
                                        nn::ModelListing& out) const {
    const Index n = static_cast<Index>(m_config.tokenSizes.size());
    for (std::size_t i = 0; i < m_in.size(); ++i)
        m_in[i]->describe(join(path, "tokens.in" + std::to_string(i)), rowsPerSample, out);
    // Blocks: described for one evaluation of N tokens, then scaled to the evaluations.
    nn::ModelListing blocks;
    for (std::size_t b = 0; b < m_blocks.size(); ++b)
        m_blocks[b]->describe(join(path, "blocks." + std::to_string(b)), n, blocks);
    m_norm->describe(join(path, "norm"), n, blocks);
    const auto evaluations = static_cast<double>(rowsPerSample);
    for (auto& l : blocks.layers) l.macsPerSample *= evaluations;
    for (auto& c : blocks.compute) c.flopsPerSample *= evaluations;
    out.layers.insert(out.layers.end(), blocks.layers.begin(), blocks.layers.end());
    out.compute.insert(out.compute.end(), blocks.compute.begin(), blocks.compute.end());
    for (std::size_t i = 0; i < m_out.size(); ++i)
        m_out[i]->describe(join(path, "tokens.out" + std::to_string(i)), rowsPerSample, out);
}

}  // namespace bithep::tasks::calo
