// Affine coupling flow: permutation, conditional subnet, soft-clamped scale, exact inverse.
#include "core/tasks/calo/coupling_flow_model.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <numbers>
#include <numeric>
#include <stdexcept>

namespace bithep::tasks::calo {

using autograd::Var;
using tensor::Index;
using tensor::Matrix;

nlohmann::json CouplingFlowConfig::toJson() const {
    nlohmann::json j = {{"model", coupling == Coupling::Affine ? "flow" : "flow-spline"},
                        {"voxels", voxels},
                        {"blocks", blocks},
                        {"hidden", hidden},
                        {"subnet_layers", subnetLayers},
                        {"coupling", coupling == Coupling::Affine ? "affine" : "rational-quadratic spline"}};
    if (coupling == Coupling::Affine) {
        j["scale_clamp"] = scaleClamp;
    } else {
        j["bins"] = bins;
        j["spline_bound"] = splineBound;
    }
    return j;
}

namespace {

// Subnet output columns per transformed dimension.
Index outputsPerColumn(const CouplingFlowConfig& c) {
    return c.coupling == CouplingFlowConfig::Coupling::Affine ? 2 : 3 * c.bins - 1;
}

autograd::SplineParams splineParams(const CouplingFlowConfig& c) {
    autograd::SplineParams p;
    p.bins = c.bins;
    p.bound = c.splineBound;
    return p;
}

}  // namespace

CouplingFlowModel::CouplingFlowModel(const CouplingFlowConfig& config, std::uint64_t seed)
    : CaloGenerativeModel("CouplingFlowModel"), m_config(config), m_keep(config.voxels / 2) {
    if (config.voxels < 2 || config.blocks < 1 || config.hidden < 1 || config.subnetLayers < 2 ||
        !(config.scaleClamp > 0))
        throw std::invalid_argument(
            "coupling flow: needs >= 2 voxels, >= 1 block, >= 2 subnet layers, positive sizes");
    if (config.coupling == CouplingFlowConfig::Coupling::Spline &&
        (config.bins < 2 || !(config.splineBound > 0)))
        throw std::invalid_argument("coupling flow: a spline needs >= 2 bins and a positive bound");
    tensor::Rng rng(seed);
    const Index d = config.voxels, transformed = d - m_keep;
    for (int b = 0; b < config.blocks; ++b) {
        std::vector<Index> sizes{m_keep + 1};
        for (int k = 0; k + 1 < config.subnetLayers; ++k) sizes.push_back(config.hidden);
        sizes.push_back(outputsPerColumn(config) * transformed);
        Block block;
        block.subnet = std::make_shared<nn::Mlp>(sizes, nn::Activation::ReLU, rng);
        Var lastWeight = block.subnet->layers().back()->weight();
        Var lastBias = block.subnet->layers().back()->bias();
        lastWeight.mutableValue().setZero();
        lastBias.mutableValue().setZero();
        if (config.coupling == CouplingFlowConfig::Coupling::Spline) {
            // softplus(b) + minDerivative = 1: with equal bins every slope is 1, the identity.
            const float slope = 1.0f - splineParams(config).minDerivative;
            const float b0 = std::log(std::expm1(slope));
            lastBias.mutableValue().rightCols(transformed * (config.bins - 1)).setConstant(b0);
        }
        std::vector<Index> perm(static_cast<std::size_t>(d));
        std::iota(perm.begin(), perm.end(), Index{0});
        for (std::size_t i = perm.size(); i > 1; --i)
            std::swap(perm[i - 1], perm[static_cast<std::size_t>(rng() % i)]);
        block.inverse.assign(perm.size(), 0);
        for (std::size_t j = 0; j < perm.size(); ++j)
            block.inverse[static_cast<std::size_t>(perm[j])] = static_cast<Index>(j);
        block.permutation = std::move(perm);
        m_blocks.push_back(std::move(block));
    }
    // Paths blocks.<b>.subnet.fc<k>: a plain container module per block.
    struct Container : nn::Module {
        Container(std::shared_ptr<nn::Mlp> subnet) : nn::Module("CouplingBlock") {
            addModule("subnet", std::move(subnet));
        }
    };
    struct Blocks : nn::Module {
        explicit Blocks(const std::vector<Block>& blocks) : nn::Module("CouplingBlocks") {
            for (std::size_t b = 0; b < blocks.size(); ++b)
                addModule(std::to_string(b), std::make_shared<Container>(blocks[b].subnet));
        }
    };
    addModule("blocks", std::make_shared<Blocks>(m_blocks));
}

autograd::FlowTransform CouplingFlowModel::transform(Block& block, const Var& xa, const Var& xb,
                                                     const Matrix& cond, bool inverse) {
    const Index n = m_config.voxels - m_keep;
    const Var out = block.subnet->forward(autograd::concatCols({xa, autograd::constant(cond)}));
    if (m_config.coupling == CouplingFlowConfig::Coupling::Spline) {
        const Index k = m_config.bins;
        return autograd::rationalQuadraticSpline(
            xb, autograd::sliceCols(out, 0, n * k), autograd::sliceCols(out, n * k, n * k),
            autograd::sliceCols(out, 2 * n * k, n * (k - 1)), splineParams(m_config), inverse);
    }
    const float c = m_config.scaleClamp;
    const Var s =
        autograd::mulScalar(autograd::tanh(autograd::mulScalar(autograd::sliceCols(out, 0, n), 1.0f / c)), c);
    const Var t = autograd::sliceCols(out, n, n);
    return inverse ? autograd::affineInverse(xb, t, s) : autograd::affineForward(xb, t, s);
}

CouplingFlowModel::Latent CouplingFlowModel::toLatent(const Var& x, const Matrix& cond) {
    const Index transformed = m_config.voxels - m_keep;
    Var h = x;
    Var logDet;
    for (Block& block : m_blocks) {
        h = autograd::transpose(autograd::gatherRows(autograd::transpose(h), block.permutation));
        const Var xa = autograd::sliceCols(h, 0, m_keep), xb = autograd::sliceCols(h, m_keep, transformed);
        const autograd::FlowTransform f = transform(block, xa, xb, cond, false);
        h = autograd::concatCols({xa, f.y});
        logDet = logDet.defined() ? autograd::add(logDet, f.logDet) : f.logDet;
    }
    return {h, logDet};
}

Var CouplingFlowModel::loss(const Matrix& x, const Matrix& cond, tensor::Rng&) {
    const Latent l = toLatent(autograd::constant(x), cond);
    // NLL per dimension: ½|z|² − log det + (D/2) ln 2π, divided by D.
    const Var half = autograd::mulScalar(autograd::sumOverCols(autograd::mul(l.z, l.z)), 0.5f);
    const Var nll = autograd::mean(autograd::sub(half, l.logDet));
    const float d = static_cast<float>(m_config.voxels);
    return autograd::addScalar(autograd::mulScalar(nll, 1.0f / d),
                               0.5f * std::log(2.0f * std::numbers::pi_v<float>));
}

Matrix CouplingFlowModel::fromLatent(const Matrix& z, const Matrix& cond) {
    autograd::NoGradGuard noGrad;
    const Index transformed = m_config.voxels - m_keep;
    Matrix h = z;
    for (auto it = m_blocks.rbegin(); it != m_blocks.rend(); ++it) {
        const Var xa = autograd::constant(h.leftCols(m_keep));
        const Matrix xb =
            transform(*it, xa, autograd::constant(h.rightCols(transformed)), cond, true).y.value();
        h.rightCols(transformed) = xb;
        Matrix unpermuted(h.rows(), h.cols());  // undo the column permutation
        for (Index k = 0; k < h.cols(); ++k)
            unpermuted.col(k) = h.col(it->inverse[static_cast<std::size_t>(k)]);
        h = std::move(unpermuted);
    }
    return h;
}

Matrix CouplingFlowModel::sample(const Matrix& cond, tensor::Rng& rng) {
    const bool wasTraining = training();
    setTraining(false);
    Matrix x = fromLatent(tensor::normal(cond.rows(), m_config.voxels, 0.0f, 1.0f, rng), cond);
    setTraining(wasTraining);
    return x;
}

std::string CouplingFlowModel::configJson() const {
    return m_config.toJson().dump();
}

}  // namespace bithep::tasks::calo
