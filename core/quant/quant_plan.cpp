#include "core/quant/quant_plan.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace bithep::quant {

bool matchesPattern(const std::string& pattern, const std::string& path) {
    // Iterative glob with single-star backtracking: linear in practice, no recursion.
    size_t p = 0, s = 0, starP = std::string::npos, starS = 0;
    while (s < path.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            starP = p++;
            starS = s;
        } else if (p < pattern.size() && pattern[p] == path[s]) {
            ++p;
            ++s;
        } else if (starP != std::string::npos) {
            p = starP + 1;
            s = ++starS;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

std::optional<QuantRule> QuantPlan::ruleFor(const std::string& path) const {
    for (auto it = m_rules.rbegin(); it != m_rules.rend(); ++it) {
        if (matchesPattern(it->pattern, path)) return *it;
    }
    return std::nullopt;
}

int QuantPlan::apply(nn::Module& model) const {
    int matched = 0;
    for (auto& [path, layer] : model.modulesOfType<nn::BitLinear>()) {
        const auto rule = ruleFor(path);
        layer->setPrecision(rule ? rule->precision : Precision::Fp32);
        layer->setActivationBits(rule ? rule->activationBits : ActivationBits::Fp32);
        matched += rule ? 1 : 0;
    }
    return matched;
}

void QuantPlan::remove(nn::Module& model) {
    for (auto& [path, layer] : model.modulesOfType<nn::BitLinear>()) {
        layer->setPrecision(Precision::Fp32);
        layer->setActivationBits(ActivationBits::Fp32);
    }
}

std::string QuantPlan::toJson() const {
    nlohmann::json j;
    j["name"] = m_name;
    j["rules"] = nlohmann::json::array();
    for (const QuantRule& r : m_rules) {
        j["rules"].push_back({{"pattern", r.pattern},
                              {"precision", toString(r.precision)},
                              {"activation_bits", toString(r.activationBits)}});
    }
    return j.dump();
}

QuantPlan QuantPlan::fromJson(const std::string& text) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("quantization plan: not valid JSON (") + e.what() + ")");
    }
    if (!j.is_object() || !j.contains("rules") || !j["rules"].is_array()) {
        throw std::invalid_argument("quantization plan: missing array field 'rules'");
    }
    QuantPlan plan;
    plan.m_name = j.value("name", std::string());
    for (size_t i = 0; i < j["rules"].size(); ++i) {
        const auto& r = j["rules"][i];
        const std::string where = "quantization plan rule " + std::to_string(i);
        for (const char* field : {"pattern", "precision", "activation_bits"}) {
            if (!r.contains(field) || !r[field].is_string()) {
                throw std::invalid_argument(where + ": missing string field '" + field + "'");
            }
        }
        try {
            plan.m_rules.push_back({r["pattern"].get<std::string>(), precisionFromString(r["precision"].get<std::string>()),
                                    activationBitsFromString(r["activation_bits"].get<std::string>())});
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(where + ": " + e.what());
        }
    }
    return plan;
}

QuantPlanRegistry& QuantPlanRegistry::instance() {
    static QuantPlanRegistry registry;
    return registry;
}

void QuantPlanRegistry::add(const QuantPlan& plan) {
    std::lock_guard lock(m_mutex);
    auto it = std::find_if(m_plans.begin(), m_plans.end(), [&](const QuantPlan& p) { return p.name() == plan.name(); });
    if (it != m_plans.end()) *it = plan;
    else m_plans.push_back(plan);
}

QuantPlan QuantPlanRegistry::find(const std::string& name) const {
    std::lock_guard lock(m_mutex);
    for (const QuantPlan& p : m_plans) {
        if (p.name() == name) return p;
    }
    std::string known;
    for (const QuantPlan& p : m_plans) known += (known.empty() ? "" : ", ") + p.name();
    throw std::invalid_argument("no quantization plan named '" + name + "' (known: " + known + ")");
}

bool QuantPlanRegistry::contains(const std::string& name) const {
    std::lock_guard lock(m_mutex);
    return std::any_of(m_plans.begin(), m_plans.end(), [&](const QuantPlan& p) { return p.name() == name; });
}

std::vector<std::string> QuantPlanRegistry::names() const {
    std::lock_guard lock(m_mutex);
    std::vector<std::string> out;
    for (const QuantPlan& p : m_plans) out.push_back(p.name());
    return out;
}

std::vector<LayerQuantStats> collectQuantStats(nn::Module& model) {
    std::vector<LayerQuantStats> out;
    for (auto& [path, layer] : model.modulesOfType<nn::BitLinear>()) {
        out.push_back({path, layer->precision(), layer->activationBits(), layer->stats()});
    }
    return out;
}

void recordQuantStep(nn::Module& model) {
    for (auto& [path, layer] : model.modulesOfType<nn::BitLinear>()) layer->recordStep();
}

QuantPlan resolvePlan(const std::string& nameOrFile) {
    const auto& registry = QuantPlanRegistry::instance();
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

}  // namespace bithep::quant
