#pragma once
// The calorimeter task's named quantization plans, mirroring the BitHEP paper's generative
// setups (ternary weights with int8 activations in the named layers, everything else fp32):
//   coupling flow:  default (fp32); nn-central (the middle layers of every coupling subnet:
//                   fc1 … fc<n-2>); block-central (every subnet layer of the inner blocks,
//                   the first and last block fp32); all (every linear layer).
//   flow matching, MLP field:  fp32; mlp (the hidden-to-hidden layers of the velocity MLP); full
//                   (every layer of the velocity MLP except its output layer); aggressive (every
//                   linear layer, the time/condition embedding and the output layer included).
//                   The MLP field has no attention, so it has no `attention` plan.
//   flow matching, transformer field:  fp32; mlp (the feed-forward layers of every block);
//                   attention (the q, k, v, o projections of every block); full (both: every
//                   linear inside the blocks); aggressive (also the token projections and the
//                   time/condition embedding).
#include <string>
#include <vector>

#include "core/quant/quant_plan.h"
#include "core/tasks/calo/cfm_model.h"
#include "core/tasks/calo/coupling_flow_model.h"

namespace bithep::tasks::calo {

std::vector<std::string> flowPlanNames();                       // default first
std::vector<std::string> cfmPlanNames(CfmConfig::Field field);  // fp32 first
// Plans depend on the model's depth (which layers are "middle" or "inner"), so they are built
// for a configuration. Throws std::invalid_argument listing the names for an unknown plan.
quant::QuantPlan flowPlan(const std::string& name, const CouplingFlowConfig& config);
quant::QuantPlan cfmPlan(const std::string& name, const CfmConfig& config);

}  // namespace bithep::tasks::calo
