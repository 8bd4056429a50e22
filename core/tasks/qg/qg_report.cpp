#include "core/tasks/qg/qg_report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/metrics/calibration_curve.h"
#include "core/metrics/score_histograms.h"

namespace bithep::tasks::qg {

namespace {

constexpr std::size_t kRocPoints = 400;  // enough for a smooth curve on a log axis, small CSV

std::string tableKey(const std::string& label) {
    std::string s;
    for (char ch : label)
        s += std::isalnum(static_cast<unsigned char>(ch)) ? static_cast<char>(std::tolower(ch)) : '_';
    return s;
}

// Seed i's value of a per-run number that is not part of QgEvaluation (training time, kernel
// check); empty when the series did not record it (a checkpoint scored without training).
std::optional<double> runNumber(const QgSeries& s, const char* name, std::size_t i) {
    const auto& names = s.summary.metricNames();
    if (std::find(names.begin(), names.end(), name) == names.end()) return std::nullopt;
    return s.summary.values(name)[i];
}

metrics::CsvCell runValue(const QgSeries& s, const char* name, std::size_t i) {
    const std::optional<double> v = runNumber(s, name, i);
    return v ? metrics::CsvCell(*v) : metrics::CsvCell("");
}

metrics::CsvTable perSeedTable(const std::vector<QgSeries>& series, const QgEvaluation& cut) {
    metrics::CsvTable t({"model", "plan", "seed", "auc", "accuracy", "rejection_at_30", "rejection_at_50",
                         "brier", "train_seconds", "auc_minus_cut", "auc_minus_cut_error", "kernel_layers",
                         "kernel_max_difference"});
    for (const auto& s : series) {
        for (std::size_t i = 0; i < s.perSeed.size(); ++i) {
            const auto& e = s.perSeed[i];
            const metrics::CsvCell margin = e.vsCut ? metrics::CsvCell(e.vsCut->difference) : "";
            const metrics::CsvCell marginError = e.vsCut ? metrics::CsvCell(e.vsCut->differenceError) : "";
            t.addRow({s.label, s.plan, s.seeds[i], e.auc, e.accuracy, e.rejection30, e.rejection50, e.brier,
                      runValue(s, "train_seconds", i), margin, marginError, runValue(s, "kernel_layers", i),
                      runValue(s, "kernel_max_difference", i)});
        }
    }
    t.addRow({"multiplicity cut", "", 0, cut.auc, cut.accuracy, cut.rejection30, cut.rejection50, "", "", "", "",
              "", ""});
    return t;
}

metrics::CsvTable summaryTable(const std::vector<QgSeries>& series) {
    metrics::CsvTable t({"model", "plan", "metric", "n", "mean", "std"});
    for (const auto& s : series) {
        for (const auto& m : s.summary.summaries()) {
            t.addRow({s.label, s.plan, m.name, m.count, m.mean,
                      std::isnan(m.stdDev) ? metrics::CsvCell("") : m.stdDev});
        }
    }
    return t;
}

// Only series whose first seed was checked on the kernels (all of them unless cancelled).
std::vector<const QgSeries*> checkedSeries(const std::vector<QgSeries>& series) {
    std::vector<const QgSeries*> out;
    for (const auto& s : series) {
        if (s.kernelCheck) out.push_back(&s);
    }
    return out;
}

metrics::CsvTable inferenceTable(const std::vector<QgSeries>& series) {
    metrics::CsvTable t({"model", "plan", "fp32_jets_per_second", "kernel_jets_per_second", "speedup",
                         "kernel_layers", "kernel_path", "fp32_path", "threads", "kernel_auc",
                         "max_probability_difference", "load_average"});
    for (const QgSeries* s : checkedSeries(series)) {
        const QgKernelCheck& k = *s->kernelCheck;
        t.addRow({s->label, s->plan, k.fp32JetsPerSecond(), k.kernelJetsPerSecond(), k.timing.speedup(),
                  k.timing.kernelLayers, k.timing.kernelPath, k.timing.fp32Path, k.timing.threads, k.kernelAuc,
                  k.maxProbabilityDifference, k.timing.loadAverage});
    }
    return t;
}

std::string inferenceText(const std::vector<QgSeries>& series) {
    const auto checked = checkedSeries(series);
    if (checked.empty()) return {};
    const QgKernelCheck& first = *checked.front()->kernelCheck;
    char line[320];
    std::snprintf(line, sizeof line,
                  "\nTrained taggers, first seed, %zu test jets per batch, %d thread(s), kernels: %s, fp32: Eigen %s\n"
                  "%-30s %12s %12s %7s %7s %10s %10s\n",
                  first.timedJets, first.timing.threads, first.timing.kernelPath.c_str(), first.timing.fp32Path.c_str(),
                  "model / plan",
                  "fp32 jets/s", "plan jets/s", "ratio", "layers", "AUC plan", "max |dp|");
    std::string text = line;
    for (const QgSeries* s : checked) {
        const QgKernelCheck& k = *s->kernelCheck;
        std::snprintf(line, sizeof line, "%-30s %12.0f %12.0f %6.2fx %7d %10.4f %10.1e\n", s->label.c_str(),
                      k.fp32JetsPerSecond(), k.kernelJetsPerSecond(), k.timing.speedup(),
                      k.timing.kernelLayers, k.kernelAuc, k.maxProbabilityDifference);
        text += line;
    }
    text +=
        "(plan jets/s: ternary/binary layers on the packed integer kernels, the rest Eigen fp32; AUC plan: "
        "the held-out AUC scored that way)\n";
    for (const QgSeries* s : checked) {
        const cost::InferenceTiming& t = s->kernelCheck->timing;
        if (!t.machineBusy()) continue;
        text += "Note: " + t.busyNote() + "; time on an idle machine for figures to quote.\n";
        break;
    }
    return text;
}

FigureData histogramFigure(const QgSeries& s, const std::vector<int>& labels) {
    const auto h = metrics::makeScoreHistograms(std::span<const float>(s.firstScores), labels, 40, 0.0, 1.0);
    HistogramFigure f;
    f.xLabel = "Quark probability (" + s.label + ")";
    f.histograms = {{"gluon jets", h.background, true}, {"quark jets", h.signal, false}};
    return {"score_histograms_" + tableKey(s.label), "Network output on held-out jets: " + s.label, f};
}

FigureData calibrationFigure(const std::vector<QgSeries>& series, const std::vector<int>& labels) {
    LineFigure f;
    f.xLabel = "Mean predicted quark probability";
    f.yLabel = "Observed quark fraction";
    f.lines.push_back({"perfect calibration", {0.0, 1.0}, {0.0, 1.0}, true, false});
    for (const auto& s : series) {
        const metrics::CalibrationCurve curve(std::span<const float>(s.firstScores), labels, 10);
        LineFigure::Entry e{s.label, {}, {}, false, true};
        for (const auto& b : curve.bins()) {
            e.x.push_back(b.meanPredicted);
            e.y.push_back(b.observedFraction);
        }
        f.lines.push_back(std::move(e));
    }
    return {"calibration", "Calibration on held-out jets (first seed)", f};
}

// The margin over the cut is the headline number, so it gets its statistical error: the
// spread over seeds says nothing about how the one test set fluctuates.
std::string marginText(const std::vector<QgSeries>& series) {
    std::string text;
    char line[320];
    for (const auto& s : series) {
        if (s.perSeed.empty() || !s.perSeed.front().vsCut) continue;
        const metrics::AucComparison& c = *s.perSeed.front().vsCut;
        std::snprintf(line, sizeof line, "%-30s %+.4f ± %.4f", s.label.c_str(), c.difference,
                      c.differenceError);
        text += line;
        if (s.perSeed.size() > 1) text += "   (" + s.summary.format("auc_minus_cut", 4) + " over seeds)";
        text += "\n";
    }
    if (text.empty()) return {};
    return "\nAUC above the multiplicity cut on the same test jets (first seed ± its statistical error, "
           "DeLong):\n" +
           text;
}

}  // namespace

std::string comparisonTable(const std::vector<QgSeries>& series, const QgEvaluation& cut) {
    std::string text;
    char line[320];
    std::snprintf(line, sizeof line, "%-30s %-17s %-17s %-13s %-13s %8s %8s\n", "model / plan", "AUC",
                  "accuracy", "1/eps_B@30%", "1/eps_B@50%", "q. MACs", "energy");
    text += line;
    for (const auto& s : series) {
        const auto fmt = [&s](const char* m, int d) { return s.summary.format(m, d); };
        const double macShare = s.cost.value("quantized_mac_share", 0.0);
        const double ratio = s.cost.value("energy_ratio_vs_fp32", 1.0);
        std::snprintf(line, sizeof line, "%-30s %-17s %-17s %-13s %-13s %7.0f%% %7.2fx\n", s.label.c_str(),
                      fmt("auc", 4).c_str(), fmt("accuracy", 4).c_str(), fmt("rejection_at_30", 1).c_str(),
                      fmt("rejection_at_50", 1).c_str(), 100.0 * macShare, ratio);
        text += line;
    }
    std::snprintf(line, sizeof line, "%-30s %-17.4f %-17.4f %-13.1f %-13.1f\n", "multiplicity cut", cut.auc,
                  cut.accuracy, cut.rejection30, cut.rejection50);
    text += line;
    text +=
        "(mean ± std over seeds; q. MACs = share of MACs in quantized layers; energy = fp32 energy / plan "
        "energy, "
        "Horowitz 45 nm)\n";
    return text;
}

void addQgReport(const std::vector<QgSeries>& series, const QgEvaluation& cut, const std::vector<int>& labels,
                 BatchOutput& out) {
    RocFigure roc;
    for (const auto& s : series) {
        nlohmann::json perSeed = nlohmann::json::array();
        for (std::size_t i = 0; i < s.perSeed.size(); ++i) {
            nlohmann::json row{{"seed", s.seeds[i]}};
            for (const auto& [k, v] : s.perSeed[i].values()) row[k] = v;
            for (const char* name : {"kernel_layers", "kernel_max_difference"}) {
                if (const auto v = runNumber(s, name, i)) row[name] = *v;
            }
            perSeed.push_back(row);
        }
        out.metrics["models"][s.label] = {
            {"plan", s.plan}, {"per_seed", perSeed}, {"summary", s.summary.toJson()}, {"cost", s.cost}};
        if (s.kernelCheck) out.metrics["models"][s.label]["kernel_inference"] = s.kernelCheck->toJson();
        if (s.perSeed.empty()) continue;
        out.tables.emplace("roc_" + tableKey(s.label), s.perSeed.front().roc.toCsv(kRocPoints));
        roc.curves.push_back({s.label, s.perSeed.front().roc});
    }
    out.metrics["multiplicity_cut"] = {{"auc", cut.auc},
                                       {"accuracy", cut.accuracy},
                                       {"rejection_at_30", cut.rejection30},
                                       {"rejection_at_50", cut.rejection50}};
    out.tables.emplace("roc_multiplicity_cut", cut.roc.toCsv(kRocPoints));
    roc.curves.push_back({"Multiplicity cut", cut.roc});
    out.tables.emplace("metrics", perSeedTable(series, cut));
    out.tables.emplace("summary", summaryTable(series));
    if (!checkedSeries(series).empty()) out.tables.emplace("inference", inferenceTable(series));
    out.figures.push_back({"roc", "Quark/gluon tagging on held-out jets (first seed)", std::move(roc)});
    for (const auto& s : series) {
        if (!s.firstScores.empty()) out.figures.push_back(histogramFigure(s, labels));
    }
    std::vector<QgSeries> withScores;
    for (const auto& s : series) {
        if (!s.firstScores.empty()) withScores.push_back(s);
    }
    if (!withScores.empty()) out.figures.push_back(calibrationFigure(withScores, labels));
    out.summary += comparisonTable(series, cut);
    out.summary += marginText(series);
    out.summary += inferenceText(series);
}

}  // namespace bithep::tasks::qg
