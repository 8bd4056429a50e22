#include "core/tasks/qg/qg_model_instance.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <stdexcept>

#include "core/physics/jet_generator.h"
#include "core/tasks/qg/qg_run_config.h"

namespace bithep::tasks::qg {

namespace {
constexpr std::size_t kSampleJets = 256;  // generated once per model for input scaling and timing
}

std::vector<std::string> qgModelNames() { return {"teaching", "full", "deepsets"}; }

ModelInstance buildQgModel(const std::string& name, std::uint64_t seed) {
    const auto names = qgModelNames();
    if (std::find(names.begin(), names.end(), name) == names.end())
        throw std::invalid_argument("unknown quark/gluon model '" + name + "' (known: teaching, full, deepsets)");
    const QgRunConfig run = QgRunConfig::fromPreset(name == "deepsets" ? "teaching" : name);
    const jet_common::JetModelConfig config = name == "deepsets" ? run.deepSets : run.pdat;
    std::shared_ptr<jet_common::JetModel> model = makeQgModel(config, seed);

    physics::JetGeneratorConfig generator;
    auto dataset = std::make_shared<jet_common::JetDataset>(
        jet_common::JetDataset::fromJets(physics::JetGenerator(generator, seed).generate(kSampleJets), generator.toJson(), seed));
    const jet_common::FeatureOptions options = jet_common::featureOptionsFor(config);
    auto batchOf = [dataset, options](std::size_t jets) {
        std::vector<std::size_t> idx(jets);
        for (std::size_t i = 0; i < jets; ++i) idx[i] = i % dataset->jets;  // repeat for large batches
        return jet_common::buildFeatures(*dataset, idx, options);
    };
    model->fitInputScaling(batchOf(kSampleJets));
    auto cache = std::make_shared<std::map<int, jet_common::FeatureBatch>>();

    ModelInstance inst;
    inst.model = model;
    // Rows per jet: the kept particles (all of the padded length when the model keeps every one).
    inst.rowsPerSample = static_cast<tensor::Index>(config.maxParticles ? config.maxParticles : dataset->maxParticles);
    inst.configJson = config.toJson();
    inst.forward = [model, cache, batchOf](int samples) {
        auto it = cache->find(samples);
        if (it == cache->end()) it = cache->emplace(samples, batchOf(std::size_t(std::max(1, samples)))).first;
        autograd::NoGradGuard noGrad;
        model->forward(it->second);
    };
    return inst;
}

}  // namespace bithep::tasks::qg
