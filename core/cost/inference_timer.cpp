#include "core/cost/inference_timer.h"

#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "core/kernels/kernel_path.h"
#include "core/nn/bit_linear.h"
#include "core/nn/kernel_inference.h"
#include "core/kernels/fp32_gemm.h"
#include "core/platform/cpu_features.h"
#include "core/platform/system_load.h"

namespace bithep::cost {

namespace {

double secondsOf(const std::function<void()>& run) {
    const auto start = std::chrono::steady_clock::now();
    run();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> t) {
    std::nth_element(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(t.size() / 2), t.end());
    return t[t.size() / 2];
}

// Puts every BitLinear in full precision (the Eigen path) while alive, or back as it was.
class PrecisionSwitch {
public:
    explicit PrecisionSwitch(nn::Module& model) : m_layers(model.modulesOfType<nn::BitLinear>()) {
        for (const auto& [path, layer] : m_layers) m_saved.push_back(layer->config());
    }
    ~PrecisionSwitch() { restore(); }
    PrecisionSwitch(const PrecisionSwitch&) = delete;
    PrecisionSwitch& operator=(const PrecisionSwitch&) = delete;
    void toFp32() {
        for (const auto& [path, layer] : m_layers) layer->setConfig({});
    }
    void restore() {
        for (std::size_t i = 0; i < m_layers.size(); ++i) m_layers[i].second->setConfig(m_saved[i]);
    }

private:
    std::vector<std::pair<std::string, nn::BitLinear*>> m_layers;
    std::vector<nn::BitLinearConfig> m_saved;
};

}  // namespace

nlohmann::json InferenceTiming::toJson() const {
    return {{"fp32_seconds_per_sample", fp32SecondsPerSample},
            {"plan_seconds_per_sample", planSecondsPerSample},
            {"speedup", speedup()},
            {"kernel_layers", kernelLayers},
            {"kernel_path", kernelPath},
            {"fp32_path", fp32Path},
            {"cpu", cpu},
            {"repeats", repeats},
            {"samples_per_batch", samplesPerBatch},
            {"threads", threads},
            {"load_average", loadAverage},
            {"machine_busy", machineBusy()}};
}

bool InferenceTiming::machineBusy() const {
    return platform::machineBusy(loadAverage, threads);
}

std::string InferenceTiming::busyNote() const {
    if (!machineBusy()) return {};
    char text[200];
    std::snprintf(text, sizeof text,
                  "timed while other programs were running (1-minute load %.1f for %d timed thread(s)): "
                  "the times are long and their ratio uncertain",
                  loadAverage, threads);
    return text;
}

InferenceTiming measureInferenceTime(nn::Module& model, const std::function<void()>& forwardBatch,
                                     int samplesPerBatch, int repeats) {
    if (samplesPerBatch < 1 || repeats < 1)
        throw std::invalid_argument("inference timing needs at least one sample and one repeat");
    InferenceTiming t;
    t.samplesPerBatch = samplesPerBatch;
    t.repeats = repeats;
    t.kernelPath = std::string(kernels::kernelPathName(kernels::activeKernelPath()));
    t.fp32Path = kernels::fp32Description();
    t.cpu = platform::cpuFeatures().brand + " [" + platform::cpuFeatures().summary() + "]";
    t.threads = Eigen::nbThreads();
    t.loadAverage = platform::loadAverage();
    const bool wasTraining = model.training();
    model.setTraining(false);
    {
        // The two paths alternate within every repeat, so a change of clock or load during
        // the measurement moves both medians alike instead of favouring the path timed later.
        const nn::KernelInference inference(model);  // packs once; graph recording off
        t.kernelLayers = inference.kernelLayers();
        PrecisionSwitch precision(model);
        std::vector<double> fp32, plan;
        for (int i = -1; i < repeats; ++i) {  // i = −1: warm-up of both (caches, lazy allocations)
            precision.toFp32();
            const double a = secondsOf(forwardBatch);
            precision.restore();
            const double b = secondsOf(forwardBatch);
            if (i < 0) continue;
            fp32.push_back(a);
            plan.push_back(b);
        }
        t.fp32SecondsPerSample = median(fp32) / samplesPerBatch;
        t.planSecondsPerSample = median(plan) / samplesPerBatch;
    }
    model.setTraining(wasTraining);
    return t;
}

}  // namespace bithep::cost
