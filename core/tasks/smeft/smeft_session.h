#pragma once
// The SMEFT decay-plane task as the explorer drives it (tasks::TaskSession): events generated
// (seeded) or read from a bithep-smeft-1 file, split once into training (two thirds) and
// held-out test events; the small / medium / large regressors and the task's plans by name;
// training from the current weights with the 68 % quantile of |Δφ| on the validation events as
// the per-epoch metric; and an evaluation on the test events with the figures of `--batch smeft`:
// the −2Δln L(c_W) scan (truth φ, this network, rate only; linear and linear+quadratic),
// residuals against the fp32 reference and the true-vs-predicted map.
//
// The fp32 reference is the latest evaluation made while every layer was fp32 (weights and
// activations); later evaluations report the separation power and Wasserstein-1 distance of their
// residuals to it. It is forgotten when the dataset changes (other test events).
//
// Result controls: the luminosity and the true c_W of the Asimov data. Each evaluation's `state`
// (SmeftEvaluationState, a few kB of binned weights and histograms) remakes it at other values.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/tasks/kernel_scoring.h"
#include "core/tasks/smeft/regression_quality.h"
#include "core/tasks/smeft/smeft_dataset.h"
#include "core/tasks/smeft/smeft_model.h"
#include "core/tasks/task_session.h"

namespace bithep::tasks::smeft {

class SmeftSession : public TaskSession {
public:
    static constexpr double kDefaultLuminosityFb = 300.0;  // as --batch smeft

    std::vector<std::string> modelNames() const override;
    std::vector<std::string> planNames() const override;
    quant::QuantPlan plan(const std::string& name) const override;

    // About 1.2 s to generate (the generator's two threads); 6 667 training and 3 333 test events.
    DatasetSettings defaultDataset() const override { return {10000, 2026}; }
    DatasetSummary generateDataset(const DatasetSettings& settings, const BatchProgress& progress) override;
    DatasetSummary openDataset(const std::filesystem::path& path) override;
    std::string datasetFileFilter() const override { return "SMEFT events, bithep-smeft-1 (*.h5 *.hdf5)"; }
    bool hasDataset() const override { return m_data.size() > 0; }
    void saveDataset(const std::filesystem::path& path) const override;

    void buildModel(const std::string& name, std::uint64_t seed) override;
    nn::Module* model() override { return m_model.get(); }
    std::string modelName() const override { return m_modelName; }
    std::string modelConfigJson() const override;
    tensor::Index rowsPerSample() const override;
    train::TrainSettings defaultTraining(const std::string& model) const override;

    train::TrainResult train(const train::TrainSettings& settings,
                             const train::TrainCallbacks& callbacks) override;
    SessionEvaluation evaluate(const BatchProgress& progress) override;
    std::string epochMetricName() const override { return "|Δφ| 68 % [deg]"; }

    std::vector<ResultControl> resultControls() const override;
    void setControl(const std::string& id, double value) override;
    SessionEvaluation redraw(const nlohmann::json& state) const override;

    const SmeftDataset& dataset() const { return m_data; }
    const std::vector<std::size_t>& testEvents() const { return m_test; }
    bool hasReference() const { return m_reference.has_value(); }

    // What `--batch smeft` sets beyond the window's choices; the batch drives this same session.
    // Events with an explicit split (indices into `data`) instead of two thirds for training.
    // Throws std::invalid_argument for an index outside the data.
    DatasetSummary useDataset(SmeftDataset data, const std::string& origin, std::vector<std::size_t> train,
                              std::vector<std::size_t> test);
    // A regressor of an explicit configuration (a preset with the batch's overrides).
    void buildModel(const SmeftModelConfig& config, std::uint64_t seed, const std::string& name);
    // φ_pred of the held-out events as evaluate() computes it: integer-form layers on the kernels.
    std::vector<double> predictHeldOut(KernelScoring& kernels);
    double trainSeconds() const { return m_trainSeconds; }
    SmeftModel* smeftModel() { return m_model.get(); }

private:
    DatasetSummary useDataset(SmeftDataset data, const std::string& origin);
    bool everyLayerFp32() const;
    nlohmann::json regressionMetrics(const RegressionQuality& quality, bool isReference) const;

    SmeftDataset m_data;
    std::string m_origin;  // "generator (seed 7)" or the file name
    std::vector<std::size_t> m_train, m_test;
    std::unique_ptr<SmeftModel> m_model;
    std::string m_modelName;
    double m_trainSeconds = 0;  // of the latest train() call
    double m_luminosityFb = kDefaultLuminosityFb;
    double m_cTrue = 0.0;
    std::optional<RegressionQuality> m_reference;
    std::string m_referenceModel;
};

}  // namespace bithep::tasks::smeft
