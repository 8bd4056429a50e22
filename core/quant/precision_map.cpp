#include "core/quant/precision_map.h"

#include <stdexcept>

#include "core/nn/bit_linear.h"

namespace bithep::quant {

PrecisionMap PrecisionMap::capture(nn::Module& model) {
    Layers layers;
    for (auto& [path, layer] : model.modulesOfType<nn::BitLinear>())
        layers[path] = {layer->precision(), layer->activationBits()};
    return PrecisionMap(std::move(layers));
}

int PrecisionMap::applyTo(nn::Module& model) const {
    int set = 0;
    for (auto& [path, layer] : model.modulesOfType<nn::BitLinear>()) {
        const auto it = m_layers.find(path);
        if (it == m_layers.end()) continue;
        layer->setPrecision(it->second.weights);
        layer->setActivationBits(it->second.activations);
        ++set;
    }
    return set;
}

PrecisionMap PrecisionMap::withPlan(const QuantPlan& plan) const {
    Layers layers;
    for (const auto& [path, value] : m_layers) {
        const auto rule = plan.ruleFor(path);
        layers[path] = rule ? LayerPrecision{rule->precision, rule->activationBits} : LayerPrecision{};
    }
    return PrecisionMap(std::move(layers));
}

QuantPlan PrecisionMap::toPlan(const std::string& name) const {
    QuantPlan plan(name, {});
    for (const auto& [path, value] : m_layers)
        if (!value.isFp32()) plan.addRule({path, value.weights, value.activations});
    return plan;
}

std::optional<std::string> PrecisionMap::matchingPlan(const std::vector<QuantPlan>& plans) const {
    for (const QuantPlan& plan : plans)
        if (withPlan(plan) == *this) return plan.name();
    return std::nullopt;
}

PrecisionMap PrecisionMap::updatedWith(const PrecisionMap& changes) const {
    PrecisionMap out = *this;
    for (const auto& [path, value] : changes.m_layers) {
        const auto it = out.m_layers.find(path);
        if (it != out.m_layers.end()) it->second = value;
    }
    return out;
}

const LayerPrecision& PrecisionMap::at(const std::string& path) const {
    const auto it = m_layers.find(path);
    if (it == m_layers.end()) throw std::out_of_range("no quantizable layer '" + path + "' in the precision map");
    return it->second;
}

int PrecisionMap::count(Precision weights) const {
    int n = 0;
    for (const auto& [path, value] : m_layers) n += value.weights == weights ? 1 : 0;
    return n;
}

}  // namespace bithep::quant
