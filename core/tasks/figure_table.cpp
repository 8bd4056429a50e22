#include "core/tasks/figure_table.h"

#include <limits>

namespace bithep::tasks {

namespace {

metrics::CsvTable rocTable(const RocFigure& f) {
    metrics::CsvTable t({"series", "signal_efficiency", "background_efficiency", "rejection", "threshold"});
    for (const auto& c : f.curves) {
        for (const auto& p : c.curve.downsampled(2000)) {
            const double rejection = p.backgroundEfficiency > 0 ? 1.0 / p.backgroundEfficiency
                                                                : std::numeric_limits<double>::infinity();
            t.addRow({c.label, p.signalEfficiency, p.backgroundEfficiency, rejection, p.threshold});
        }
    }
    return t;
}

metrics::CsvTable histogramTable(const HistogramFigure& f) {
    metrics::CsvTable t({"series", "bin_low", "bin_high", "content", "normalised"});
    for (const auto& h : f.histograms) {
        const auto& e = h.histogram.edges();
        const auto& c = h.histogram.contents();
        double area = 0;
        for (std::size_t i = 0; i < c.size(); ++i) area += c[i] * (e[i + 1] - e[i]);
        for (std::size_t i = 0; i < c.size(); ++i)
            t.addRow({h.label, e[i], e[i + 1], c[i], area > 0 ? c[i] / area : 0.0});
    }
    return t;
}

metrics::CsvTable lineTable(const LineFigure& f) {
    metrics::CsvTable t({"series", "x", "y"});
    for (const auto& l : f.lines)
        for (std::size_t i = 0; i < l.x.size() && i < l.y.size(); ++i) t.addRow({l.label, l.x[i], l.y[i]});
    for (const auto& level : f.levels) t.addRow({"level: " + level.label, std::numeric_limits<double>::quiet_NaN(), level.y});
    return t;
}

// One row per cell; polar maps name their columns by angle and radius, and a map with a second
// map beside it gets one value column per panel, named by the panel captions.
metrics::CsvTable mapTable(const MapFigure& f) {
    std::vector<std::string> header =
        f.polar ? std::vector<std::string>{"alpha_low", "alpha_high", "r_low", "r_high"}
                : std::vector<std::string>{"x_low", "x_high", "y_low", "y_high"};
    const bool beside = !f.besideValues.empty();
    header.push_back(beside && !f.label.empty() ? f.label : "value");
    if (beside)
        header.push_back(f.besideLabel.empty() || f.besideLabel == header.back() ? "beside_value"
                                                                                 : f.besideLabel);
    metrics::CsvTable t(header);
    const std::size_t nx = f.xEdges.size() > 1 ? f.xEdges.size() - 1 : 0;
    for (std::size_t iy = 0; iy + 1 < f.yEdges.size(); ++iy)
        for (std::size_t ix = 0; ix < nx && iy * nx + ix < f.values.size(); ++ix) {
            const std::size_t k = iy * nx + ix;
            std::vector<metrics::CsvCell> row{f.xEdges[ix], f.xEdges[ix + 1], f.yEdges[iy], f.yEdges[iy + 1],
                                              f.values[k]};
            if (beside)
                row.emplace_back(k < f.besideValues.size() ? f.besideValues[k]
                                                           : std::numeric_limits<double>::quiet_NaN());
            t.addRow(std::move(row));
        }
    return t;
}

metrics::CsvTable barTable(const BarFigure& f) {
    metrics::CsvTable t({"category", "series", "value"});
    for (std::size_t c = 0; c < f.categories.size(); ++c)
        for (const auto& s : f.series)
            if (c < s.values.size()) t.addRow({f.categories[c], s.label, s.values[c]});
    return t;
}

}  // namespace

metrics::CsvTable figureTable(const FigureData& figure) {
    return std::visit(
        [](const auto& content) {
            using T = std::decay_t<decltype(content)>;
            if constexpr (std::is_same_v<T, RocFigure>) return rocTable(content);
            else if constexpr (std::is_same_v<T, HistogramFigure>) return histogramTable(content);
            else if constexpr (std::is_same_v<T, LineFigure>) return lineTable(content);
            else if constexpr (std::is_same_v<T, MapFigure>) return mapTable(content);
            else return barTable(content);
        },
        figure.content);
}

}  // namespace bithep::tasks
