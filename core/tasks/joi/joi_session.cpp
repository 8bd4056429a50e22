#include "core/tasks/joi/joi_session.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <random>
#include <stdexcept>

#include "core/tasks/joi/joi_features.h"
#include "core/tasks/joi/joi_run_config.h"
#include "core/tasks/joi/joi_training.h"
#include "core/tasks/jet_common/jet_plans.h"
#include "core/tasks/kernel_scoring.h"

namespace bithep::tasks::joi {

namespace {

constexpr std::size_t kMinJets = 220;  // every class in the test third, a validation set

std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", 100.0 * fraction);
    return text;
}

}  // namespace

std::vector<std::string> JoiSession::planNames() const {
    jet_common::registerJetPlans();
    return jet_common::jetPlanNames();
}

quant::QuantPlan JoiSession::plan(const std::string& name) const {
    return jet_common::resolveJetPlan(name);
}

DatasetSummary JoiSession::generateDataset(const DatasetSettings& settings, const BatchProgress& progress) {
    if (settings.samples < kMinJets || settings.samples > 1'000'000)
        throw std::invalid_argument("jet-origin dataset: choose between " + std::to_string(kMinJets) +
                                    " and 1 000 000 jets");
    physics::FlavourJetConfig config;
    if (progress.log)
        progress.log("Generating " + std::to_string(settings.samples) + " flavour jets (seed " +
                     std::to_string(settings.seed) + ")...");
    physics::GenerationControl control;
    control.cancelled = progress.cancelled;
    if (progress.progress)
        control.onProgress = [&progress](std::size_t done, std::size_t total) {
            progress.progress(static_cast<double>(done) / static_cast<double>(total));
        };
    const physics::FlavourJetGenerator generator(config, settings.seed);
    return useDataset(
        JoiDataset::fromJets(generator.generate(settings.samples, control), config.toJson(), settings.seed));
}

DatasetSummary JoiSession::openDataset(const std::filesystem::path& path) {
    JoiDataset data = JoiDataset::readHdf5(path);
    if (data.jets() < kMinJets)
        throw std::runtime_error(path.filename().string() + ": " + std::to_string(data.jets()) +
                                 " jets; the explorer needs at least " + std::to_string(kMinJets));
    data.kinematics.source = path.filename().string();
    return useDataset(std::move(data));
}

void JoiSession::saveDataset(const std::filesystem::path& path) const {
    if (!hasDataset()) throw std::runtime_error("jet origin: there is no dataset to save");
    m_data.writeHdf5(path);
}

DatasetSummary JoiSession::useDataset(JoiDataset data) {
    // Generated jets are in random order already; a file may be sorted by class.
    std::vector<std::size_t> order(data.jets());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (data.kinematics.source != "generator")
        std::shuffle(order.begin(), order.end(), std::mt19937_64(data.kinematics.seed + 1));
    const auto nTrain = static_cast<std::ptrdiff_t>(data.jets() * 2 / 3);
    return useDataset(std::move(data), std::vector<std::size_t>(order.begin(), order.begin() + nTrain),
                      std::vector<std::size_t>(order.begin() + nTrain, order.end()));
}

void JoiSession::setTrainingJets(std::vector<std::size_t> train) {
    requireIndicesBelow(train, m_data.jets(), "jet origin", "jet");
    m_train = std::move(train);
}

DatasetSummary JoiSession::useDataset(JoiDataset data, std::vector<std::size_t> train,
                                      std::vector<std::size_t> test) {
    for (const auto* part : {&train, &test}) requireIndicesBelow(*part, data.jets(), "jet origin", "jet");
    m_train = std::move(train);
    m_test = std::move(test);
    m_data = std::move(data);

    DatasetSummary s;
    s.source = m_data.kinematics.source == "generator"
                   ? "generator (seed " + std::to_string(m_data.kinematics.seed) + ")"
                   : m_data.kinematics.source;
    s.samples = m_data.jets();
    std::array<std::size_t, physics::kOriginCount> counts{};
    for (auto o : m_data.origins) ++counts[o];
    const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
    s.facts = {
        {"Jets", std::to_string(m_data.jets())},
        {"Classes", "b b̄ c c̄ s s̄ u ū d d̄ g"},
        {"Smallest / largest class",
         percent(double(*lo) / double(s.samples)) + " / " + percent(double(*hi) / double(s.samples))},
        {"Training / test jets", std::to_string(m_train.size()) + " / " + std::to_string(m_test.size())},
        {"Per-particle features", std::to_string(kJoiParticleDim) + " (kinematics, PID, d0, z0, errors)"}};
    return s;
}

void JoiSession::buildModel(const std::string& name, std::uint64_t seed) {
    const auto names = joiEncodingNames();
    if (std::find(names.begin(), names.end(), name) == names.end())
        throw std::invalid_argument(
            "unknown jet-origin model '" + name +
            "' (known: float, bytes-float32, bytes-bfloat16, bytes-fixed16, bytes-text)");
    JoiModelConfig config = JoiRunConfig().model;
    config.encoding = name;
    buildModel(config, seed, name);
}

