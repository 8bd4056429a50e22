#pragma once
// Figures as data. A task describes what to draw (ROC curves, histograms, lines with reference
// levels, 2-D maps) without knowing about Qt; the app renders the same description on screen
// and offscreen for the batch CLI, so a figure in a paper and in the window are the same code.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/metrics/histogram_1d.h"
#include "core/metrics/roc_curve.h"

namespace bithep::tasks {

struct RocFigure {
    struct Entry {
        std::string label;
        metrics::RocCurve curve;
    };
    std::vector<Entry> curves;
};

struct HistogramFigure {
    struct Entry {
        std::string label;
        metrics::Histogram1D histogram;
        bool filled = false;  // the reference distribution
    };
    std::vector<Entry> histograms;
    std::string xLabel, yLabel = "Normalised entries";
    bool normalised = true;
    bool logY = false;
};

struct LineFigure {
    struct Entry {
        std::string label;
        std::vector<double> x, y;
        bool dashed = false;
        bool markers = false;  // draw points (measurements) rather than a smooth curve
    };
    struct Level {  // horizontal reference line, e.g. −2ΔlnL = 1 (68 %) and 3.84 (95 %)
        std::string label;
        double y = 0;
    };
    std::vector<Entry> lines;
    std::vector<Level> levels;
    std::string xLabel, yLabel;
    bool logX = false, logY = false;
};

struct MapFigure {  // a 2-D density or per-cell quantity on a regular grid
    std::vector<double> xEdges, yEdges;
    std::vector<double> values;  // (yEdges-1) rows x (xEdges-1) columns, row-major
    std::string xLabel, yLabel, valueLabel;
    bool logValues = false;
    // Polar: x edges are angles α in radians (sectors, α = 0 pointing right, counter-clockwise),
    // y edges radii (rings, first edge ≥ 0); the cells are drawn as annular sectors of a disc.
    bool polar = false;
    // A second map on the same edges drawn beside the first on one colour scale (e.g. the
    // reference shower beside a generated one); empty for none. The captions name the panels.
    std::vector<double> besideValues{};
    std::string label{}, besideLabel{};  // {}: aggregate initialisers may stop before them
    // Names of the columns / rows (e.g. the classes of a confusion matrix) written at the cell
    // centres instead of numeric ticks; empty for numeric axes. Grid maps only.
    std::vector<std::string> xCategories{}, yCategories{};
};

struct BarFigure {  // grouped bars: one group per category, one bar per series
    struct Entry {
        std::string label;
        std::vector<double> values;  // one per category
    };
    std::vector<std::string> categories;
    std::vector<Entry> series;
    std::string yLabel;
    bool logY = false;
};

struct FigureData {
    std::string id;  // file stem: "roc", "score_histograms" ...
    std::string title;
    using Content = std::variant<RocFigure, HistogramFigure, LineFigure, MapFigure, BarFigure>;
    Content content;
};

}  // namespace bithep::tasks
