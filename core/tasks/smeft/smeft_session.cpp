#include "core/tasks/smeft/smeft_session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <numbers>
#include <numeric>
#include <random>
#include <stdexcept>

#include "core/tasks/smeft/smeft_evaluation_state.h"
#include "core/tasks/smeft/smeft_model_instance.h"
#include "core/tasks/smeft/smeft_plans.h"
#include "core/tasks/kernel_scoring.h"
#include "core/tasks/smeft/smeft_training.h"

namespace bithep::tasks::smeft {

namespace {

constexpr std::size_t kMinEvents = 60;  // enough for a split, a validation set and a binned scan
constexpr std::size_t kMaxEvents = 2'000'000;
constexpr double kLuminosityMin = 10.0, kLuminosityMax = 3000.0;  // fb⁻¹: early Run 2 to HL-LHC
constexpr double kCTrueMax = 0.5;  // spans the truth 68 % interval even at 10 fb⁻¹ (about ±0.4)

std::string fixed(double value, const char* unit, int decimals = 1) {
    char text[48];
    std::snprintf(text, sizeof text, "%.*f%s", decimals, value, unit);
    return text;
}

std::string joined(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
}

// The 68 % quantile of |φ_pred − φ_true| (wrapped) in degrees: the resolution a physicist quotes.
double absResidual68Degrees(std::span<const double> residuals) {
    std::vector<double> a(residuals.size());
    std::transform(residuals.begin(), residuals.end(), a.begin(), [](double r) { return std::abs(r); });
    if (a.empty()) return NAN;
    const auto k = static_cast<std::size_t>(std::ceil(0.68 * double(a.size()))) - 1;
    std::nth_element(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(k), a.end());
    return a[k] * 180.0 / std::numbers::pi;
}

std::vector<double> truthOf(const SmeftDataset& data, const std::vector<std::size_t>& events) {
    std::vector<double> phi(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) phi[i] = data.events[events[i]].phi;
    return phi;
}

}  // namespace

std::vector<std::string> SmeftSession::modelNames() const {
    return smeftModelNames();
}

std::vector<std::string> SmeftSession::planNames() const {
    return smeftPlanNames();
}

quant::QuantPlan SmeftSession::plan(const std::string& name) const {
    const auto names = smeftPlanNames();
    if (std::find(names.begin(), names.end(), name) == names.end())
        throw std::invalid_argument("unknown SMEFT plan '" + name + "' (known: " + joined(names) + ")");
    return resolveSmeftPlan(name);
}

DatasetSummary SmeftSession::generateDataset(const DatasetSettings& settings, const BatchProgress& progress) {
    if (settings.samples < kMinEvents || settings.samples > kMaxEvents)
        throw std::invalid_argument("SMEFT dataset: choose between " + std::to_string(kMinEvents) +
                                    " and 2 000 000 events");
    SmeftGeneratorConfig config;
    if (progress.log)
        progress.log("Generating " + std::to_string(settings.samples) + " W/Z events (seed " +
                     std::to_string(settings.seed) + ")...");
    physics::GenerationControl control;
    control.cancelled = progress.cancelled;
    std::mutex reporting;  // the generator reports from its worker threads
    if (progress.progress)
        control.onProgress = [&](std::size_t done, std::size_t total) {
            const std::lock_guard lock(reporting);
            progress.progress(total ? double(done) / double(total) : 1.0);
        };
    SmeftSample sample = SmeftEventGenerator(config, settings.seed).generate(settings.samples, control);
    return useDataset(SmeftDataset::fromSample(std::move(sample), config, settings.seed),
                      "generator (seed " + std::to_string(settings.seed) + ")");
}

DatasetSummary SmeftSession::openDataset(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    if (name.ends_with(".lhe") || name.ends_with(".lhe.gz"))
        throw std::runtime_error(name +
                                 ": a Les Houches file holds the partons of each event but no jet "
                                 "constituents, so no regressor can be trained on it. Its truth-level "
                                 "c_W scan runs in batch: bithep-explorer --batch smeft --out DIR lhe=" +
                                 name);
    SmeftDataset data = SmeftDataset::readHdf5(path);  // throws naming the file
    if (data.size() < kMinEvents)
        throw std::runtime_error(name + ": " + std::to_string(data.size()) +
                                 " events; the explorer needs at least " + std::to_string(kMinEvents));
    for (std::size_t i = 0; i < data.size(); ++i)
        if (data.events[i].constituents.empty())
            throw std::runtime_error(name + ": event " + std::to_string(i) +
                                     " has no jet constituents (a truth-only file cannot train a regressor)");
    return useDataset(std::move(data), name);
}

void SmeftSession::saveDataset(const std::filesystem::path& path) const {
    if (!hasDataset()) throw std::runtime_error("SMEFT: there is no dataset to save");
    m_data.writeHdf5(path);
}

DatasetSummary SmeftSession::useDataset(SmeftDataset data, const std::string& origin) {
    // Generated events come in random order; a file made elsewhere may be sorted (e.g. by pT).
    std::vector<std::size_t> order(data.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (data.generatorConfig.empty())
        std::shuffle(order.begin(), order.end(), std::mt19937_64(data.seed + 1));
    const auto nTrain = static_cast<std::ptrdiff_t>(data.size() * 2 / 3);
    return useDataset(std::move(data), origin, std::vector<std::size_t>(order.begin(), order.begin() + nTrain),
                      std::vector<std::size_t>(order.begin() + nTrain, order.end()));
}

DatasetSummary SmeftSession::useDataset(SmeftDataset data, const std::string& origin,
                                        std::vector<std::size_t> train, std::vector<std::size_t> test) {
    for (const auto* part : {&train, &test}) requireIndicesBelow(*part, data.size(), "SMEFT", "event");
    m_train = std::move(train);
    m_test = std::move(test);
    m_data = std::move(data);
    m_origin = origin;
    m_reference.reset();  // other test events: the old reference compares nothing

    std::size_t ws = 0, constituents = 0;
    double ptV = 0, jetMass = 0;
    for (const auto& e : m_data.events) {
        ws += std::abs(e.boson) == 24;
        ptV += e.ptV, jetMass += e.jetMass;
        constituents += e.constituents.size();
    }
    const double n = double(m_data.size());
    DatasetSummary s;
    s.source = m_origin;
    s.samples = m_data.size();
    s.facts = {
        {"Events", std::to_string(m_data.size())},
        {"Training / test events", std::to_string(m_train.size()) + " / " + std::to_string(m_test.size())},
        {"W± / Z", fixed(100.0 * double(ws) / n, " %") + " / " + fixed(100.0 * (1.0 - double(ws) / n), " %")},
        {"Mean pT_V", fixed(ptV / n, " GeV", 0)},
        {"Mean jet mass", fixed(jetMass / n, " GeV")},
        {"Mean constituents", fixed(double(constituents) / n, "")},
        {"Fiducial σ_SM", fixed(m_data.fiducialSigmaFb(), " fb", 2)},
        {"SM events at 300 fb⁻¹", fixed(m_data.fiducialSigmaFb() * kDefaultLuminosityFb, "", 0)}};
    if (m_data.attempts > 0)
        s.facts.emplace_back("Acceptance",
                             fixed(100.0 * double(m_data.size()) / double(m_data.attempts), " %"));
    return s;
}

void SmeftSession::buildModel(const std::string& name, std::uint64_t seed) {
    buildModel(SmeftModelConfig::fromPreset(name), seed, name);  // fromPreset names the known ones
}

void SmeftSession::buildModel(const SmeftModelConfig& config, std::uint64_t seed, const std::string& name) {
    auto model = std::make_unique<SmeftModel>(config, seed);
    // An untrained model evaluated right away should see standardised inputs too.
    if (hasDataset()) {
        const std::size_t n = std::min<std::size_t>(1000, m_train.size());
        model->fitInputScaling(
            buildSmeftBatch(m_data, std::span(m_train.data(), n), model->config().maxParticles));
    }
    m_model = std::move(model);
    m_modelName = name;
}

std::string SmeftSession::modelConfigJson() const {
    return m_model ? m_model->config().toJson() : std::string();
}

tensor::Index SmeftSession::rowsPerSample() const {
    return static_cast<tensor::Index>(m_model ? m_model->config().maxParticles
                                              : SmeftModelConfig{}.maxParticles);
}

train::TrainSettings SmeftSession::defaultTraining(const std::string& model) const {
    train::TrainSettings s = SmeftTrainSettings();  // the batch run's AdamW / one-cycle settings
    // Epochs sized for an interactive wait on the default 10 000 events, one loaded core: small
    // 12 (6 s), medium 8 (25 s), large 4 (100 s). Any other name (the model selector passes ""
    // while it is refilled) gets the small model's.
    s.epochs = model == "large" ? 4 : model == "medium" ? 8 : s.epochs;
    return s;
}

train::TrainResult SmeftSession::train(const train::TrainSettings& settings,
                                       const train::TrainCallbacks& callbacks) {
    if (!hasDataset()) throw std::runtime_error("SMEFT: generate or open a dataset before training");
    if (!m_model) throw std::runtime_error("SMEFT: build a model before training");
    const SmeftTrainSettings s(settings);
    train::TrainCallbacks cb = callbacks;
    cb.epochMetric = [this](const std::vector<tensor::Index>& validation) {
        std::vector<std::size_t> events(validation.size());
        for (std::size_t i = 0; i < validation.size(); ++i) events[i] = m_train[std::size_t(validation[i])];
        return absResidual68Degrees(
            regressionQuality(predictSmeft(*m_model, m_data, events), truthOf(m_data, events)).residuals);
    };
    const auto t0 = std::chrono::steady_clock::now();
    train::TrainResult result = train::fitKeepingGoodWeights(
        *m_model, [&] { return trainSmeftModel(*m_model, m_data, m_train, s, cb); });
    m_trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

bool SmeftSession::everyLayerFp32() const {
    nn::ModelListing listing;
    m_model->describe("", 1, listing);
    return std::all_of(listing.layers.begin(), listing.layers.end(), [](const nn::LayerInfo& l) {
        return l.precision == quant::Precision::Fp32 && l.activationBits == quant::ActivationBits::Fp32;
    });
}

nlohmann::json SmeftSession::regressionMetrics(const RegressionQuality& q, bool isReference) const {
    std::vector<double> naive(m_test.size());
    for (std::size_t i = 0; i < m_test.size(); ++i) naive[i] = naiveDecayPlane(m_data.events[m_test[i]]);
    nlohmann::json m{{"mean_sin2", q.meanSin2},
                     {"residual_std", q.residualStd},
                     {"abs_residual68_deg", absResidual68Degrees(q.residuals)},
                     {"naive_mean_sin2", regressionQuality(naive, truthOf(m_data, m_test)).meanSin2},
                     {"test_events", m_test.size()},
                     {"train_seconds", m_trainSeconds},
                     {"is_fp32_reference", isReference},
                     {"has_fp32_reference", m_reference.has_value()}};
    if (m_reference) {
        const ResidualDistance d = residualDistance(*m_reference, q);
        m["reference_model"] = m_referenceModel;
        m["separation_power_vs_fp32"] = d.separationPower;
        m["wasserstein1_vs_fp32"] = d.wasserstein1;
    }
    return m;
}

std::vector<double> SmeftSession::predictHeldOut(KernelScoring& kernels) {
    if (!hasDataset() || !m_model) throw std::runtime_error("SMEFT: nothing to evaluate yet");
    return scoreOnKernels(*m_model, [&] { return predictSmeft(*m_model, m_data, m_test); }, kernels);
}

SessionEvaluation SmeftSession::evaluate(const BatchProgress& progress) {
    if (!hasDataset() || !m_model) throw std::runtime_error("SMEFT: nothing to evaluate yet");
    if (progress.log) progress.log("Evaluating on " + std::to_string(m_test.size()) + " held-out events...");
    const std::vector<double> truth = truthOf(m_data, m_test);
    KernelScoring kernels;
    const std::vector<double> phi = predictHeldOut(kernels);
    const RegressionQuality q = regressionQuality(phi, truth);
    const bool isReference = everyLayerFp32();
    if (isReference) m_reference = q, m_referenceModel = m_modelName;

    SmeftEvaluationState st;
    st.model = m_modelName;
    st.binning = EftScanSettings{}.binning;
    st.gridPoints = EftScanSettings{}.gridPoints;
    st.truth = binEftWeights(m_data, m_test, {}, st.binning);
    st.network = binEftWeights(m_data, m_test, phi, st.binning);
    st.residuals = q.residualHistogram;
    if (m_reference) {
        st.referenceResiduals = m_reference->residualHistogram;
        st.referenceLabel = "fp32 reference (" + m_referenceModel + ")";
    }
    for (double f : truthVersusPrediction(phi, truth).values)
        st.mapCounts.push_back(std::round(f * double(phi.size())));
    st.metrics = regressionMetrics(q, isReference);
    st.metrics.update(kernels.toJson());
    return st.evaluation(m_luminosityFb, m_cTrue);
}

std::vector<ResultControl> SmeftSession::resultControls() const {
    ResultControl lumi;
    lumi.id = "luminosity";
    lumi.label = "Luminosity [fb⁻¹]";
    lumi.tooltip =
        "Integrated luminosity of the Asimov pseudo-data (expected event counts, no fluctuation). "
        "−2Δln L(c_W) = 2 Σ_bins [μ(c) − n + n ln(n/μ(c))] compares the expected events per "
        "(decay-plane angle × jet pT) bin at c_W with the data; it crosses 1 at the 68 % and 3.84 at "
        "the 95 % interval. The curve grows in proportion to the luminosity, so intervals shrink "
        "as 1/√L. 300 fb⁻¹ is LHC Run 2+3, 3000 fb⁻¹ the HL-LHC.";
    lumi.minimum = kLuminosityMin, lumi.maximum = kLuminosityMax, lumi.value = m_luminosityFb;
    lumi.logarithmic = true;
    ResultControl c;
    c.id = "c_true";
    c.label = "True c_W";
    c.tooltip =
        "Wilson coefficient c_W (Λ = 1 TeV) the Asimov data are made with; the scan is centred on "
        "it. 0 is the Standard Model; away from 0 the quadratic (O_W²) term makes the curve "
        "asymmetric and the interference-only (dashed) fit biased.";
    c.minimum = -kCTrueMax, c.maximum = kCTrueMax, c.value = m_cTrue;
    return {lumi, c};
}

void SmeftSession::setControl(const std::string& id, double value) {
    if (!std::isfinite(value))
        throw std::invalid_argument("SMEFT control '" + id + "': the value is not finite");
    if (id == "luminosity")
        m_luminosityFb = std::clamp(value, kLuminosityMin, kLuminosityMax);
    else if (id == "c_true")
        m_cTrue = std::clamp(value, -kCTrueMax, kCTrueMax);
    else
        throw std::invalid_argument("SMEFT has no result control '" + id + "' (known: luminosity, c_true)");
}

SessionEvaluation SmeftSession::redraw(const nlohmann::json& state) const {
    return SmeftEvaluationState::fromJson(state).evaluation(m_luminosityFb, m_cTrue);
}

}  // namespace bithep::tasks::smeft
