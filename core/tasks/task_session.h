#pragma once
// One task driven interactively, as the explorer does it: a dataset (generated with a size and a
// seed, or opened from a file), a model built by name, the task's named quantization plans, a
// training that can be run again and again from the current weights (quantization-aware
// fine-tuning after a precision change) or from scratch, and an evaluation that returns metrics
// and figures as data. Nothing here knows about Qt: the GUI calls a session from one worker
// thread at a time and reads the model only while no call is running.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/nn/module.h"
#include "core/quant/precision_map.h"
#include "core/quant/quant_plan.h"
#include "core/tasks/batch_run.h"
#include "core/train/train_settings.h"

namespace bithep::tasks {

struct DatasetSettings {
    // Ten million jets are ~6 GB of features: beyond that a generated sample is a mistake.
    static constexpr std::size_t kMaxSamples = 10'000'000;
    std::size_t samples = 0;  // jets, events or showers; train + test
    std::uint64_t seed = 1;
    // Tasks whose samples carry particle types (TaskSession::offersParticleIdChoice): false
    // generates them without, so a model trained on them can score PID-free data.
    bool particleIds = true;

    // {samples, seed[, particle_ids]}; throws std::invalid_argument naming a missing or out-of-range field.
    static DatasetSettings fromJson(const nlohmann::json& j);
};

struct DatasetSummary {
    std::string source;  // "generator (seed 7)" or the file name
    std::size_t samples = 0;
    std::vector<std::pair<std::string, std::string>> facts;  // label → value, for the dataset panel
    std::vector<std::string> notices;                        // e.g. "PID unknown: features disabled"
    bool particleIdsMissing = false;  // a task with particle types got data without them
    std::string citation;             // how to cite a public dataset, empty for our own
};

struct SessionEvaluation {
    std::string metricName;  // the task's headline metric, e.g. "AUC"
    double metric = 0.0;
    nlohmann::json metrics;  // every number, for the run table and exports
    std::vector<FigureData> figures;
    // What redraw() needs to remake metrics and figures with other slider values, without the
    // model (e.g. the predicted angles of the test events); saved with the run in project
    // files. Null when the task has no sliders.
    nlohmann::json state;
};

// A setting of the results applied without retraining, shown above the result plots: a slider
// (the luminosity of a likelihood scan) redraws every run from its saved state; a button
// ("sample again") changes what the next evaluate() of the current model does.
struct ResultControl {
    enum class Kind { Slider, Button };
    std::string id;       // "luminosity", "resample"
    std::string label;    // "Luminosity [fb⁻¹]"
    std::string tooltip;  // says what the physics term means
    Kind kind = Kind::Slider;
    double minimum = 0, maximum = 1, value = 0;  // sliders only; value is the current one
    bool logarithmic = false;                    // the slider steps evenly in log(value)
};

// One linear layer of the session's network, as the layer table shows it.
struct NetworkLayer {
    std::string path;  // e.g. "blocks.0.attn.q"
    std::string type;  // "Linear" (always fp32) or "BitLinear" (quantizable)
    long in = 0;
    long out = 0;
    long parameters = 0;         // weights + bias
    double macsPerSample = 0.0;  // rows per sample · in · out
    bool quantizable() const { return type == "BitLinear"; }
};

struct NetworkListing {
    std::vector<NetworkLayer> layers;  // in model order
    // Multiply-accumulates per sample: the layers plus the work that always runs in fp32
    // (attention products, norms), so a layer's share is of everything the network does.
    double totalMacsPerSample = 0.0;
};

// For the sessions' explicit splits: throws std::invalid_argument "<context>: <sample> index i
// outside the n <sample>s of the dataset" for the first index of `indices` not below `count`.
void requireIndicesBelow(const std::vector<std::size_t>& indices, std::size_t count, const std::string& context,
                         const std::string& sample);

class TaskSession {
public:
    virtual ~TaskSession() = default;

    virtual std::vector<std::string> modelNames() const = 0;  // the default first
    virtual std::vector<std::string> planNames() const = 0;   // fp32 first
    // Throws std::invalid_argument listing the known names.
    virtual quant::QuantPlan plan(const std::string& name) const = 0;

    virtual DatasetSettings defaultDataset() const = 0;
    // Whether generated samples can be made with or without particle types (DatasetSettings::
    // particleIds); the explorer then offers the choice.
    virtual bool offersParticleIdChoice() const { return false; }
    // Throw std::runtime_error / std::invalid_argument naming the problem; the previous dataset
    // stays in place when they do.
    virtual DatasetSummary generateDataset(const DatasetSettings& settings,
                                           const BatchProgress& progress) = 0;
    virtual DatasetSummary openDataset(const std::filesystem::path& path) = 0;
    // File-dialog filter of the files openDataset() reads, e.g. "CaloChallenge HDF5 (*.h5 *.hdf5)".
    virtual std::string datasetFileFilter() const { return "BitHEP dataset (*.h5 *.hdf5)"; }
    virtual bool hasDataset() const = 0;
    // Writes the dataset in the task's own HDF5 layout (atomically); throws naming the file.
    virtual void saveDataset(const std::filesystem::path& path) const = 0;

    // Builds the named model with weights from `seed` (needs a dataset when the input width
    // depends on it). The previous model, if any, is replaced.
    virtual void buildModel(const std::string& name, std::uint64_t seed) = 0;
    virtual nn::Module* model() = 0;  // null before buildModel
    virtual std::string modelName() const = 0;
    virtual std::string modelConfigJson() const = 0;
    virtual tensor::Index rowsPerSample() const = 0;  // rows of one sample's input (for the cost)
    virtual train::TrainSettings defaultTraining(const std::string& model) const = 0;

    // Trains the current model with its current precisions from its current weights. On cancel
    // or failure the model ends with the best weights seen, or the weights it started with.
    virtual train::TrainResult train(const train::TrainSettings& settings,
                                     const train::TrainCallbacks& callbacks) = 0;
    // Evaluates the current model on the held-out samples, with the current control values.
    virtual SessionEvaluation evaluate(const BatchProgress& progress) = 0;

    // The name of the task metric that train() reports per epoch on the validation samples
    // (EpochStats::metric), e.g. "AUC"; empty when it reports none.
    virtual std::string epochMetricName() const { return {}; }

    // The precision state of the current model, which the window edits only through these (from
    // one thread while no call runs). Empty before buildModel.
    NetworkListing networkListing();
    quant::PrecisionMap precisions();
    // Sets the layers of `target` that the network has (others keep theirs); false when nothing
    // changed or there is no model.
    bool setPrecisions(const quant::PrecisionMap& target);
    // The first of planNames() whose plan gives exactly the current precisions; "" when none
    // does (a custom state) or there is no model.
    std::string matchingPlan();
    // Per-layer ternary statistics read from the network (quantized layers only).
    std::vector<quant::LayerQuantStats> layerStats();

    // Result controls with their current values; none by default.
    virtual std::vector<ResultControl> resultControls() const { return {}; }
    // Sets a slider's value (clamped to its range) or presses a button (value ignored). Throws
    // std::invalid_argument naming an unknown control.
    virtual void setControl(const std::string& id, double value);
    // Remakes an evaluation from its `state` with the current slider values; cheap (no model,
    // no dataset beyond what the state holds). Throws std::invalid_argument when the state is
    // not one this task wrote.
    virtual SessionEvaluation redraw(const nlohmann::json& state) const;
};

}  // namespace bithep::tasks
