// Registers the jet origin identification task with the task registry: batch run, models by
// encoding (as generic tools see them), and the explorer session.
#include <algorithm>
#include <map>

#include "core/tasks/joi/joi_batch.h"
#include "core/tasks/joi/joi_features.h"
#include "core/tasks/joi/joi_run_config.h"
#include "core/tasks/joi/joi_session.h"
#include "core/tasks/jet_common/jet_plans.h"
#include "core/tasks/task_registry.h"

namespace bithep::tasks::joi {

namespace {

constexpr std::size_t kSampleJets = 110;  // generated once per model for input scaling and timing

ModelInstance buildJoiModelInstance(const std::string& name, std::uint64_t seed) {
    const auto names = joiEncodingNames();
    if (std::find(names.begin(), names.end(), name) == names.end())
        throw std::invalid_argument(
            "unknown jet-origin model '" + name +
            "' (known: float, bytes-float32, bytes-bfloat16, bytes-fixed16, bytes-text)");
    JoiModelConfig config = JoiRunConfig().model;
    config.encoding = name;
    std::shared_ptr<JoiModel> model = makeJoiModel(config, seed);
    physics::FlavourJetConfig generator;
    auto data = std::make_shared<JoiDataset>(JoiDataset::fromJets(
        physics::FlavourJetGenerator(generator, seed).generate(kSampleJets), generator.toJson(), seed));
    const std::size_t kept = config.pdat.maxParticles;
    auto batchOf = [data, kept](std::size_t jets) {
        std::vector<std::size_t> idx(jets);
        for (std::size_t i = 0; i < jets; ++i) idx[i] = i % data->jets();  // repeat for large batches
        return buildJoiFeatures(*data, idx, kept);
    };
    model->fitInputScaling(batchOf(kSampleJets));
    auto cache = std::make_shared<std::map<int, jet_common::FeatureBatch>>();
    ModelInstance inst;
    inst.model = model;
    inst.rowsPerSample = static_cast<tensor::Index>(kept);
    inst.configJson = config.toJson();
    inst.forward = [model, cache, batchOf](int samples) {
        auto it = cache->find(samples);
        if (it == cache->end())
            it = cache->emplace(samples, batchOf(std::size_t(std::max(1, samples)))).first;
        autograd::NoGradGuard noGrad;
        model->forward(it->second);
    };
    return inst;
}

}  // namespace

void registerTask(TaskRegistry& registry) {
    jet_common::registerJetPlans();
    TaskDescriptor task;
    task.id = "joi";
    task.title = "Jet origin identification";
    task.summary =
        "Tell which of 11 partons started a jet (b, c, s, u, d, their antiquarks, or a gluon) from its "
        "particles' kinematics, charge, particle type and displaced tracks (impact parameters d0, z0 with "
        "errors). Compares float inputs with the particles' numbers fed as byte tokens (BBT-Neutron): "
        "confusion matrix, per-class ROC, b/c vs light, quark vs antiquark, and accuracy vs training-set "
        "size.";
    task.batch = runJoiBatch;
    task.models = joiEncodingNames();
    task.buildModel = buildJoiModelInstance;
    task.newSession = [] { return std::make_unique<JoiSession>(); };
    task.order = 200;  // after the other tasks (default 100): the newest task comes last
    registry.add(std::move(task));
}

}  // namespace bithep::tasks::joi
