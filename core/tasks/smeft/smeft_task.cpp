// Registers the SMEFT decay-plane regression task with the task registry, and its named plans.
#include "core/tasks/smeft/smeft_batch.h"
#include "core/tasks/smeft/smeft_model_instance.h"
#include "core/tasks/smeft/smeft_plans.h"
#include "core/tasks/smeft/smeft_session.h"
#include "core/tasks/task_registry.h"

namespace bithep::tasks::smeft {

void registerTask(TaskRegistry& registry) {
    registerSmeftPlans();
    registry.add(
        {"smeft", "SMEFT decay-plane regression",
         "Regress the decay-plane angle of boosted hadronic W/Z decays (anti-kT R = 0.8, pT_V > 500 GeV), "
         "where the interference of the dimension-6 operator O_W with the Standard Model lives, and see "
         "what ternary networks cost in sensitivity to the Wilson coefficient c_W: true-vs-predicted "
         "angles, residuals against a full-precision run, and -2 Delta ln L(c_W) scans for truth, "
         "full-precision and quantized regressors.",
         runSmeftBatch, smeftModelNames(), buildSmeftModel, [] { return std::make_unique<SmeftSession>(); }});
}

}  // namespace bithep::tasks::smeft
