// Registers the calorimeter shower task with the task registry.
#include "core/tasks/calo/calo_batch.h"
#include "core/tasks/calo/calo_plans.h"
#include "core/tasks/calo/calo_session.h"
#include "core/tasks/calo/calo_training.h"
#include "core/tasks/calo/cfm_model.h"
#include "core/tasks/calo/coupling_flow_model.h"
#include "core/tasks/task_registry.h"

namespace bithep::tasks::calo {

namespace {

// One network evaluation per sample on random model-space inputs: what the cost and timing
// tools measure (a CFM shower costs evaluationsPerSample() of these).
ModelInstance buildCaloModel(const std::string& requested, std::uint64_t seed) {
    // Dataset-1 photons in model space: 368 voxels + 5 layer energies + the total.
    const ModelSpaceLayout layout = ModelSpaceLayout::of(ShowerGeometry::builtin("dataset-1-photons"));
    const int dimension = layout.dimension();
    const std::string name = requested.empty() ? "cfm" : requested;
    auto model = makeCaloModel(name, layout, seed);
    ModelInstance instance;
    instance.model = model;
    instance.configJson = model->configJson();
    // fp32 means no quantized layer for every model, as in every other task.
    instance.plan = [name, model](const std::string& plan) {
        return plan == "fp32" ? quant::QuantPlan("fp32", {}) : caloPlan(name, plan, *model);
    };
    instance.forward = [model, dimension](int samples) {
        autograd::NoGradGuard noGrad;
        tensor::Rng rng(7);
        const tensor::Matrix x = tensor::normal(samples, dimension, 0.0f, 1.0f, rng);
        const tensor::Matrix c = tensor::Matrix::Zero(samples, 1);
        if (auto* cfm = dynamic_cast<CfmModel*>(model.get()))
            cfm->velocity(autograd::constant(x), tensor::Matrix::Constant(samples, 1, 0.5f), c);
        else if (auto* flow = dynamic_cast<CouplingFlowModel*>(model.get()))
            flow->toLatent(autograd::constant(x), c);
    };
    return instance;
}

}  // namespace

void registerTask(TaskRegistry& registry) {
    // The plans for the default model sizes, so generic tools (`--batch cost --task calo`) find
    // them by name; the batch run builds them for the actual depth. The names do not collide
    // with other tasks' plans except fp32, which means the same everywhere. The transformer
    // field's plans share names with the MLP's, so its model instance builds them itself.
    auto& plans = quant::QuantPlanRegistry::instance();
    for (const auto& name : cfmPlanNames(CfmConfig::Field::Mlp)) plans.add(cfmPlan(name, CfmConfig{}));
    for (const auto& name : flowPlanNames()) plans.add(flowPlan(name, CouplingFlowConfig{}));
    registry.add({"calo", "Calorimeter showers",
                  "Generate electromagnetic showers in the CaloChallenge dataset-1 photon calorimeter "
                  "(368 voxels, official binning) with a conditional flow-matching model or a coupling "
                  "normalizing flow, trained on showers from the built-in parametrized simulator or a "
                  "CaloChallenge HDF5 file. Shows the challenge's high-level feature histograms with "
                  "separation powers, the classifier two-sample AUC, average and single showers per layer, "
                  "and what quantizing parts of the generator to ternary weights costs and saves.",
                  runCaloBatch, caloModelNames(), buildCaloModel,
                  [] { return std::make_unique<CaloSession>(); }});
}

}  // namespace bithep::tasks::calo
