#include "core/tasks/smeft/smeft_evaluation_state.h"

#include "core/io/json_fields.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/tasks/smeft/regression_quality.h"
#include "core/tasks/smeft/smeft_report.h"

namespace bithep::tasks::smeft {

namespace {

using nlohmann::json;

const char* const kTruth = "truth φ";  // the labels EftScanAnalysis gives, so tables agree
const char* const kRate = "rate only";
const char* const kNetwork = "network";

json weightsToJson(const EftBinnedWeights& w) {
    return {{"s0", w.s0}, {"s1", w.s1}, {"s2", w.s2}};
}

EftBinnedWeights weightsFromJson(const json& j, std::size_t bins, const char* what) {
    EftBinnedWeights w{j.at("s0").get<std::vector<double>>(), j.at("s1").get<std::vector<double>>(),
                       j.at("s2").get<std::vector<double>>()};
    for (const auto* s : {&w.s0, &w.s1, &w.s2})
        if (s->size() != bins)
            throw std::invalid_argument(std::string(what) + " weights have " + std::to_string(s->size()) +
                                        " bins, the binning " + std::to_string(bins));
    return w;
}

// The histogram without its edges (they are uniform), which would triple its size.
json histogramToJson(const metrics::Histogram1D& h) {
    json j = h.toJson();
    j.erase("edges");
    j["bins"] = h.binCount(), j["low"] = h.edges().front(), j["high"] = h.edges().back();
    return j;
}

metrics::Histogram1D histogramFromJson(json j) {
    // A saved residual histogram has ~100 bins; the bound keeps a hostile file from allocating.
    j["edges"] = metrics::Histogram1D::uniform(io::jsonInteger<std::size_t>(j.at("bins"), 1, 100000, "histogram bins"),
                                               io::jsonNumber(j.at("low"), "histogram low edge"),
                                               io::jsonNumber(j.at("high"), "histogram high edge"))
                     .edges();
    return metrics::Histogram1D::fromJson(j);
}

void addScanMetrics(const std::string& prefix, const EftEstimatorScan& s, json& m) {
    auto range = [](const std::vector<metrics::ConfidenceInterval>& iv) {
        return iv.empty() ? json(nullptr) : json::array({iv.front().low, iv.back().high});
    };
    // An open end is the grid edge, not a crossing (the rate alone hardly constrains c_W).
    auto open = [](const std::vector<metrics::ConfidenceInterval>& iv) {
        return std::any_of(iv.begin(), iv.end(), [](const auto& i) { return i.lowOpen || i.highOpen; });
    };
    m[prefix + "_interval68"] = range(s.quadratic.at68);
    m[prefix + "_interval95"] = range(s.quadratic.at95);
    m[prefix + "_interval68_open"] = open(s.quadratic.at68);
    m[prefix + "_interval95_open"] = open(s.quadratic.at95);
    m[prefix + "_width68"] = s.width68();
    m[prefix + "_width95"] = s.width95();
    double linear68 = 0.0;
    for (const auto& i : s.linear.at68) linear68 += i.high - i.low;
    m[prefix + "_width68_linear"] = linear68;
    m[prefix + "_best_c"] = s.quadratic.bestC;
    m[prefix + "_fisher_information"] = s.fisherInformation;
}

FigureData residualFigure(const SmeftEvaluationState& st) {
    HistogramFigure f;
    f.xLabel = "φ_pred − φ_true, wrapped to (−π/2, π/2] [rad]";
    f.logY = true;
    if (st.referenceResiduals) f.histograms.push_back({st.referenceLabel, *st.referenceResiduals, true});
    f.histograms.push_back({kNetwork, st.residuals, false});
    return {"residuals", "Decay-plane residuals on held-out events", f};
}

FigureData mapFigure(const SmeftEvaluationState& st) {
    // One dummy event gives the map's edges and labels exactly as regressionQuality draws them.
    MapFigure map = truthVersusPrediction(std::vector<double>{0.0}, std::vector<double>{0.0});
    double total = 0.0;
    for (double c : st.mapCounts) total += c;
    for (std::size_t i = 0; i < map.values.size(); ++i)
        map.values[i] = total > 0 ? st.mapCounts[i] / total : 0.0;
    return {"truth_vs_predicted", "True vs predicted φ: " + st.model + " network", map};
}

}  // namespace

EftBinnedWeights binEftWeights(const SmeftDataset& data, const std::vector<std::size_t>& events,
                               std::span<const double> phi, const EftBinning& binning) {
    binning.validate();
    if (events.empty()) throw std::invalid_argument("EFT binning: no events");
    if (!phi.empty() && phi.size() != events.size())
        throw std::invalid_argument("EFT binning: " + std::to_string(phi.size()) + " angles for " +
                                    std::to_string(events.size()) + " events");
    double sub = 0.0;
    for (std::size_t e : events) {
        if (e >= data.size())
            throw std::invalid_argument("EFT binning: event " + std::to_string(e) + " outside the dataset");
        sub += data.events[e].w0;
    }
    if (!(sub > 0.0)) throw std::invalid_argument("EFT binning: the events carry no SM weight");
    const double scale = data.fiducialSigmaFb() / sub;  // as EftScanAnalysis: the sample stands for σ_fid
    EftBinnedWeights w;
    w.s0.assign(binning.binCount(), 0.0), w.s1 = w.s0, w.s2 = w.s0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const SmeftEvent& e = data.events[events[i]];
        const int b = binning.bin(phi.empty() ? e.phi : phi[i], e.jetPt);
        if (b < 0) continue;
        w.s0[std::size_t(b)] += scale * e.w0, w.s1[std::size_t(b)] += scale * e.w1,
            w.s2[std::size_t(b)] += scale * e.w2;
    }
    return w;
}

