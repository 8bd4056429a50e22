// Registers the SMEFT decay-plane regression task with the task registry.
#include "core/tasks/task_registry.h"

namespace bithep::tasks::smeft {

void registerTask(TaskRegistry& registry) {
    registry.add({"smeft", "SMEFT decay-plane regression",
                  "Regress the decay-plane angle of boosted hadronic W/Z decays, where the O_W "
                  "operator's interference with the Standard Model lives, and see what ternary "
                  "networks cost in sensitivity to the Wilson coefficient c_W."});
}

}  // namespace bithep::tasks::smeft
