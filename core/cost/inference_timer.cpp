#include "core/cost/inference_timer.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "core/kernels/kernel_path.h"
#include "core/nn/bit_linear.h"
#include "core/nn/kernel_inference.h"
#include "core/platform/cpu_features.h"

namespace bithep::cost {

namespace {

// Median wall time of `repeats` calls after one warm-up call (caches, lazy allocations).
double medianSeconds(const std::function<void()>& run, int repeats) {
    run();
    std::vector<double> t;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        run();
        t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::nth_element(t.begin(), t.begin() + t.size() / 2, t.end());
    return t[t.size() / 2];
}

}  // namespace

nlohmann::json InferenceTiming::toJson() const {
    return {{"fp32_seconds_per_sample", fp32SecondsPerSample}, {"plan_seconds_per_sample", planSecondsPerSample},
            {"speedup", speedup()}, {"kernel_layers", kernelLayers}, {"kernel_path", kernelPath}, {"cpu", cpu},
            {"repeats", repeats}, {"samples_per_batch", samplesPerBatch}};
}

InferenceTiming measureInferenceTime(nn::Module& model, const std::function<void()>& forwardBatch,
                                     int samplesPerBatch, int repeats) {
    if (samplesPerBatch < 1 || repeats < 1)
        throw std::invalid_argument("inference timing needs at least one sample and one repeat");
    InferenceTiming t;
    t.samplesPerBatch = samplesPerBatch;
    t.repeats = repeats;
    t.kernelPath = std::string(kernels::kernelPathName(kernels::activeKernelPath()));
    t.cpu = platform::cpuFeatures().brand + " [" + platform::cpuFeatures().summary() + "]";
    const bool wasTraining = model.training();
    model.setTraining(false);
    const auto layers = model.modulesOfType<nn::BitLinear>();
    std::vector<nn::BitLinearConfig> saved;
    for (const auto& [path, layer] : layers) saved.push_back(layer->config());
    {
        autograd::NoGradGuard noGrad;
        for (const auto& [path, layer] : layers) layer->setConfig({});  // all fp32: the Eigen path
        t.fp32SecondsPerSample = medianSeconds(forwardBatch, repeats) / samplesPerBatch;
        for (size_t i = 0; i < layers.size(); ++i) layers[i].second->setConfig(saved[i]);
    }
    {
        nn::KernelInference inference(model);
        t.kernelLayers = inference.kernelLayers();
        t.planSecondsPerSample = medianSeconds(forwardBatch, repeats) / samplesPerBatch;
    }
    model.setTraining(wasTraining);
    return t;
}

}  // namespace bithep::cost
