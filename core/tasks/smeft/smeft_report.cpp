#include "core/tasks/smeft/smeft_report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace bithep::tasks::smeft {

namespace {

std::string key(const std::string& label) {
    std::string s;
    for (char ch : label)
        s += std::isalnum(static_cast<unsigned char>(ch)) ? static_cast<char>(std::tolower(ch)) : '_';
    return s;
}

double share(const nlohmann::json& cost, const char* name) {
    return cost.is_object() ? cost.value(name, 0.0) : 0.0;
}

metrics::CsvTable regressionTable(const std::vector<SmeftEstimatorResult>& results) {
    metrics::CsvTable t({"estimator", "plan", "seed", "mean_sin2", "residual_std", "separation_power_vs_fp32",
                         "wasserstein1_vs_fp32", "quantized_parameter_share", "quantized_mac_share",
                         "energy_ratio_vs_fp32", "train_seconds", "kernel_layers", "kernel_max_difference"});
    for (const auto& r : results)
        t.addRow({r.label, r.plan, r.seed, r.quality.meanSin2, r.quality.residualStd,
                  r.vsReference.separationPower, r.vsReference.wasserstein1,
                  share(r.cost, "quantized_parameter_share"), share(r.cost, "quantized_mac_share"),
                  r.cost.is_object() ? r.cost.value("energy_ratio_vs_fp32", 1.0) : 1.0, r.trainSeconds,
                  r.kernels.kernelLayers, r.kernels.maxDifference});
    return t;
}

metrics::CsvTable intervalTable(const std::vector<EftEstimatorScan>& scans) {
    metrics::CsvTable t({"estimator", "model", "best_c", "low68", "high68", "low95", "high95", "width68",
                         "width95", "fisher_information_c0"});
    for (const auto& s : scans) {
        for (const auto* r : {&s.linear, &s.quadratic}) {
            const bool quad = r == &s.quadratic;
            auto bound = [](const std::vector<metrics::ConfidenceInterval>& iv,
                            bool low) -> metrics::CsvCell {
                if (iv.empty()) return "";
                return low ? iv.front().low : iv.back().high;
            };
            double w68 = 0.0, w95 = 0.0;
            for (const auto& i : r->at68) w68 += i.high - i.low;
            for (const auto& i : r->at95) w95 += i.high - i.low;
            t.addRow({s.label, quad ? "linear+quadratic" : "linear", r->bestC, bound(r->at68, true),
                      bound(r->at68, false), bound(r->at95, true), bound(r->at95, false), w68, w95,
                      s.fisherInformation});
        }
    }
    return t;
}

metrics::CsvTable curveTable(const std::vector<EftEstimatorScan>& scans) {
    std::vector<std::string> header{"c"};
    for (const auto& s : scans) {
        header.push_back(key(s.label) + "_linear");
        header.push_back(key(s.label) + "_quadratic");
    }
    metrics::CsvTable t(header);
    for (std::size_t i = 0; i < scans.front().quadratic.c.size(); ++i) {
        std::vector<metrics::CsvCell> row{scans.front().quadratic.c[i]};
        for (const auto& s : scans) {
            row.emplace_back(s.linear.deltaMinus2LogL[i]);
            row.emplace_back(s.quadratic.deltaMinus2LogL[i]);
        }
        t.addRow(std::move(row));
    }
    return t;
}

FigureData scanFigure(const std::vector<EftEstimatorScan>& scans, const std::vector<std::string>& shown) {
    LineFigure f;
    f.xLabel = "c_W (Λ = 1 TeV)";
    f.yLabel = "−2Δln L";
    f.levels = {{"68 %", metrics::kLevel68}, {"95 %", metrics::kLevel95}};
    constexpr double kClip = 12.0;  // beyond the 95 % line the curves only compress the plot
    for (const auto& s : scans) {
        if (std::find(shown.begin(), shown.end(), s.label) == shown.end()) continue;
        for (const auto* r : {&s.quadratic, &s.linear}) {
            LineFigure::Entry e;
            e.label = s.label + (r == &s.linear ? " (lin.)" : "");
            e.dashed = r == &s.linear;
            for (std::size_t i = 0; i < r->c.size(); ++i) {
                if (!(r->deltaMinus2LogL[i] <= kClip)) continue;
                e.x.push_back(r->c[i]);
                e.y.push_back(r->deltaMinus2LogL[i]);
            }
            f.lines.push_back(std::move(e));
        }
    }
    return {"likelihood_scan", "−2Δln L(c_W), Asimov data (dashed: interference only)", f};
}

FigureData residualFigure(const std::vector<SmeftEstimatorResult>& results) {
    HistogramFigure f;
    f.xLabel = "φ_pred − φ_true, wrapped to (−π/2, π/2] [rad]";
    for (std::size_t i = 0; i < results.size(); ++i)
        f.histograms.push_back({results[i].label, results[i].quality.residualHistogram, i == 0});
    f.logY = true;
    return {"residuals", "Decay-plane residuals on held-out events", f};
}

std::string summaryText(const std::vector<SmeftEstimatorResult>& results,
                        const std::vector<EftEstimatorScan>& scans) {
    std::string s = "estimator        mean sin²  SP vs fp32  W1 vs fp32  quantized params / MACs\n";
    char line[200];
    for (const auto& r : results) {
        std::snprintf(line, sizeof line, "%-16s %9.4f  %10.5f  %10.5f  %5.1f %% / %5.1f %%\n",
                      r.label.c_str(), r.quality.meanSin2, r.vsReference.separationPower,
                      r.vsReference.wasserstein1, 100.0 * share(r.cost, "quantized_parameter_share"),
                      100.0 * share(r.cost, "quantized_mac_share"));
        s += line;
    }
    s += "\nc_W intervals (linear+quadratic, Asimov): 68 % width, 95 % width, width / truth\n";
    const double truthWidth = scans.front().width68();
    for (const auto& sc : scans) {
        std::snprintf(line, sizeof line, "%-16s %8.4f  %8.4f  %6.3f\n", sc.label.c_str(), sc.width68(),
                      sc.width95(), truthWidth > 0 ? sc.width68() / truthWidth : 0.0);
        s += line;
    }
    return s;
}

}  // namespace

