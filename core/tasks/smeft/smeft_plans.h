#pragma once
// The quantization setups of the SMEFT regressors, as named plans in the process-wide
// quant::QuantPlanRegistry (paths as in smeft_model.h), mirroring the reference study's
// "MPNN only", "MLP only" and "all linear layers":
//   fp32          every linear full precision
//   mp-only       the message-passing linears (mp.*) ternary with int8 activations
//   readout-only  the readout MLP (readout.*) ternary with int8 activations
//   all-ternary   every linear ternary with int8 activations
// Any other per-layer combination is a plan JSON file (quant::QuantPlan::fromJson).
#include <string>
#include <vector>

#include "core/quant/quant_plan.h"

namespace bithep::tasks::smeft {

void registerSmeftPlans();  // idempotent
std::vector<std::string> smeftPlanNames();
// A registered plan name or a path to a plan JSON file; throws std::invalid_argument listing the
// known names or naming the file and what is wrong with it.
quant::QuantPlan resolveSmeftPlan(const std::string& nameOrFile);

}  // namespace bithep::tasks::smeft
