#pragma once
// The BitHEP paper's quantization setups for the quark/gluon models, as named plans in the
// process-wide quant::QuantPlanRegistry (paths as in pdat_model.h / deep_sets_model.h):
//   fp32                   every linear full precision
//   p-dat-bit              every linear inside the attention blocks (particle and channel
//                          attention q, k, v, o) ternary with int8 activations, the rest fp32
//   all-linear-ternary     every linear ternary with int8 activations
//   attention-only-binary  the attention linears binary with int8 activations, the rest fp32
// Any other per-layer combination is a plan JSON (quant::QuantPlan::fromJson).
#include <string>
#include <vector>

#include "core/quant/quant_plan.h"

namespace bithep::tasks::jet_common {

// Idempotent; called by registerTask and by anything that needs the names before it.
void registerJetPlans();
std::vector<std::string> jetPlanNames();  // the four above, in that order
// A registered plan name, or a path to a plan JSON file. Throws std::invalid_argument listing
// the known names (or naming the file and what is wrong with it).
quant::QuantPlan resolveJetPlan(const std::string& nameOrFile);

}  // namespace bithep::tasks::jet_common
