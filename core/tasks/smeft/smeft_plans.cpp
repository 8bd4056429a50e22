#include "core/tasks/smeft/smeft_plans.h"

#include <stdexcept>

namespace bithep::tasks::smeft {

using quant::ActivationBits;
using quant::Precision;
using quant::QuantPlan;

std::vector<std::string> smeftPlanNames() {
    return {"fp32", "mp-only", "readout-only", "all-ternary"};
}

void registerSmeftPlans() {
    auto& registry = quant::QuantPlanRegistry::instance();
    registry.add(QuantPlan("fp32", {}));
    registry.add(QuantPlan("mp-only", {{"mp.*", Precision::Ternary, ActivationBits::Int8}}));
    registry.add(QuantPlan("readout-only", {{"readout.*", Precision::Ternary, ActivationBits::Int8}}));
    registry.add(QuantPlan("all-ternary", {{"*", Precision::Ternary, ActivationBits::Int8}}));
}

QuantPlan resolveSmeftPlan(const std::string& nameOrFile) {
    registerSmeftPlans();
    return quant::resolvePlan(nameOrFile);
}

}  // namespace bithep::tasks::smeft
