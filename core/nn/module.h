#pragma once
// Base of every network building block: named parameters and sub-modules give each tensor a
// dotted path (`blocks.1.attn.q.weight`) that quantization plans, checkpoints, the cost model
// and the GUI layer tree all key on. describe() lists linear layers and fp32 compute per sample.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/autograd/var.h"
#include "core/quant/quantizer.h"

namespace bithep::nn {

using autograd::Var;
using tensor::Index;
using tensor::Matrix;

// One linear layer as the cost model and the layer tree see it.
struct LayerInfo {
    std::string path;  // e.g. "blocks.0.attn.q"
    std::string type;  // "Linear" or "BitLinear"
    Index in = 0;
    Index out = 0;
    Index parameters = 0;        // weights + bias
    double macsPerSample = 0.0;  // rows per sample · in · out
    quant::Precision precision = quant::Precision::Fp32;
    quant::ActivationBits activationBits = quant::ActivationBits::Fp32;
};

// Non-linear or non-parametric work that always runs in fp32 (attention products, norms, softmax).
struct ComputeInfo {
    std::string path;
    std::string label;  // e.g. "attention QK^T"
    double flopsPerSample = 0.0;
};

struct ModelListing {
    std::vector<LayerInfo> layers;
    std::vector<ComputeInfo> compute;
};

class Module {
public:
    explicit Module(std::string typeName) : m_typeName(std::move(typeName)) {}
    virtual ~Module() = default;
    Module(const Module&) = delete;
    Module& operator=(const Module&) = delete;

    const std::string& typeName() const { return m_typeName; }
    void setTraining(bool on);  // recursive
    bool training() const { return m_training; }

    // Depth-first, in registration order; paths joined with '.'.
    std::vector<std::pair<std::string, Var>> namedParameters() const;
    std::vector<Var> parameters() const;
    // Non-trained state saved in checkpoints (BatchNorm running statistics).
    std::vector<std::pair<std::string, Matrix*>> namedBuffers();
    std::vector<std::pair<std::string, Module*>> namedModules();  // includes this module as ""
    Index parameterCount() const;
    void zeroGrad();

    // Appends this module's linear layers and fp32 compute; `rowsPerSample` is how many rows of
    // the input batch belong to one sample (particles per set, 1 for flat features).
    virtual void describe(const std::string& path, Index rowsPerSample, ModelListing& out) const;

    template <class T>
    std::vector<std::pair<std::string, T*>> modulesOfType() {
        std::vector<std::pair<std::string, T*>> found;
        for (auto& [path, m] : namedModules()) {
            if (auto* t = dynamic_cast<T*>(m)) found.emplace_back(path, t);
        }
        return found;
    }

protected:
    Var addParameter(const std::string& name, Matrix init);
    template <class M>
    std::shared_ptr<M> addModule(const std::string& name, std::shared_ptr<M> m) {
        m_children.emplace_back(name, m);
        return m;
    }
    void addBuffer(const std::string& name, Matrix* buffer) { m_buffers.emplace_back(name, buffer); }
    const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& children() const { return m_children; }
    static std::string join(const std::string& prefix, const std::string& name);

private:
    std::string m_typeName;
    bool m_training = true;
    std::vector<std::pair<std::string, Var>> m_params;
    std::vector<std::pair<std::string, std::shared_ptr<Module>>> m_children;
    std::vector<std::pair<std::string, Matrix*>> m_buffers;
};

// A module with one input and one output, composable in Sequential.
class UnaryModule : public Module {
public:
    using Module::Module;
    virtual Var forward(const Var& x) = 0;
};

ModelListing describeModel(const Module& model, Index rowsPerSample);

}  // namespace bithep::nn
