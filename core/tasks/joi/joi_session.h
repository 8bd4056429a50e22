#pragma once
// The jet-origin task as the explorer drives it (tasks::TaskSession): flavour jets generated or
// read from a bithep-joi-1 file, split once into training (two thirds) and held-out test jets;
// one model per input encoding (float, bytes-float32, bytes-bfloat16, bytes-fixed16, bytes-text); the
// quark/gluon plans; an evaluation with the confusion matrix, per-class and merged ROCs. Every
// evaluation is also a point of the data-scaling curve of its model (training jets, accuracy):
// once a model has been evaluated after training on two or more dataset sizes (generate a
// larger sample, train, evaluate again), the evaluation adds the scaling plot with its
// power-law fit. Training reports the validation accuracy after every epoch.
#include <map>
#include <memory>

#include "core/tasks/joi/joi_dataset.h"
#include "core/tasks/joi/joi_model.h"
#include "core/tasks/joi/joi_report.h"
#include "core/tasks/kernel_scoring.h"
#include "core/tasks/task_session.h"

namespace bithep::tasks::joi {

class JoiSession : public TaskSession {
public:
    std::vector<std::string> modelNames() const override { return joiEncodingNames(); }
    std::vector<std::string> planNames() const override;
    quant::QuantPlan plan(const std::string& name) const override;

    DatasetSettings defaultDataset() const override { return {3000, 2026}; }
    DatasetSummary generateDataset(const DatasetSettings& settings, const BatchProgress& progress) override;
    DatasetSummary openDataset(const std::filesystem::path& path) override;
    std::string datasetFileFilter() const override { return "BitHEP jet-origin dataset (*.h5 *.hdf5)"; }
    bool hasDataset() const override { return m_data.jets() > 0; }
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
    std::string epochMetricName() const override { return "accuracy"; }

    const JoiDataset& dataset() const { return m_data; }
    // Scaling points so far, one series per model name, sizes ascending.
    std::vector<ScalingSeries> scaling() const;

    // What `--batch joi` sets beyond the window's choices; the batch drives this same session.
    // Jets with an explicit split (indices into `data`) instead of two thirds for training, and
    // the training jets alone changed (the data-scaling scan trains on the first n of a pool while
    // the test jets stay). Throw std::invalid_argument for an index outside the data.
    DatasetSummary useDataset(JoiDataset data, std::vector<std::size_t> train, std::vector<std::size_t> test);
    void setTrainingJets(std::vector<std::size_t> train);
    // A model of an explicit configuration (the batch's dim=, heads=, ... and encoding).
    void buildModel(const JoiModelConfig& config, std::uint64_t seed, const std::string& name);
    // Class probabilities of the held-out jets (jets × classes) as evaluate() computes them:
    // integer-form layers on the kernels.
    std::vector<double> predictHeldOut(KernelScoring& kernels);
    const std::vector<std::size_t>& testJets() const { return m_test; }
    double trainSeconds() const { return m_trainSeconds; }

private:
    DatasetSummary useDataset(JoiDataset data);

    JoiDataset m_data;
    std::vector<std::size_t> m_train, m_test;
    std::unique_ptr<JoiModel> m_model;
    std::string m_modelName;
    double m_trainSeconds = 0;
    std::size_t m_trainedOn = 0;                                     // training jets of the latest train()
    std::map<std::string, std::map<std::size_t, double>> m_scaling;  // model → training jets → accuracy
};

}  // namespace bithep::tasks::joi
