#include "core/tasks/smeft/smeft_model_instance.h"

#include <algorithm>
#include <map>
#include <memory>

#include "core/tasks/smeft/smeft_model.h"

namespace bithep::tasks::smeft {

namespace {
constexpr std::size_t kSampleEvents = 128;  // generated once per model for input scaling and timing
}

std::vector<std::string> smeftModelNames() {
    return SmeftModelConfig::presetNames();
}

ModelInstance buildSmeftModel(const std::string& name, std::uint64_t seed) {
    const SmeftModelConfig config = SmeftModelConfig::fromPreset(name);  // throws for an unknown name
    auto model = std::make_shared<SmeftModel>(config, seed);
    SmeftGeneratorConfig generator;
    generator.threads = 1;
    auto data = std::make_shared<SmeftDataset>(SmeftDataset::fromSample(
        SmeftEventGenerator(generator, seed).generate(kSampleEvents), generator, seed));
    auto batchOf = [data, config](std::size_t n) {
        std::vector<std::size_t> idx(n);
        for (std::size_t i = 0; i < n; ++i) idx[i] = i % data->size();  // repeat for large batches
        return buildSmeftBatch(*data, idx, config.maxParticles);
    };
    model->fitInputScaling(batchOf(kSampleEvents));
    auto cache = std::make_shared<std::map<int, SmeftBatch>>();
    ModelInstance inst;
    inst.model = model;
    inst.rowsPerSample = static_cast<tensor::Index>(config.maxParticles);
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

}  // namespace bithep::tasks::smeft