void addSmeftReport(const std::vector<SmeftEstimatorResult>& results,
                    const std::vector<EftEstimatorScan>& scans, const std::vector<double>& truthPhi,
                    BatchOutput& out) {
    if (results.size() < 2 || scans.size() < 2)
        throw std::invalid_argument(
            "addSmeftReport: needs the fp32 reference, its second seed and the scans");
    out.tables.insert_or_assign("regression", regressionTable(results));
    out.tables.insert_or_assign("residuals_fp32", results.front().quality.residualHistogram.toCsv());
    for (const auto& r : results) {
        nlohmann::json m{{"plan", r.plan},
                         {"seed", r.seed},
                         {"mean_sin2", r.quality.meanSin2},
                         {"residual_std", r.quality.residualStd},
                         {"separation_power_vs_fp32", r.vsReference.separationPower},
                         {"wasserstein1_vs_fp32", r.vsReference.wasserstein1},
                         {"train_seconds", r.trainSeconds}};
        if (r.cost.is_object()) m["cost"] = r.cost;
        if (!r.plan.empty()) m.update(r.kernels.toJson());
        out.metrics["estimators"][r.label] = m;
        if (!r.plan.empty())
            out.figures.push_back({"truth_vs_predicted_" + key(r.label), "True vs predicted φ: " + r.label,
                                   truthVersusPrediction(r.phi, truthPhi)});
    }
    out.metrics["noise_floor"] = {{"separation_power", results[1].vsReference.separationPower},
                                  {"wasserstein1", results[1].vsReference.wasserstein1}};
    out.figures.push_back(residualFigure(results));
    // The figure shows truth, rate and the trained plans; the second seed and the network-free
    // estimate are in the tables (they overlap the reference and would crowd the legend).
    std::vector<std::string> shown{scans[0].label, scans[1].label};
    for (const auto& r : results)
        if (!r.plan.empty() && &r != &results[1]) shown.push_back(r.label);
    addScanOutputs(scans, shown, out);
    out.summary = summaryText(results, scans);
}

void addScanOutputs(const std::vector<EftEstimatorScan>& scans, const std::vector<std::string>& shown,
                    BatchOutput& out) {
    if (scans.empty()) throw std::invalid_argument("addScanOutputs: no scans");
    out.tables.insert_or_assign("intervals", intervalTable(scans));
    out.tables.insert_or_assign("likelihood_scans", curveTable(scans));
    for (const auto& s : scans) out.metrics["scans"][s.label] = s.toJson();
    out.figures.push_back(scanFigure(scans, shown));
}

}  // namespace bithep::tasks::smeft
