#pragma once
// The calorimeter task as the explorer drives it (tasks::TaskSession): showers of the
// CaloChallenge dataset-1 photon geometry simulated with a size and a seed, or read from a
// CaloChallenge HDF5 file, split once into training (three quarters) and held-out reference
// showers; the flow-matching model and the coupling flow by name with their named plans; and an
// evaluation that samples one shower per reference incident energy and judges the sample as
// `--batch calo` does: feature histograms with separation powers, both classifier AUCs, and
// per-layer polar maps of the average and of one single shower, generated beside reference.
// The headline metric is the mean separation power of the feature histograms (lower is better):
// at explorer sizes the high-level classifier separates every generator almost perfectly
// (AUC ≈ 0.99, README), so it cannot tell plans apart, while the separation power does.
// A "Sample again" button changes the sampling seed, so the next evaluation draws new showers
// from the same model; the seed sequence is fixed, so a session replayed gives the same results.
// The cost view gets evaluationsPerSample() rows per shower: a flow-matching shower costs that
// many network evaluations of one row each, so the cost shown is per generated shower.
#include <cstdint>
#include <memory>
#include <string>

#include "core/tasks/calo/calo_dataset.h"
#include "core/tasks/calo/calo_evaluation.h"
#include "core/tasks/calo/calo_training.h"
#include "core/tasks/calo/calo_generative_model.h"
#include "core/tasks/calo/shower_geometry.h"
#include "core/tasks/calo/shower_observables.h"
#include "core/tasks/calo/shower_preprocessing.h"
#include "core/tasks/task_session.h"

namespace bithep::tasks::calo {

struct CaloSessionOptions {
    int classifierEpochs = 10;             // both two-sample classifier tests
    double singleShowerEnergyMeV = 65536;  // the single showers shown: the reference closest to this
    std::string geometry = "dataset-1-photons";  // a ShowerGeometry::builtin name
};

class CaloSession : public TaskSession {
public:
    explicit CaloSession(CaloSessionOptions options = {});

    std::vector<std::string> modelNames() const override;
    // The plans of the current model (of cfm before one is built).
    std::vector<std::string> planNames() const override;
    quant::QuantPlan plan(const std::string& name) const override;

    DatasetSettings defaultDataset() const override { return {8000, 2026}; }
    DatasetSummary generateDataset(const DatasetSettings& settings, const BatchProgress& progress) override;
    DatasetSummary openDataset(const std::filesystem::path& path) override;
    std::string datasetFileFilter() const override { return "CaloChallenge HDF5 (*.h5 *.hdf5)"; }
    bool hasDataset() const override { return m_all.size() > 0; }
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

    std::vector<ResultControl> resultControls() const override;
    void setControl(const std::string& id, double value) override;

    const CaloDataset& trainShowers() const { return m_train; }
    const CaloDataset& testShowers() const { return m_test; }
    std::uint64_t samplingSeed() const { return m_samplingSeed; }

    // What `--batch calo` sets beyond the window's choices; the batch drives this same session.
    // Training and reference showers given apart (the run's split) and the preprocessing fitted
    // with `preprocessingSeed`, instead of a quarter held out and the session's fixed seed.
    DatasetSummary useDataset(CaloDataset train, CaloDataset test, std::string source,
                              std::uint64_t preprocessingSeed);
    // A model with the batch's sizes (hidden=, layers=, ode-steps=, bins=).
    void buildModel(const std::string& name, std::uint64_t seed, const CaloModelSize& size);
    // One shower per reference incident energy, drawn with `seed`, quantized layers on the
    // kernels: what evaluate() samples (with the session's sampling seed).
    SampledShowers sampleReference(std::uint64_t seed);
    CaloReference reference() const { return {&m_test, &m_geometry, m_testFeatures}; }
    const ShowerGeometry& geometry() const { return m_geometry; }
    const ShowerPreprocessing& preprocessing() const { return m_preprocessing; }
    CaloGenerativeModel* generativeModel() { return m_model.get(); }
    double trainSeconds() const { return m_trainSeconds; }

private:
    DatasetSummary useDataset(CaloDataset all, std::string source, bool shuffle);
    DatasetSummary install(CaloDataset all, CaloDataset train, CaloDataset test, std::string source,
                           std::uint64_t preprocessingSeed);
    std::size_t singleShowerIndex() const;

    CaloSessionOptions m_options;
    ShowerGeometry m_geometry;
    CaloDataset m_all, m_train, m_test;  // m_all in its original order, for saving
    std::string m_source;
    ShowerPreprocessing m_preprocessing;
    HighLevelFeatures m_testFeatures;
    std::shared_ptr<CaloGenerativeModel> m_model;
    std::string m_modelName;
    std::uint64_t m_samplingSeed = 1;
    double m_trainSeconds = 0;
};

}  // namespace bithep::tasks::calo
