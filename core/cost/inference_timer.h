#pragma once
// Measured inference time per sample of a model on this CPU, on the fp32 path (every layer in
// full precision, Eigen) and on the kernel path (the current plan, integer-form layers on the
// ternary kernels), with warm-up and the median of repeats, and which kernel path ran.
#include <functional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/nn/module.h"

namespace bithep::cost {

struct InferenceTiming {
    double fp32SecondsPerSample = 0;
    double planSecondsPerSample = 0;
    int kernelLayers = 0;     // layers that ran on the integer kernels
    std::string kernelPath;   // "avx512vnni", ...
    std::string fp32Path;     // the fp32 products' variant, e.g. "avx512 (native build)"
    std::string cpu;          // brand and vector features
    int repeats = 0;
    int samplesPerBatch = 0;
    int threads = 1;          // Eigen's thread setting while timed
    double loadAverage = -1;  // 1-minute load when the timing started (negative: unknown)
    // Other programs were competing for the cores (platform::machineBusy): both times are
    // longer and their ratio less certain than on an idle machine.
    bool machineBusy() const;
    // One sentence saying so (load and threads included) when machineBusy(), else empty.
    std::string busyNote() const;
    double speedup() const { return planSecondsPerSample > 0 ? fp32SecondsPerSample / planSecondsPerSample : 0; }
    nlohmann::json toJson() const;
};

// forwardBatch runs the model once on a batch of samplesPerBatch representative samples (it is
// called with graph recording off). The model's precision settings are restored afterwards.
// Throws std::invalid_argument for samplesPerBatch < 1 or repeats < 1.
InferenceTiming measureInferenceTime(nn::Module& model, const std::function<void()>& forwardBatch,
                                     int samplesPerBatch, int repeats = 7);

}  // namespace bithep::cost
