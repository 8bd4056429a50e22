#pragma once
// Training checkpoints in HDF5: the model configuration and the quantization plan as JSON
// attributes, every parameter and buffer as a float dataset named by its path, each BitLinear's
// precision settings, and the optimizer state. Loading checks the format, every name and every
// shape before touching the model, so a bad file leaves the model unchanged and the error names
// the file and what is wrong. Layout (readable with h5py):
//   /                attrs format="bithep-checkpoint", version=1, model_config, quant_plan, layers
//   /parameters/<path>   float32 (rows, cols)       e.g. /parameters/blocks.0.attn.q.weight
//   /buffers/<path>      float32 (rows, cols)       BatchNorm running statistics
//   /optimizer           attrs type, step_count, learning_rate; /optimizer/<slot>/<path> float32
#include <filesystem>
#include <optional>
#include <string>

#include "core/nn/module.h"
#include "core/quant/quant_plan.h"
#include "core/train/optimizer.h"

namespace bithep::io {

struct CheckpointInfo {
    std::string modelConfigJson;
    std::optional<quant::QuantPlan> plan;
    std::string optimizerType;  // empty when the file holds no optimizer state
    long optimizerSteps = 0;
};

// Writes atomically (temporary file + rename): a failure never damages an existing checkpoint.
void saveCheckpoint(const std::filesystem::path& file, nn::Module& model, const std::string& modelConfigJson,
                    const quant::QuantPlan* plan = nullptr, train::Optimizer* optimizer = nullptr);

// The stored configuration and plan, to rebuild the model before loadCheckpoint.
CheckpointInfo readCheckpointInfo(const std::filesystem::path& file);

// Restores parameters, buffers, per-layer precision and (if given and present) optimizer state.
// Throws std::runtime_error naming the file and the problem; the model is untouched on error.
CheckpointInfo loadCheckpoint(const std::filesystem::path& file, nn::Module& model,
                              train::Optimizer* optimizer = nullptr);

}  // namespace bithep::io
