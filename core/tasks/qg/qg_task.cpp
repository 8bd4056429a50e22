// Registers the quark/gluon tagging task with the task registry, and its named plans.
#include <utility>

#include "core/tasks/qg/generator_validation.h"
#include "core/tasks/qg/observable_demo.h"
#include "core/tasks/qg/qg_batch.h"
#include "core/tasks/qg/qg_model_instance.h"
#include "core/tasks/jet_common/jet_plans.h"
#include "core/tasks/qg/qg_session.h"
#include "core/tasks/task_registry.h"

namespace bithep::tasks::qg {

void registerTask(TaskRegistry& registry) {
    jet_common::registerJetPlans();
    TaskDescriptor task{"qg",
                        "Quark/gluon tagging",
                        "Tell jets started by a light quark from jets started by a gluon (anti-kT R = 0.4, "
                        "pT 500-550 GeV, |y| < 1.7) from their particles' pT, rapidity, azimuth and "
                        "particle type. Jets come from the built-in parton-shower generator, calibrated to "
                        "the public Pythia quark/gluon dataset, or from energyflow QG_jets*.npz files. Shows "
                        "ROC curves (background rejection vs signal efficiency), AUC and rejection at 30 % "
                        "and 50 % quark efficiency, comparing full-precision and ternary networks.",
                        runQgBatch,
                        qgModelNames(),
                        buildQgModel,
                        [] { return std::make_unique<QgSession>(); }};
    task.tools.push_back({"demo", "generate quark/gluon jets and plot single-observable taggers", runObservableDemo});
    task.tools.push_back({"qg-validate",
                          "generated quark/gluon jets against a real sample: data=FILE [jets=N] [generator=JSON]",
                          runQgValidation});
    task.order = 0;  // the quickest way to a first result: the explorer opens on it
    task.tour = {3000, 4, true};  // 3000 jets, 4 epochs: a ROC worth looking at in about a minute
    registry.add(std::move(task));
}

}  // namespace bithep::tasks::qg
