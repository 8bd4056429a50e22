// The calorimeter task's interactive session: data, models, training and sampled evaluation.
#include "core/tasks/calo/calo_session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <random>
#include <stdexcept>

#include "core/nn/kernel_inference.h"
#include "core/tasks/calo/calo_evaluation.h"
#include "core/tasks/calo/calo_plans.h"
#include "core/tasks/calo/calo_report.h"
#include "core/tasks/calo/calo_training.h"
#include "core/tasks/calo/shower_simulator.h"
#include "core/train/thread_control.h"

namespace bithep::tasks::calo {

namespace {

constexpr std::size_t kMinShowers = 100;  // 25 reference showers: enough for the classifier test
constexpr std::size_t kMaxShowers = 1'000'000;
constexpr std::uint64_t kFileShuffleSeed = 2026;  // files may be sorted by energy
constexpr std::uint64_t kPreprocessingSeed = 2026;
constexpr std::uint64_t kClassifierSeed = 1;  // fixed: a new AUC reflects new showers, not a new classifier

void say(const BatchProgress& p, const std::string& line) {
    if (p.log) p.log(line);
}

void checkCancelled(const BatchProgress& p) {
    if (p.cancelled && p.cancelled()) throw std::runtime_error("calorimeter: evaluation cancelled");
}

std::string number(const char* format, double value) {
    char text[48];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

std::string energyText(double mev) {
    if (mev < 1e3) return number("%.0f MeV", mev);
    if (mev < 1e6) return number("%.3g GeV", mev / 1e3);
    return number("%.3g TeV", mev / 1e6);
}

CaloDataset subset(const CaloDataset& d, const std::size_t* first, const std::size_t* last) {
    CaloDataset out;
    out.voxels = d.voxels;
    out.incidentEnergies.reserve(static_cast<std::size_t>(last - first));
    out.showers.reserve(static_cast<std::size_t>(last - first) * d.voxels);
    for (const std::size_t* r = first; r != last; ++r) {
        out.incidentEnergies.push_back(d.incidentEnergies[*r]);
        const auto s = d.shower(*r);
        out.showers.insert(out.showers.end(), s.begin(), s.end());
    }
    return out;
}

// The generated layer drawn beside the reference on one colour scale.
FigureData pairedLayerMap(const std::string& id, const std::string& title, const ShowerGeometry& geometry,
                          std::size_t layer, const CaloDataset& generated, const CaloDataset& reference,
                          long index, const std::string& modelLabel) {
    FigureData figure = layerMap(id, title, geometry, generated, layer, index);
    const FigureData ref = layerMap(id, title, geometry, reference, layer, index);
    auto& map = std::get<MapFigure>(figure.content);
    map.besideValues = std::get<MapFigure>(ref.content).values;
    map.label = modelLabel;
    map.besideLabel = "reference";
    return figure;
}

// Per layer the average and one single shower (the reference closest to the chosen energy and
// the generated one at the same incident energy), generated beside reference.
std::vector<FigureData> layerMaps(const ShowerGeometry& geometry, const CaloDataset& generated,
                                  const CaloDataset& reference, std::size_t single,
                                  const std::string& model) {
    std::vector<FigureData> out;
    const std::string at = energyText(reference.incidentEnergies[single]);
    for (std::size_t l = 0; l < geometry.layers().size(); ++l) {
        const std::string n = std::to_string(geometry.layers()[l].id);
        out.push_back(pairedLayerMap("average_layer" + n, "Average shower, layer " + n, geometry, l,
                                     generated, reference, -1, model));
    }
    for (std::size_t l = 0; l < geometry.layers().size(); ++l) {
        const std::string n = std::to_string(geometry.layers()[l].id);
        out.push_back(pairedLayerMap("single_layer" + n, "One shower at " + at + ", layer " + n, geometry, l,
                                     generated, reference, static_cast<long>(single), model));
    }
    return out;
}

}  // namespace

CaloSession::CaloSession(CaloSessionOptions options)
    : m_options(std::move(options)), m_geometry(ShowerGeometry::builtin(m_options.geometry)) {}

std::vector<std::string> CaloSession::modelNames() const {
    return caloModelNames();
}

std::vector<std::string> CaloSession::planNames() const {
    return caloPlanNames(m_model ? m_modelName : "cfm");
}

quant::QuantPlan CaloSession::plan(const std::string& name) const {
    // Plans address layers by depth, so they are built for the model at hand.
    if (m_model) return caloPlan(m_modelName, name, *m_model);
    return cfmPlan(name, CfmConfig{});
}

DatasetSummary CaloSession::generateDataset(const DatasetSettings& settings, const BatchProgress& progress) {
    if (settings.samples < kMinShowers || settings.samples > kMaxShowers)
        throw std::invalid_argument("calorimeter dataset: choose between " + std::to_string(kMinShowers) +
                                    " and " + std::to_string(kMaxShowers) + " showers");
    say(progress, "Simulating " + std::to_string(settings.samples) + " showers (seed " +
                      std::to_string(settings.seed) + ")...");
    ShowerSimulatorConfig config;
    config.threads = std::max(train::threads(), 1);
    CaloDataset all = ShowerSimulator(m_geometry, config, settings.seed).generate(settings.samples);
    return useDataset(std::move(all), "simulator (seed " + std::to_string(settings.seed) + ")", false);
}

DatasetSummary CaloSession::openDataset(const std::filesystem::path& path) {
    CaloDataset all = CaloDataset::readHdf5(path, m_geometry.voxelCount());
    if (all.size() < kMinShowers)
        throw std::runtime_error("CaloChallenge file '" + path.string() + "': " + std::to_string(all.size()) +
                                 " showers; the explorer needs at least " + std::to_string(kMinShowers));
    return useDataset(std::move(all), path.filename().string(), true);
}

void CaloSession::saveDataset(const std::filesystem::path& path) const {
    if (!hasDataset()) throw std::runtime_error("calorimeter: there is no dataset to save");
    m_all.writeHdf5(path);
}

DatasetSummary CaloSession::useDataset(CaloDataset all, std::string source, bool shuffle) {
    // Everything is computed before a member changes, so a failure keeps the previous dataset.
    std::vector<std::size_t> order(all.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (shuffle) std::shuffle(order.begin(), order.end(), std::mt19937_64(kFileShuffleSeed));
    const std::size_t nTrain = all.size() * 3 / 4;
    CaloDataset train = subset(all, order.data(), order.data() + nTrain);
    CaloDataset test = subset(all, order.data() + nTrain, order.data() + order.size());
    return install(std::move(all), std::move(train), std::move(test), std::move(source), kPreprocessingSeed);
}

DatasetSummary CaloSession::useDataset(CaloDataset train, CaloDataset test, std::string source,
                                       std::uint64_t preprocessingSeed) {
    if (train.voxels != m_geometry.voxelCount() || test.voxels != m_geometry.voxelCount())
        throw std::invalid_argument("calorimeter: showers of " + std::to_string(train.voxels) + " and " +
                                    std::to_string(test.voxels) + " voxels for a geometry of " +
                                    std::to_string(m_geometry.voxelCount()));
    CaloDataset all = train;  // what saveDataset writes: the training showers, then the reference
    all.incidentEnergies.insert(all.incidentEnergies.end(), test.incidentEnergies.begin(),
                                test.incidentEnergies.end());
    all.showers.insert(all.showers.end(), test.showers.begin(), test.showers.end());
    return install(std::move(all), std::move(train), std::move(test), std::move(source), preprocessingSeed);
}

DatasetSummary CaloSession::install(CaloDataset all, CaloDataset train, CaloDataset test, std::string source,
                                    std::uint64_t preprocessingSeed) {
    ShowerPreprocessing preprocessing =
        ShowerPreprocessing::fit(train, layerRangesOf(m_geometry), preprocessingSeed);
    HighLevelFeatures features = computeHighLevelFeatures(test, m_geometry);

    m_all = std::move(all);
    m_train = std::move(train);
    m_test = std::move(test);
    m_source = std::move(source);
    m_preprocessing = std::move(preprocessing);
    m_testFeatures = std::move(features);

    const auto [lo, hi] = std::minmax_element(m_all.incidentEnergies.begin(), m_all.incidentEnergies.end());
    double response = 0;
    for (std::size_t i = 0; i < m_all.size(); ++i) {
        const auto s = m_all.shower(i);
        response += std::accumulate(s.begin(), s.end(), 0.0) / m_all.incidentEnergies[i];
    }
    DatasetSummary summary;
    summary.source = m_source;
    summary.samples = m_all.size();
    summary.facts = {
        {"Showers", std::to_string(m_all.size())},
        {"Training / reference showers",
         std::to_string(m_train.size()) + " / " + std::to_string(m_test.size())},
        {"Geometry", "CaloChallenge dataset 1, photons: " + std::to_string(m_geometry.voxelCount()) +
                         " voxels in " + std::to_string(m_geometry.layers().size()) + " layers"},
        {"Incident energies", energyText(*lo) + " – " + energyText(*hi)},
        {"Mean E_dep / E_inc", number("%.3f", response / static_cast<double>(m_all.size()))}};
    if (*lo < 200 || *hi > 5e6)
        summary.notices.push_back(
            "Incident energies outside dataset 1's 256 MeV – 4.2 TeV: the models' energy "
            "condition is scaled for that range");
    return summary;
}

void CaloSession::buildModel(const std::string& name, std::uint64_t seed) {
    buildModel(name, seed, CaloModelSize{});
}

void CaloSession::buildModel(const std::string& name, std::uint64_t seed, const CaloModelSize& size) {
    m_model = makeCaloModel(name, ModelSpaceLayout::of(m_geometry), seed, size);
    m_modelName = name;
}

std::string CaloSession::modelConfigJson() const {
    return m_model ? m_model->configJson() : std::string();
}

tensor::Index CaloSession::rowsPerSample() const {
    return m_model ? m_model->evaluationsPerSample() : 1;
}

train::TrainSettings CaloSession::defaultTraining(const std::string& model) const {
    caloPlanNames(model);  // throws for an unknown model
    train::TrainSettings s = CaloTrainSettings();
    // Measured on the default 8 000 showers (README, "In the explorer"): a couple of minutes
    // on two cores give showers whose average layers match the reference.
    s.epochs = isCouplingFlow(model) ? 6 : 12;
    s.learningRate = isCouplingFlow(model) ? 1e-3f : 2e-3f;
    return s;
}

train::TrainResult CaloSession::train(const train::TrainSettings& settings,
                                      const train::TrainCallbacks& callbacks) {
    if (!hasDataset()) throw std::runtime_error("calorimeter: generate or open a dataset before training");
    if (!m_model) throw std::runtime_error("calorimeter: build a model before training");
    const CaloTrainSettings s(settings);
    train::TrainCallbacks cb = callbacks;
    cb.epochMetric = nullptr;  // sampling per epoch would cost more than the epoch itself
    const auto t0 = std::chrono::steady_clock::now();
    train::TrainResult result = train::fitKeepingGoodWeights(
        *m_model, [&] { return trainCaloModel(*m_model, m_preprocessing, m_train, s, cb); });
    m_trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

std::size_t CaloSession::singleShowerIndex() const {
    std::size_t best = 0;
    const double target = std::log(m_options.singleShowerEnergyMeV);
    for (std::size_t i = 1; i < m_test.size(); ++i)
        if (std::abs(std::log(m_test.incidentEnergies[i]) - target) <
            std::abs(std::log(m_test.incidentEnergies[best]) - target))
            best = i;
    return best;
}

SampledShowers CaloSession::sampleReference(std::uint64_t seed) {
    if (!hasDataset() || !m_model) throw std::runtime_error("calorimeter: nothing to sample yet");
    // Quantized layers sample on the packed ternary kernels, as the deployed model would.
    const nn::KernelInference kernels(*m_model);
    return sampleShowers(*m_model, m_preprocessing, m_test.incidentEnergies, seed);
}

SessionEvaluation CaloSession::evaluate(const BatchProgress& progress) {
    if (!hasDataset() || !m_model) throw std::runtime_error("calorimeter: nothing to evaluate yet");
    say(progress, "Sampling " + std::to_string(m_test.size()) + " showers (sampling seed " +
                      std::to_string(m_samplingSeed) + ")...");
    const SampledShowers sampled = sampleReference(m_samplingSeed);
    checkCancelled(progress);
    const auto& energies = sampled.showers.showers;
    if (!std::all_of(energies.begin(), energies.end(), [](float v) { return std::isfinite(v); }))
        throw std::runtime_error("calorimeter: the " + m_modelName +
                                 " model generated non-finite energies; train it (further) first");
    if (progress.progress) progress.progress(0.4);
    say(progress, "Comparing features and running the classifier tests...");
    ClassifierTestConfig classifier;
    classifier.epochs = m_options.classifierEpochs;
    classifier.seed = kClassifierSeed;
    const CaloEvaluation e = evaluateShowers(reference(), sampled.showers, classifier, progress.cancelled);
    checkCancelled(progress);

    SessionEvaluation r;
    r.metricName = "Mean separation power";
    r.metric = e.features.meanSeparationPower();
    r.figures = layerMaps(m_geometry, sampled.showers, m_test, singleShowerIndex(), m_modelName);
    for (auto& f :
         layerResponseFigures(m_geometry, e.referenceResponse, {{m_modelName, e.generatedResponse}}))
        r.figures.push_back(std::move(f));
    nlohmann::json separation = nlohmann::json::object();
    for (const auto& f : e.features.features) {
        r.figures.push_back(featureFigure(
            f, {{m_modelName + " (separation " + number("%.3f", f.separationPower) + ")", f.generated}}));
        separation[f.id] = f.separationPower;
    }
    r.metrics = {{"mean_separation_power", r.metric},
                 {"auc_high_level", e.aucHighLevel},
                 {"auc_low_level", e.aucLowLevel},
                 {"showers_per_second", sampled.showersPerSecond()},
                 {"sampling_seed", m_samplingSeed},
                 {"reference_showers", m_test.size()},
                 {"train_seconds", m_trainSeconds},
                 {"separation_power", separation},
                 {"layer_response_deviation", e.layerResponseDeviation}};
    if (progress.progress) progress.progress(1.0);
    return r;
}

std::vector<ResultControl> CaloSession::resultControls() const {
    ResultControl c;
    c.id = "resample";
    c.label = "Sample again";
    c.tooltip =
        "Draw a new set of showers from the same model (next sampling seed) at the next evaluation: "
        "how much the metrics and the single shower change is the sampling noise of a finite sample.";
    c.kind = ResultControl::Kind::Button;
    return {c};
}

void CaloSession::setControl(const std::string& id, double) {
    if (id != "resample")
        throw std::invalid_argument("calorimeter: no result control '" + id + "' (known: resample)");
    ++m_samplingSeed;
}

}  // namespace bithep::tasks::calo
