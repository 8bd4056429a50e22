// Registers the jet origin identification task with the task registry.
#include "core/tasks/qg/qg_plans.h"
#include "core/tasks/task_registry.h"

namespace bithep::tasks::joi {

void registerTask(TaskRegistry& registry) {
    qg::registerQgPlans();
    TaskDescriptor task;
    task.id = "joi";
    task.title = "Jet origin identification";
    task.summary =
        "Tell which of 11 partons started a jet (b, c, s, u, d, their antiquarks, or a gluon) from its "
        "particles' kinematics, charge, particle type and displaced tracks (impact parameters d0, z0 with "
        "errors). Compares float inputs with the particles' numbers fed as byte tokens (BBT-Neutron): "
        "confusion matrix, per-class ROC, b/c vs light, quark vs antiquark, and accuracy vs training-set "
        "size.";
    registry.add(std::move(task));
}

}  // namespace bithep::tasks::joi
