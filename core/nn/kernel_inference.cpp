#include "core/nn/kernel_inference.h"

#include "core/kernels/ternary_matrix.h"
#include "core/nn/bit_linear.h"

namespace bithep::nn {

KernelInference::KernelInference(Module& model) {
    for (auto& [path, layer] : model.modulesOfType<BitLinear>()) {
        if (!layer->kernelEligible()) continue;
        const quant::QuantizedWeights q = layer->quantizedWeights();
        auto packed = std::make_shared<const kernels::TernaryMatrix>(kernels::TernaryMatrix::fromTernary(
            static_cast<int>(q.rows), static_cast<int>(q.cols), q.codes, q.beta));
        layer->attachKernel(std::move(packed));
        m_layers.push_back(layer);
    }
}

KernelInference::~KernelInference() {
    for (BitLinear* layer : m_layers) layer->attachKernel(nullptr);
}

}  // namespace bithep::nn
