#pragma once
// The precision state a user edits: weight precision and activation bits per quantizable layer
// path of one network. Captured from a live model and applied back to it, converted from a named
// plan (every layer as the plan says, unmatched layers fp32) and to a plan of exact-path rules
// (what projects and exports store), compared, and recognised as one of a task's named plans.
// The map owns no network: the session that owns the network applies it (TaskSession).
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/quant/quant_plan.h"

namespace bithep::quant {

struct LayerPrecision {
    Precision weights = Precision::Fp32;
    ActivationBits activations = ActivationBits::Fp32;
    bool operator==(const LayerPrecision&) const = default;
    bool isFp32() const { return weights == Precision::Fp32 && activations == ActivationBits::Fp32; }
};

class PrecisionMap {
public:
    using Layers = std::map<std::string, LayerPrecision>;

    PrecisionMap() = default;
    explicit PrecisionMap(Layers layers) : m_layers(std::move(layers)) {}

    // Every BitLinear of `model`, by path.
    static PrecisionMap capture(nn::Module& model);
    // Sets every BitLinear of `model` whose path is in the map; the others keep their precision.
    // Returns how many layers were set.
    int applyTo(nn::Module& model) const;

    // The same layers, each as `plan` says (the last matching rule; unmatched layers fp32): what
    // QuantPlan::apply would make of a network with these layers.
    PrecisionMap withPlan(const QuantPlan& plan) const;
    // Exact-path rules for the layers that are not fp32 (paths contain no '*').
    QuantPlan toPlan(const std::string& name) const;
    // The first of `plans` that gives exactly this map (withPlan(plan) == *this), if any.
    std::optional<std::string> matchingPlan(const std::vector<QuantPlan>& plans) const;
    // This map with the layers of `changes` that it has set to their value in `changes`; paths
    // this map does not have are ignored (a plan written for another network).
    PrecisionMap updatedWith(const PrecisionMap& changes) const;

    bool operator==(const PrecisionMap&) const = default;
    bool empty() const { return m_layers.empty(); }
    std::size_t size() const { return m_layers.size(); }
    bool contains(const std::string& path) const { return m_layers.count(path) != 0; }
    // Throws std::out_of_range naming the path.
    const LayerPrecision& at(const std::string& path) const;
    void set(const std::string& path, LayerPrecision value) { m_layers[path] = value; }
    const Layers& layers() const { return m_layers; }
    Layers::const_iterator begin() const { return m_layers.begin(); }
    Layers::const_iterator end() const { return m_layers.end(); }
    // How many layers have this weight precision.
    int count(Precision weights) const;

private:
    Layers m_layers;
};

}  // namespace bithep::quant
