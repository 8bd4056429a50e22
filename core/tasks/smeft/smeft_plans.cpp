#include "core/tasks/smeft/smeft_plans.h"

#include <filesystem>
#include <fstream>
#include <sstream>
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
    auto& registry = quant::QuantPlanRegistry::instance();
    if (registry.contains(nameOrFile)) return registry.find(nameOrFile);
    const std::filesystem::path file(nameOrFile);
    if (file.extension() != ".json") return registry.find(nameOrFile);  // throws with the known names
    std::ifstream in(file);
    if (!in) throw std::invalid_argument("plan file '" + nameOrFile + "' cannot be opened");
    std::stringstream text;
    text << in.rdbuf();
    try {
        return QuantPlan::fromJson(text.str());
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("plan file '" + nameOrFile + "': " + e.what());
    }
}

}  // namespace bithep::tasks::smeft
