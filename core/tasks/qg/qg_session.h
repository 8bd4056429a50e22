#pragma once
// The quark/gluon task as the explorer drives it (tasks::TaskSession): jets generated or read
// from a file and split once into training (two thirds) and held-out test jets, the P-DAT
// presets and the DeepSets baseline by name, the paper's plans, and an evaluation on the test
// jets with quarks as signal: ROC with the multiplicity cut for reference, score histograms and
// calibration (the same figures as `--batch qg`). A model evaluated on data it did not train on
// (a tagger trained on generated jets, then real jets opened) is scored on every jet of it.
#include <memory>

#include "core/tasks/jet_common/jet_dataset.h"
#include "core/tasks/kernel_scoring.h"
#include "core/tasks/qg/qg_model.h"
#include "core/tasks/qg/qg_training.h"
#include "core/tasks/task_session.h"

namespace bithep::tasks::qg {

class QgSession : public TaskSession {
public:
    std::vector<std::string> modelNames() const override;
    std::vector<std::string> planNames() const override;
    quant::QuantPlan plan(const std::string& name) const override;

    DatasetSettings defaultDataset() const override { return {9000, 2026}; }
    bool offersParticleIdChoice() const override { return true; }
    DatasetSummary generateDataset(const DatasetSettings& settings, const BatchProgress& progress) override;
    DatasetSummary openDataset(const std::filesystem::path& path) override;
    std::string datasetFileFilter() const override {
        return "Quark/gluon jets (*.npz *.h5 *.hdf5);;energyflow QG_jets (*.npz);;BitHEP jets HDF5 (*.h5 "
               "*.hdf5)";
    }
    bool hasDataset() const override { return m_data.jets > 0; }
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
    std::string epochMetricName() const override { return "AUC"; }

    const jet_common::JetDataset& dataset() const { return m_data; }

    // What `--batch qg` sets beyond the window's choices; the batch drives this same session.
    // Jets with an explicit split (indices into `data`, disjoint), instead of the window's
    // two thirds for training. Throws std::invalid_argument for an index outside the data.
    DatasetSummary useDataset(jet_common::JetDataset data, std::vector<std::size_t> train,
                              std::vector<std::size_t> test);
    // A model of an explicit configuration (the batch's dim=, heads=, ... or a checkpoint's),
    // called `name` in reports.
    void buildModel(const jet_common::JetModelConfig& config, std::uint64_t seed, const std::string& name);
    jet_common::JetModel* jetModel() { return m_model.get(); }
    const std::vector<std::size_t>& testJets() const { return m_test; }

    // The jets evaluate() scores (the held-out ones, or all of them for a model trained on other
    // data), scored as it scores them: integer-form layers on the kernels, the multiplicity
    // cut's scores of the same jets for the margin.
    struct Scored {
        std::vector<std::size_t> jets;
        std::vector<int> labels;
        std::vector<float> probabilities;
        std::vector<double> cutScores;
        QgEvaluation evaluation;
        KernelScoring kernels;
    };
    Scored score(const BatchProgress& progress);
    double trainSeconds() const { return m_trainSeconds; }

private:
    DatasetSummary useDataset(jet_common::JetDataset data);

    jet_common::JetDataset m_data;
    std::vector<std::size_t> m_train, m_test;
    std::unique_ptr<jet_common::JetModel> m_model;
    std::string m_modelName;
    double m_trainSeconds = 0;  // of the latest train() call
    // The dataset the current weights were trained on in this session (source, seed, size and
    // generator record); empty when unknown (just built or loaded). evaluate() scores every jet
    // only when it is known and differs from the current dataset.
    std::string dataIdentity() const;
    std::string m_trainedOn;
};

}  // namespace bithep::tasks::qg
