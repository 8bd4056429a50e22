#pragma once
// Particle-flow network (DeepSets / energyflow PFN) baseline: the same per-particle MLP φ on
// every particle, a sum over the jet's real particles, and an MLP ρ on the sum. Paths:
// phi.fc0..fc2 and rho.fc0..fc2. The sum (not the mean) lets it count particles, the single
// strongest quark/gluon observable.
#include <memory>

#include "core/nn/mlp.h"
#include "core/tasks/qg/qg_model.h"

namespace bithep::tasks::qg {

class DeepSetsModel : public jet_common::JetModel {
public:
    DeepSetsModel(const jet_common::JetModelConfig& config, tensor::Rng& rng);
    bool needsPairFeatures() const override { return false; }
    autograd::Var forward(const jet_common::FeatureBatch& batch) override;

private:
    std::shared_ptr<nn::Mlp> m_phi, m_rho;
};

}  // namespace bithep::tasks::qg