json SmeftEvaluationState::toJson() const {
    return {
        {"format", kFormat},
        {"model", model},
        {"phi_bins", binning.phiBins},
        {"pt_edges", binning.ptEdges},
        {"grid_points", gridPoints},
        {"truth", weightsToJson(truth)},
        {"network", weightsToJson(network)},
        {"residuals", histogramToJson(residuals)},
        {"reference_residuals", referenceResiduals ? histogramToJson(*referenceResiduals) : json(nullptr)},
        {"reference_label", referenceLabel},
        {"map_counts", std::vector<long long>(mapCounts.begin(), mapCounts.end())},
        {"metrics", metrics}};
}

SmeftEvaluationState SmeftEvaluationState::fromJson(const json& j) {
    if (!j.is_object() || j.value("format", std::string()) != kFormat)
        throw std::invalid_argument(std::string("not a SMEFT evaluation state (expected format '") + kFormat +
                                    "')");
    try {
        SmeftEvaluationState st;
        st.model = j.at("model").get<std::string>();
        st.binning.phiBins = io::jsonInteger<std::size_t>(j.at("phi_bins"), 1, 10000, "phi_bins");
        st.binning.ptEdges = j.at("pt_edges").get<std::vector<double>>();
        st.binning.validate();
        st.gridPoints = io::jsonInteger<std::size_t>(j.at("grid_points"), 3, 100000, "grid_points");
        st.truth = weightsFromJson(j.at("truth"), st.binning.binCount(), "truth");
        st.network = weightsFromJson(j.at("network"), st.binning.binCount(), "network");
        st.residuals = histogramFromJson(j.at("residuals"));
        if (!j.at("reference_residuals").is_null())
            st.referenceResiduals = histogramFromJson(j.at("reference_residuals"));
        st.referenceLabel = j.at("reference_label").get<std::string>();
        st.mapCounts = j.at("map_counts").get<std::vector<double>>();
        if (st.mapCounts.size() != kMapBins * kMapBins)
            throw std::invalid_argument("map_counts must have " + std::to_string(kMapBins * kMapBins) +
                                        " cells");
        st.metrics = j.at("metrics");
        if (!st.metrics.is_object()) throw std::invalid_argument("metrics must be an object");
        return st;
    } catch (const json::exception& e) {
        throw std::invalid_argument(std::string("SMEFT evaluation state: ") + e.what());
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("SMEFT evaluation state: ") + e.what());
    }
}

std::vector<EftEstimatorScan> SmeftEvaluationState::scans(double luminosityFb, double cTrue) const {
    if (!(luminosityFb > 0.0) || !std::isfinite(luminosityFb) || !std::isfinite(cTrue))
        throw std::invalid_argument("SMEFT scan: the luminosity must be positive and c_W finite");
    using metrics::LikelihoodScan;
    const LikelihoodScan truthLin(truth.s0, truth.s1, truth.s2, luminosityFb, false);
    const LikelihoodScan truthQuad(truth.s0, truth.s1, truth.s2, luminosityFb, true);
    const LikelihoodScan netLin(network.s0, network.s1, network.s2, luminosityFb, false);
    const LikelihoodScan netQuad(network.s0, network.s1, network.s2, luminosityFb, true);
    // The grid of EftScanAnalysis with c_max = 0: five truth-level standard deviations.
    const double info = truthLin.fisherInformation(0.0);
    if (!(info > 0.0) || !std::isfinite(info))
        throw std::invalid_argument("SMEFT scan: the held-out events have no sensitivity to c_W");
    const double half = 5.0 / std::sqrt(info);
    std::vector<double> grid(gridPoints);
    for (std::size_t i = 0; i < grid.size(); ++i)
        grid[i] = cTrue - half + 2.0 * half * double(i) / double(grid.size() - 1);
    auto run = [&](const char* label, const LikelihoodScan& lin, const LikelihoodScan& quad) {
        EftEstimatorScan s;
        s.label = label;
        const auto data = quad.asimovData(cTrue);
        s.linear = lin.scan(grid, data);
        s.quadratic = quad.scan(grid, data);
        s.fisherInformation = quad.fisherInformation(0.0);
        return s;
    };
    return {run(kTruth, truthLin, truthQuad), run(kNetwork, netLin, netQuad),
            run(kRate, truthLin.rateOnly(), truthQuad.rateOnly())};
}

SessionEvaluation SmeftEvaluationState::evaluation(double luminosityFb, double cTrue) const {
    const std::vector<EftEstimatorScan> sc = scans(luminosityFb, cTrue);
    BatchOutput scanOut;
    addScanOutputs(sc, {kTruth, kNetwork, kRate}, scanOut);  // the batch report's −2Δln L figure

    SessionEvaluation r;
    r.metrics = metrics;
    addScanMetrics("truth", sc[0], r.metrics);
    addScanMetrics("network", sc[1], r.metrics);
    addScanMetrics("rate_only", sc[2], r.metrics);
    double sm = 0.0;
    for (double s : truth.s0) sm += luminosityFb * s;
    r.metrics["luminosity_fb"] = luminosityFb;
    r.metrics["c_true"] = cTrue;
    r.metrics["expected_sm_events"] = sm;
    const double ratio = sc[0].width68() > 0 ? sc[1].width68() / sc[0].width68() : NAN;
    r.metrics["width68_over_truth"] = ratio;
    r.metricName = "c_W 68 % width / truth";
    r.metric = ratio;
    r.figures = {scanOut.figures.back(), residualFigure(*this), mapFigure(*this)};
    r.state = toJson();
    return r;
}

}  // namespace bithep::tasks::smeft
