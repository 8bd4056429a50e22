#include "core/tasks/jet_common/jet_plans.h"

#include <stdexcept>

namespace bithep::tasks::jet_common {

using quant::ActivationBits;
using quant::Precision;
using quant::QuantPlan;
using quant::QuantRule;

namespace {

std::vector<QuantRule> attentionRules(Precision p) {
    return {{"blocks.*.particle_attn.*", p, ActivationBits::Int8},
            {"blocks.*.channel_attn.*", p, ActivationBits::Int8}};
}

}  // namespace

std::vector<std::string> jetPlanNames() {
    return {"fp32", "p-dat-bit", "all-linear-ternary", "attention-only-binary"};
}

void registerJetPlans() {
    auto& registry = quant::QuantPlanRegistry::instance();
    registry.add(QuantPlan("fp32", {}));
    registry.add(QuantPlan("p-dat-bit", attentionRules(Precision::Ternary)));
    registry.add(QuantPlan("all-linear-ternary", {{"*", Precision::Ternary, ActivationBits::Int8}}));
    registry.add(QuantPlan("attention-only-binary", attentionRules(Precision::Binary)));
}

QuantPlan resolveJetPlan(const std::string& nameOrFile) {
    registerJetPlans();
    return quant::resolvePlan(nameOrFile);
}

}  // namespace bithep::tasks::jet_common
