#include "core/nn/sequential.h"

namespace bithep::nn {

Var Sequential::forward(const Var& x) {
    Var h = x;
    for (auto& layer : m_layers) h = layer->forward(h);
    return h;
}

}  // namespace bithep::nn
