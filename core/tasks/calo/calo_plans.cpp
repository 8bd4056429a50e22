// Named plans of the calorimeter models, built for the model's depth.
#include "core/tasks/calo/calo_plans.h"

#include <stdexcept>

namespace bithep::tasks::calo {

using quant::ActivationBits;
using quant::Precision;
using quant::QuantPlan;
using quant::QuantRule;

namespace {

QuantRule ternary(std::string pattern) {
    return {std::move(pattern), Precision::Ternary, ActivationBits::Int8};
}

std::string joined(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
}

}  // namespace

std::vector<std::string> flowPlanNames() {
    return {"default", "nn-central", "block-central", "all"};
}
std::vector<std::string> cfmPlanNames(CfmConfig::Field field) {
    if (field == CfmConfig::Field::Transformer) return {"fp32", "mlp", "attention", "full", "aggressive"};
    return {"fp32", "mlp", "full", "aggressive"};
}

QuantPlan flowPlan(const std::string& name, const CouplingFlowConfig& config) {
    std::vector<QuantRule> rules;
    if (name == "default") {
    } else if (name == "nn-central") {
        for (int k = 1; k + 1 < config.subnetLayers; ++k)
            rules.push_back(ternary("blocks.*.subnet.fc" + std::to_string(k)));
    } else if (name == "block-central") {
        for (int b = 1; b + 1 < config.blocks; ++b)
            rules.push_back(ternary("blocks." + std::to_string(b) + ".subnet.*"));
    } else if (name == "all") {
        rules.push_back(ternary("*"));
    } else {
        throw std::invalid_argument("unknown flow plan '" + name + "' (known: " + joined(flowPlanNames()) +
                                    ")");
    }
    return QuantPlan(name, std::move(rules));
}

namespace {

QuantPlan transformerCfmPlan(const std::string& name) {
    std::vector<QuantRule> rules;
    if (name == "fp32") {
    } else if (name == "mlp") {
        rules.push_back(ternary("net.blocks.*.ff.*"));
    } else if (name == "attention") {
        rules.push_back(ternary("net.blocks.*.attn.*"));
    } else if (name == "full") {
        rules.push_back(ternary("net.blocks.*"));
    } else if (name == "aggressive") {
        rules.push_back(ternary("*"));
    } else {
        throw std::invalid_argument("unknown transformer flow-matching plan '" + name +
                                    "' (known: " + joined(cfmPlanNames(CfmConfig::Field::Transformer)) + ")");
    }
    return QuantPlan(name, std::move(rules));
}

}  // namespace

QuantPlan cfmPlan(const std::string& name, const CfmConfig& config) {
    if (config.field == CfmConfig::Field::Transformer) return transformerCfmPlan(name);
    std::vector<QuantRule> rules;
    const int layers = config.hiddenLayers + 1;  // net.fc0 … net.fc<layers-1>
    if (name == "fp32") {
    } else if (name == "mlp") {
        for (int k = 1; k + 1 < layers; ++k) rules.push_back(ternary("net.fc" + std::to_string(k)));
    } else if (name == "full") {
        for (int k = 0; k + 1 < layers; ++k) rules.push_back(ternary("net.fc" + std::to_string(k)));
    } else if (name == "aggressive") {
        rules.push_back(ternary("*"));
    } else {
        throw std::invalid_argument("unknown flow-matching plan '" + name +
                                    "' (known: " + joined(cfmPlanNames(CfmConfig::Field::Mlp)) + ")");
    }
    return QuantPlan(name, std::move(rules));
}

}  // namespace bithep::tasks::calo
