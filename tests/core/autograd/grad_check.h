#pragma once
// Finite-difference gradient check shared by the engine tests: projects an op's output on a
// fixed random matrix to get a scalar, then compares the tape's gradient of every input with
// central differences of that scalar.
#include <cmath>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "core/autograd/ops.h"

namespace bithep::testing {

// Central differences in float with step kGradStep: truncation error ~step², round-off
// ~1e-7·|L|/step, so agreement to a few 1e-3 (relative to 1 + |g|) is what float allows.
inline constexpr float kGradStep = 1e-2f;
inline constexpr float kGradTolerance = 5e-3f;

using autograd::Matrix;
using autograd::Var;
using OpUnderTest = std::function<Var(const std::vector<Var>&)>;

// Returns an empty string on success, otherwise a description of the worst mismatch.
inline std::string checkGradients(const OpUnderTest& op, const std::vector<Matrix>& inputs,
                                  unsigned seed = 7, float tolerance = kGradTolerance,
                                  float step = kGradStep) {
    std::vector<Var> vars;
    for (const Matrix& m : inputs) vars.emplace_back(m, true);
    const Var out = op(vars);
    tensor::Rng rng(seed);
    const Matrix proj = tensor::uniform(out.rows(), out.cols(), -1.0f, 1.0f, rng);
    autograd::sum(autograd::mul(out, autograd::constant(proj))).backward();

    auto lossAt = [&](const std::vector<Matrix>& values) {
        autograd::NoGradGuard guard;
        std::vector<Var> v;
        for (const Matrix& m : values) v.emplace_back(m, false);
        const Matrix o = op(v).value();
        double total = 0.0;  // double accumulation keeps round-off out of the difference
        for (Eigen::Index i = 0; i < o.size(); ++i) total += double(o.data()[i]) * proj.data()[i];
        return total;
    };
    std::vector<Matrix> values = inputs;
    for (size_t k = 0; k < inputs.size(); ++k) {
        const Matrix analytic = vars[k].grad();
        for (Eigen::Index i = 0; i < inputs[k].size(); ++i) {
            const float x0 = values[k].data()[i];
            values[k].data()[i] = x0 + step;
            const double up = lossAt(values);
            values[k].data()[i] = x0 - step;
            const double down = lossAt(values);
            values[k].data()[i] = x0;
            const double numeric = (up - down) / (2.0 * step);
            const double a = analytic.data()[i];
            if (std::abs(a - numeric) > tolerance * (1.0 + std::abs(numeric))) {
                std::ostringstream os;
                os << "input " << k << " entry " << i << ": analytic " << a << ", numeric " << numeric;
                return os.str();
            }
        }
    }
    return {};
}

}  // namespace bithep::testing
