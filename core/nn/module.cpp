#include "core/nn/module.h"

#include <stdexcept>

namespace bithep::nn {

std::string Module::join(const std::string& prefix, const std::string& name) {
    if (prefix.empty()) return name;
    if (name.empty()) return prefix;
    return prefix + "." + name;
}

void Module::setTraining(bool on) {
    m_training = on;
    for (auto& [name, child] : m_children) child->setTraining(on);
}

Var Module::addParameter(const std::string& name, Matrix init) {
    for (const auto& [existing, v] : m_params) {
        if (existing == name) throw std::logic_error("Module: parameter '" + name + "' registered twice");
    }
    Var v(std::move(init), true);
    m_params.emplace_back(name, v);
    return v;
}

std::vector<std::pair<std::string, Var>> Module::namedParameters() const {
    std::vector<std::pair<std::string, Var>> out(m_params.begin(), m_params.end());
    for (const auto& [name, child] : m_children) {
        for (auto& [path, v] : child->namedParameters()) out.emplace_back(join(name, path), v);
    }
    return out;
}

std::vector<Var> Module::parameters() const {
    std::vector<Var> out;
    for (auto& [path, v] : namedParameters()) out.push_back(v);
    return out;
}

std::vector<std::pair<std::string, Matrix*>> Module::namedBuffers() {
    std::vector<std::pair<std::string, Matrix*>> out(m_buffers.begin(), m_buffers.end());
    for (auto& [name, child] : m_children) {
        for (auto& [path, b] : child->namedBuffers()) out.emplace_back(join(name, path), b);
    }
    return out;
}

std::vector<std::pair<std::string, Module*>> Module::namedModules() {
    std::vector<std::pair<std::string, Module*>> out{{"", this}};
    for (auto& [name, child] : m_children) {
        for (auto& [path, m] : child->namedModules()) out.emplace_back(join(name, path), m);
    }
    return out;
}

Index Module::parameterCount() const {
    Index n = 0;
    for (const auto& [path, v] : namedParameters()) n += v.value().size();
    return n;
}

void Module::zeroGrad() {
    for (auto& [path, v] : namedParameters()) v.zeroGrad();
}

void Module::describe(const std::string& path, Index rowsPerSample, ModelListing& out) const {
    for (const auto& [name, child] : m_children) child->describe(join(path, name), rowsPerSample, out);
}

ModelListing describeModel(const Module& model, Index rowsPerSample) {
    ModelListing listing;
    model.describe("", rowsPerSample, listing);
    return listing;
}

}  // namespace bithep::nn
