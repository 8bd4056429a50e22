#include "core/tasks/qg/qg_session.h"

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <random>
#include <stdexcept>

#include "core/tasks/qg/generator_validation.h"
#include "core/tasks/qg/qg_model_instance.h"
#include "core/tasks/jet_common/jet_plans.h"
#include "core/tasks/qg/qg_report.h"
#include "core/tasks/qg/qg_run_config.h"
#include "core/tasks/kernel_scoring.h"
#include "core/tasks/qg/qg_training.h"

namespace bithep::tasks::qg {

namespace {

constexpr std::size_t kMinJets = 60;  // enough for a split, a validation set and a ROC

std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", 100.0 * fraction);
    return text;
}

jet_common::JetModelConfig configFor(const std::string& name, bool pidKnown) {
    const QgRunConfig run = QgRunConfig::fromPreset(name == "deepsets" ? "teaching" : name);
    jet_common::JetModelConfig config = name == "deepsets" ? run.deepSets : run.pdat;
    config.particleDim = pidKnown ? 13 : 7;
    return config;
}

}  // namespace

std::vector<std::string> QgSession::modelNames() const {
    return qgModelNames();
}

std::vector<std::string> QgSession::planNames() const {
    jet_common::registerJetPlans();
    return jet_common::jetPlanNames();
}

quant::QuantPlan QgSession::plan(const std::string& name) const {
    jet_common::registerJetPlans();
    return jet_common::resolveJetPlan(name);
}

DatasetSummary QgSession::generateDataset(const DatasetSettings& settings, const BatchProgress& progress) {
    if (settings.samples < kMinJets || settings.samples > 2'000'000)
        throw std::invalid_argument("quark/gluon dataset: choose between " + std::to_string(kMinJets) +
                                    " and 2 000 000 jets");
    physics::JetGeneratorConfig config;
    if (progress.log)
        progress.log("Generating " + std::to_string(settings.samples) + " jets (seed " +
                     std::to_string(settings.seed) + ")...");
    physics::JetGenerator generator(config, settings.seed);
    jet_common::JetDataset data = jet_common::JetDataset::fromJets(generator.generate(settings.samples), config.toJson(), settings.seed);
    if (!settings.particleIds) data.dropPid();
    return useDataset(std::move(data));
}

DatasetSummary QgSession::openDataset(const std::filesystem::path& path) {
    jet_common::JetDataset data = jet_common::JetDataset::read(path);
    if (data.jets < kMinJets)
        throw std::runtime_error(path.filename().string() + ": " + std::to_string(data.jets) +
                                 " jets; the explorer needs at least " + std::to_string(kMinJets));
    return useDataset(std::move(data));
}

void QgSession::saveDataset(const std::filesystem::path& path) const {
    if (!hasDataset()) throw std::runtime_error("quark/gluon: there is no dataset to save");
    m_data.writeHdf5(path);
}

DatasetSummary QgSession::useDataset(jet_common::JetDataset data) {
    // A generated sample is already in random order; a file may be sorted by label.
    std::vector<std::size_t> order(data.jets);
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (data.generatorConfig.empty())
        std::shuffle(order.begin(), order.end(), std::mt19937_64(data.seed + 1));
    const auto nTrain = static_cast<std::ptrdiff_t>(data.jets * 2 / 3);
    return useDataset(std::move(data), std::vector<std::size_t>(order.begin(), order.begin() + nTrain),
                      std::vector<std::size_t>(order.begin() + nTrain, order.end()));
}

DatasetSummary QgSession::useDataset(jet_common::JetDataset data, std::vector<std::size_t> train,
                                     std::vector<std::size_t> test) {
    for (const auto* part : {&train, &test}) requireIndicesBelow(*part, data.jets, "quark/gluon", "jet");
    m_train = std::move(train);
    m_test = std::move(test);
    m_data = std::move(data);
    if (m_model && m_model->config().particleDim != (m_data.pidKnown ? 13 : 7)) m_model.reset();

    DatasetSummary s;
    s.source = m_data.generatorConfig.empty() ? m_data.source
                                              : "generator (seed " + std::to_string(m_data.seed) + ")";
    s.samples = m_data.jets;
    const auto quarks = static_cast<std::size_t>(std::count(m_data.labels.begin(), m_data.labels.end(), 1));
    double mq = 0, mg = 0;
    for (std::size_t j = 0; j < m_data.jets; ++j)
        (m_data.labels[j] ? mq : mg) += static_cast<double>(m_data.multiplicity(j));
    s.facts = {
        {"Jets", std::to_string(m_data.jets)},
        {"Quark jets", percent(double(quarks) / double(m_data.jets))},
        {"Training / test jets", std::to_string(m_train.size()) + " / " + std::to_string(m_test.size())},
        {"Mean multiplicity q / g",
         std::to_string(std::lround(mq / std::max<double>(1, double(quarks)))) + " / " +
             std::to_string(std::lround(mg / std::max<double>(1, double(m_data.jets - quarks))))},
        {"Particle types (PID)", m_data.pidKnown ? "known" : "unknown"}};
    const bool generated = !m_data.generatorConfig.empty();
    if (!m_data.pidKnown)
        s.notices.push_back(generated ? "Generated without particle types (PID): taggers trained on these jets see "
                                        "kinematics only and can score PID-free data such as the Pythia sample."
                                      : m_data.pidNotice());
    s.particleIdsMissing = !m_data.pidKnown && !generated;
    if (!generated && isEnergyflowFile(m_data.source)) s.citation = pythiaQgCitation();
    return s;
}

