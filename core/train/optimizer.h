#pragma once
// First-order optimizers over a model's named parameters. Updates run without recording a
// graph and write the parameters in place; per-parameter state (momenta) is exposed by name
// so checkpoints can save and restore it.
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "core/autograd/var.h"

namespace bithep::train {

using autograd::Var;
using tensor::Index;
using tensor::Matrix;
using NamedParameters = std::vector<std::pair<std::string, Var>>;

class Optimizer {
public:
    Optimizer(std::string typeName, NamedParameters params, float learningRate);
    virtual ~Optimizer() = default;
    Optimizer(const Optimizer&) = delete;
    Optimizer& operator=(const Optimizer&) = delete;

    void step();  // one update with the current learning rate, then stepCount()+1
    void zeroGrad();
    float learningRate() const { return m_lr; }
    void setLearningRate(float lr) { m_lr = lr; }
    long stepCount() const { return m_steps; }
    void setStepCount(long n) { m_steps = n; }
    const std::string& typeName() const { return m_typeName; }
    const NamedParameters& parameters() const { return m_params; }
    // "<slot>/<parameter path>" → state matrix, e.g. "exp_avg/fc0.weight".
    std::vector<std::pair<std::string, Matrix*>> stateBuffers();

protected:
    virtual void update(size_t index, Matrix& value, const Matrix& grad) = 0;
    // Allocates one zero state matrix per parameter for a named slot.
    std::vector<Matrix>& addSlot(const std::string& name);

private:
    std::string m_typeName;
    NamedParameters m_params;
    float m_lr;
    long m_steps = 0;
    // deque: addSlot hands out references that must survive later slots being added
    std::deque<std::pair<std::string, std::vector<Matrix>>> m_slots;
};

// SGD with (heavy-ball) momentum and L2 weight decay, as torch.optim.SGD.
class Sgd : public Optimizer {
public:
    Sgd(NamedParameters params, float learningRate, float momentum = 0.9f, float weightDecay = 0.0f);

protected:
    void update(size_t index, Matrix& value, const Matrix& grad) override;

private:
    float m_momentum;
    float m_weightDecay;
    std::vector<Matrix>* m_velocity;
};

// Adam (Kingma & Ba) with bias correction; weight decay is L2 (added to the gradient).
class Adam : public Optimizer {
public:
    Adam(NamedParameters params, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f,
         float weightDecay = 0.0f);

protected:
    Adam(std::string typeName, NamedParameters params, float learningRate, float beta1, float beta2, float eps,
         float weightDecay, bool decoupled);
    void update(size_t index, Matrix& value, const Matrix& grad) override;

private:
    float m_beta1, m_beta2, m_eps, m_weightDecay;
    bool m_decoupled;
    std::vector<Matrix>* m_m;
    std::vector<Matrix>* m_v;
};

// AdamW (Loshchilov & Hutter): weight decay applied to the weights, not through the moments.
class AdamW : public Adam {
public:
    AdamW(NamedParameters params, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f,
          float weightDecay = 0.01f);
};

// Scales all gradients so their global L2 norm is at most maxNorm; returns the norm before.
float clipGradNorm(const NamedParameters& params, float maxNorm);

}  // namespace bithep::train
