#pragma once
// A conditional coupling normalizing flow (CaloINN-style) for showers in model space. Each block
// permutes the voxels with a fixed seeded permutation, keeps the first half x_a and transforms
// the second with a transform whose parameters a subnet MLP computes from [x_a, c]:
//   affine (`flow`):  x_b → x_b·exp(s) + t; s is soft-clamped, s = k·tanh(s_raw/k), so early
//                     training cannot overflow;
//   spline (`flow-spline`, CaloINN's choice): a monotone rational-quadratic spline per column
//                     (Durkan et al. 2019) with K bins on [−B, B] and identity tails, which can
//                     bend a column's distribution (the empty-voxel band and the deposits of a
//                     voxel are two bumps) where an affine map can only shift and scale it.
// Training minimises the negative log-likelihood per dimension under a standard normal latent;
// sampling runs the blocks backwards from Gaussian noise. Every block starts as the identity:
// the subnets' output layers start at zero (and the spline's derivative biases at the value
// that makes every inner knot's slope 1).
// Layer paths (what the plans address): blocks.<b>.subnet.fc<k>, k = 0 … subnetLayers − 1.
#include <nlohmann/json_fwd.hpp>

#include "core/autograd/flow_ops.h"
#include "core/nn/mlp.h"
#include "core/tasks/calo/calo_generative_model.h"

namespace bithep::tasks::calo {

struct CouplingFlowConfig {
    enum class Coupling { Affine, Spline };
    int voxels = 368;
    int blocks = 6;
    int hidden = 128;
    int subnetLayers = 3;  // linear layers per subnet (≥ 2)
    float scaleClamp = 2.0f;
    Coupling coupling = Coupling::Affine;
    // Spline only: bins K and bound B. The subnet's output layer has (3K − 1) columns per
    // transformed dimension (K widths, K heights, K − 1 inner slopes), so K sets the cost.
    int bins = 6;
    float splineBound = 4.0f;
    nlohmann::json toJson() const;
};

class CouplingFlowModel : public CaloGenerativeModel {
public:
    CouplingFlowModel(const CouplingFlowConfig& config, std::uint64_t seed);
    // Data → latent: z and log|det ∂z/∂x| per row.
    struct Latent {
        nn::Var z, logDet;
    };
    Latent toLatent(const nn::Var& x, const tensor::Matrix& cond);
    nn::Var loss(const tensor::Matrix& x, const tensor::Matrix& cond, tensor::Rng& rng) override;
    tensor::Matrix sample(const tensor::Matrix& cond, tensor::Rng& rng) override;
    // Latent → data (exposed so tests can check the inverse).
    tensor::Matrix fromLatent(const tensor::Matrix& z, const tensor::Matrix& cond);
    int evaluationsPerSample() const override { return 1; }
    std::string configJson() const override;
    const CouplingFlowConfig& config() const { return m_config; }

private:
    struct Block {
        std::shared_ptr<nn::Mlp> subnet;
        // Column j of the permuted input is column permutation[j]; inverse undoes it. Index lists,
        // not a D × D matrix: dataset 2 has 6526 model-space columns.
        std::vector<tensor::Index> permutation, inverse;
    };
    // The block's transform of x_b given x_a (inverse: y_b back to x_b).
    autograd::FlowTransform transform(Block& block, const nn::Var& xa, const nn::Var& xb,
                                      const tensor::Matrix& cond, bool inverse);

    CouplingFlowConfig m_config;
    std::vector<Block> m_blocks;
    int m_keep = 0;  // columns passed through unchanged in each block
};

}  // namespace bithep::tasks::calo
