#pragma once
// Chain of one-input modules named "0", "1", ... in the order they were added.
#include <memory>

#include "core/nn/module.h"

namespace bithep::nn {

class Sequential : public UnaryModule {
public:
    Sequential() : UnaryModule("Sequential") {}
    template <class M>
    std::shared_ptr<M> add(std::shared_ptr<M> m) {
        m_layers.push_back(m);
        return addModule(std::to_string(m_layers.size() - 1), std::move(m));
    }
    Var forward(const Var& x) override;
    size_t size() const { return m_layers.size(); }

private:
    std::vector<std::shared_ptr<UnaryModule>> m_layers;
};

}  // namespace bithep::nn