std::string QgSession::dataIdentity() const {
    return m_data.source + '\n' + std::to_string(m_data.seed) + '\n' + std::to_string(m_data.jets) + '\n' +
           std::to_string(m_data.pidKnown) + '\n' + m_data.generatorConfig;
}

void QgSession::buildModel(const std::string& name, std::uint64_t seed) {
    const auto names = qgModelNames();
    if (std::find(names.begin(), names.end(), name) == names.end())
        throw std::invalid_argument("unknown quark/gluon model '" + name +
                                    "' (known: teaching, full, deepsets)");
    buildModel(configFor(name, !hasDataset() || m_data.pidKnown), seed, name);
}

void QgSession::buildModel(const jet_common::JetModelConfig& config, std::uint64_t seed, const std::string& name) {
    m_model = makeQgModel(config, seed);
    m_modelName = name;
    m_trainedOn.clear();
}

std::string QgSession::modelConfigJson() const {
    return m_model ? m_model->config().toJson() : std::string();
}

tensor::Index QgSession::rowsPerSample() const {
    if (!m_model) return 1;
    const std::size_t kept = m_model->config().maxParticles;
    return static_cast<tensor::Index>(kept ? kept : std::max<std::size_t>(1, m_data.maxParticles));
}

train::TrainSettings QgSession::defaultTraining(const std::string& model) const {
    return QgRunConfig::fromPreset(model == "full" ? "full" : "teaching").training;
}

train::TrainResult QgSession::train(const train::TrainSettings& settings,
                                    const train::TrainCallbacks& callbacks) {
    if (!hasDataset()) throw std::runtime_error("quark/gluon: generate or open a dataset before training");
    if (!m_model) throw std::runtime_error("quark/gluon: build a model before training");
    const jet_common::JetTrainSettings s(settings);
    const auto t0 = std::chrono::steady_clock::now();
    train::TrainCallbacks withMetric = callbacks;
    // The validation indices count into m_train; the AUC is that of the quark probability.
    withMetric.epochMetric = [this](const std::vector<tensor::Index>& validation) {
        std::vector<std::size_t> jets(validation.size());
        for (std::size_t i = 0; i < validation.size(); ++i)
            jets[i] = m_train[static_cast<std::size_t>(validation[i])];
        // The fake-quantized floats the training optimises, not the kernels.
        const std::vector<float> probs = predictQg(*m_model, m_data, jets);
        const std::vector<double> scores(probs.begin(), probs.end());
        return evaluateScores(scores, labelsOf(m_data, jets), true).auc;
    };
    m_trainedOn = dataIdentity();
    train::TrainResult result = train::fitKeepingGoodWeights(
        *m_model, [&] { return trainQgModel(*m_model, m_data, m_train, s, withMetric); });
    m_trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

QgSession::Scored QgSession::score(const BatchProgress& progress) {
    if (!hasDataset() || !m_model) throw std::runtime_error("quark/gluon: nothing to evaluate yet");
    // A model trained here on another dataset (e.g. generated jets, then real jets opened) has
    // seen none of these jets: all of them are scored, not just the held-out third. Weights of
    // unknown origin (loaded with a project) are scored on the held-out jets only.
    const bool unseen = !m_trainedOn.empty() && m_trainedOn != dataIdentity();
    std::vector<std::size_t> jets = m_test;
    if (unseen) {
        jets.resize(m_data.jets);
        std::iota(jets.begin(), jets.end(), std::size_t{0});
    }
    if (progress.log)
        progress.log("Evaluating on " + std::to_string(jets.size()) +
                     (unseen ? " jets (all of them: the model trained on other data)..." : " held-out jets..."));
    std::vector<int> labels = labelsOf(m_data, jets);
    KernelScoring kernels;
    std::vector<float> probabilities =
        scoreOnKernels(*m_model, [&] { return predictQg(*m_model, m_data, jets); }, kernels);
    const std::vector<double> scores(probabilities.begin(), probabilities.end());
    std::vector<double> cutScores = multiplicityScores(m_data, jets);
    QgEvaluation evaluation = evaluateScores(scores, labels, true, cutScores);
    return {std::move(jets),      std::move(labels),     std::move(probabilities),
            std::move(cutScores), std::move(evaluation), kernels};
}

SessionEvaluation QgSession::evaluate(const BatchProgress& progress) {
    const Scored scored = score(progress);
    const QgEvaluation& e = scored.evaluation;
    const QgEvaluation cut = evaluateScores(scored.cutScores, scored.labels, false);

    QgSeries series;
    series.label = m_modelName == "deepsets" ? "DeepSets" : "P-DAT";
    series.plan = "current";
    series.seeds = {0};
    series.perSeed = {e};
    series.firstScores = scored.probabilities;
    series.cost = nlohmann::json::object();  // the explorer shows cost in its own view
    auto values = e.values();
    values.emplace_back("train_seconds", m_trainSeconds);
    series.summary.addRun(values);
    BatchOutput out;
    addQgReport({series}, cut, scored.labels, out);

    SessionEvaluation r;
    r.metricName = "AUC";
    r.metric = e.auc;
    for (const auto& [name, value] : e.values()) r.metrics[name] = value;
    r.metrics["multiplicity_cut_auc"] = cut.auc;
    r.metrics["test_jets"] = scored.jets.size();
    r.metrics["train_seconds"] = m_trainSeconds;
    r.metrics.update(scored.kernels.toJson());
    r.figures = std::move(out.figures);
    return r;
}

}  // namespace bithep::tasks::qg
