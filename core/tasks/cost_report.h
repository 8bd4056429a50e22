#pragma once
// The report of `--batch cost`: a task's model under a named plan against the same model in fp32
// — per-layer parameters, packed memory, MACs by precision and energy for every energy table
// (weights in SRAM), the measured time per sample of the fp32 path and of the plan's kernel path,
// two per-layer bar figures (energy, memory) and the settings (task, model, plan, seed, table).
#include <cstdint>
#include <string>

#include "core/tasks/batch_run.h"
#include "core/tasks/task_registry.h"

namespace bithep::tasks {

// Builds `model` of `task` (empty: its first) with weights from `seed`, applies `plan` (empty:
// fp32) and times `timingSamples` representative inputs. Throws std::invalid_argument naming
// the task without models, or the unknown model or plan.
BatchOutput costReport(const TaskDescriptor& task, const std::string& model, const std::string& plan,
                       std::uint64_t seed, int timingSamples = 256);

}  // namespace bithep::tasks
