#pragma once
// Quantization plans: ordered rules mapping layer paths (with '*' wildcards) to a precision and
// activation bits, applied to or removed from a live model at any time. Latent fp32 weights are
// never touched, so removing a plan restores full-precision outputs exactly. Tasks register the
// paper's setups as named plans; plans round-trip through JSON for projects and checkpoints.
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/nn/bit_linear.h"
#include "core/quant/quantizer.h"

namespace bithep::quant {

struct QuantRule {
    std::string pattern;  // e.g. "blocks.*.attn.*"; '*' matches any run of characters, dots included
    Precision precision = Precision::Fp32;
    ActivationBits activationBits = ActivationBits::Fp32;
};

bool matchesPattern(const std::string& pattern, const std::string& path);

class QuantPlan {
public:
    QuantPlan() = default;
    QuantPlan(std::string name, std::vector<QuantRule> rules) : m_name(std::move(name)), m_rules(std::move(rules)) {}

    const std::string& name() const { return m_name; }
    const std::vector<QuantRule>& rules() const { return m_rules; }
    void addRule(QuantRule rule) { m_rules.push_back(std::move(rule)); }

    // The last matching rule wins ("everything ternary" then "except the head"); nullopt if none.
    std::optional<QuantRule> ruleFor(const std::string& path) const;
    // Sets every BitLinear of the model: matched layers as their rule says, the rest fp32.
    // Returns how many layers a rule matched.
    int apply(nn::Module& model) const;
    // Every BitLinear back to fp32 weights and fp32 activations.
    static void remove(nn::Module& model);

    std::string toJson() const;
    // Throws std::invalid_argument naming the field that is missing or wrong.
    static QuantPlan fromJson(const std::string& text);

private:
    std::string m_name;
    std::vector<QuantRule> m_rules;
};

// Process-wide table of named plans (tasks register theirs at start-up). Thread-safe.
class QuantPlanRegistry {
public:
    static QuantPlanRegistry& instance();
    void add(const QuantPlan& plan);  // replaces a plan of the same name
    // Throws std::invalid_argument listing the known names.
    QuantPlan find(const std::string& name) const;
    bool contains(const std::string& name) const;
    std::vector<std::string> names() const;

private:
    mutable std::mutex m_mutex;
    std::vector<QuantPlan> m_plans;
};

// A plan registered under `nameOrFile`, or else the plan JSON file of that path (*.json). Throws
// std::invalid_argument listing the registered names, or naming the file and what is wrong.
QuantPlan resolvePlan(const std::string& nameOrFile);

struct LayerQuantStats {
    std::string path;
    Precision precision = Precision::Fp32;
    ActivationBits activationBits = ActivationBits::Fp32;
    nn::QuantStats stats;
};

// One entry per BitLinear, in model order.
std::vector<LayerQuantStats> collectQuantStats(nn::Module& model);
// After each optimizer step: lets every quantized layer update its flip ratio.
void recordQuantStep(nn::Module& model);

}  // namespace bithep::quant