void JoiSession::buildModel(const JoiModelConfig& config, std::uint64_t seed, const std::string& name) {
    m_model = makeJoiModel(config, seed);
    m_modelName = name;
    m_trainedOn = 0;
}

std::string JoiSession::modelConfigJson() const {
    return m_model ? m_model->joiConfig().toJson() : std::string();
}

tensor::Index JoiSession::rowsPerSample() const {
    if (!m_model) return 1;
    const std::size_t kept = m_model->config().maxParticles;
    return static_cast<tensor::Index>(kept ? kept : std::max<std::size_t>(1, m_data.kinematics.maxParticles));
}

train::TrainSettings JoiSession::defaultTraining(const std::string&) const {
    return JoiRunConfig().training;
}

train::TrainResult JoiSession::train(const train::TrainSettings& settings,
                                     const train::TrainCallbacks& callbacks) {
    if (!hasDataset()) throw std::runtime_error("jet origin: generate or open a dataset before training");
    if (!m_model) throw std::runtime_error("jet origin: build a model before training");
    const jet_common::JetTrainSettings s(settings);
    train::TrainCallbacks cb = callbacks;
    // Trainer validation indices point into m_train.
    cb.epochMetric = [this](const std::vector<tensor::Index>& validation) {
        std::vector<std::size_t> jets;
        jets.reserve(validation.size());
        for (auto i : validation) jets.push_back(m_train[static_cast<std::size_t>(i)]);
        if (jets.empty()) return std::nan("");
        const auto probs = predictJoi(*m_model, m_data, jets);
        const auto labels = originLabels(m_data, jets);
        const metrics::ClassScores scores{probs, static_cast<std::size_t>(kClasses)};
        const auto predicted = metrics::argmaxPredictions(scores);
        std::size_t right = 0;
        for (std::size_t k = 0; k < labels.size(); ++k) right += predicted[k] == labels[k];
        return static_cast<double>(right) / static_cast<double>(labels.size());
    };
    const auto t0 = std::chrono::steady_clock::now();
    train::TrainResult result = train::fitKeepingGoodWeights(
        *m_model, [&] { return trainJoiModel(*m_model, m_data, m_train, s, cb); });
    m_trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (result.bestEpoch >= 0 || (result.ok && !result.cancelled)) m_trainedOn = m_train.size();
    return result;
}

std::vector<ScalingSeries> JoiSession::scaling() const {
    std::vector<ScalingSeries> out;
    for (const auto& [name, points] : m_scaling) {
        ScalingSeries s{name, {}, {}};
        for (const auto& [size, accuracy] : points) {
            s.sizes.push_back(static_cast<double>(size));
            s.accuracy.push_back(accuracy);
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<double> JoiSession::predictHeldOut(KernelScoring& kernels) {
    if (!hasDataset() || !m_model) throw std::runtime_error("jet origin: nothing to evaluate yet");
    return scoreOnKernels(*m_model, [&] { return predictJoi(*m_model, m_data, m_test); }, kernels);
}

SessionEvaluation JoiSession::evaluate(const BatchProgress& progress) {
    if (!hasDataset() || !m_model) throw std::runtime_error("jet origin: nothing to evaluate yet");
    if (progress.log) progress.log("Evaluating on " + std::to_string(m_test.size()) + " held-out jets...");
    KernelScoring kernels;
    const auto probs = predictHeldOut(kernels);
    const JoiEvaluation e = evaluateJoi(probs, originLabels(m_data, m_test));
    if (m_trainedOn > 0) m_scaling[m_modelName][m_trainedOn] = e.accuracy;

    SessionEvaluation r;
    r.metricName = "accuracy";
    r.metric = e.accuracy;
    for (const auto& [name, value] : e.values())
        r.metrics[name] = std::isfinite(value) ? nlohmann::json(value) : nlohmann::json();
    r.metrics["test_jets"] = m_test.size();
    r.metrics["train_jets"] = m_trainedOn;
    r.metrics["train_seconds"] = m_trainSeconds;
    r.metrics.update(kernels.toJson());
    r.metrics["confusion"] = e.confusion.toJson(classLabels());
    const std::string what = m_modelName + ", " + std::to_string(m_test.size()) + " held-out jets";
    r.figures.push_back(confusionFigure(e, "confusion", what));
    r.figures.push_back(perClassRocFigure(e, "roc_classes", what));
    r.figures.push_back(mergedRocFigure({{m_modelName, &e}}));
    const auto series = scaling();
    const bool scan =
        std::any_of(series.begin(), series.end(), [](const ScalingSeries& s) { return s.sizes.size() >= 2; });
    if (scan) r.figures.push_back(scalingFigure(series));
    return r;
}

}  // namespace bithep::tasks::joi
