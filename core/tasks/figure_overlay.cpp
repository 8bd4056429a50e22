#include "core/tasks/figure_overlay.h"

#include <algorithm>

namespace bithep::tasks {

namespace {

bool sameCurve(const metrics::RocCurve& a, const metrics::RocCurve& b) {
    return a.auc() == b.auc() && a.points().size() == b.points().size();
}

template <class Entry>
void mergeEntries(std::vector<Entry>& into, const std::vector<Entry>& add, const std::string& label,
                  const std::vector<std::string>& shared) {
    for (const Entry& e : add) {
        if (std::find(shared.begin(), shared.end(), e.label) != shared.end()) continue;
        Entry copy = e;
        copy.label = label + ": " + e.label;
        into.push_back(std::move(copy));
    }
}

// Labels whose series is the same in every run (references), to be drawn once.
template <class Entry, class Same>
std::vector<std::string> sharedLabels(const std::vector<const std::vector<Entry>*>& perRun, Same same) {
    std::vector<std::string> out;
    if (perRun.size() < 2) return out;
    for (const Entry& e : *perRun.front()) {
        const bool everywhere = std::all_of(perRun.begin() + 1, perRun.end(), [&](const std::vector<Entry>* entries) {
            return std::any_of(entries->begin(), entries->end(),
                               [&](const Entry& o) { return o.label == e.label && same(o, e); });
        });
        if (everywhere) out.push_back(e.label);
    }
    return out;
}

template <class Figure, class Entry, class Same>
void overlayKind(Figure& base, std::vector<Entry> Figure::*member, const std::vector<const Figure*>& all,
                 const std::vector<std::string>& labels, Same same) {
    std::vector<const std::vector<Entry>*> perRun;
    for (const Figure* f : all) perRun.push_back(&(f->*member));
    const std::vector<std::string> shared = sharedLabels<Entry>(perRun, same);
    std::vector<Entry> merged;
    for (const Entry& e : *perRun.front())
        if (std::find(shared.begin(), shared.end(), e.label) != shared.end()) merged.push_back(e);
    for (std::size_t r = 0; r < all.size(); ++r) mergeEntries(merged, *perRun[r], labels[r], shared);
    base.*member = std::move(merged);
}

bool sameMap(const MapFigure& a, const MapFigure& b) {
    return a.xEdges == b.xEdges && a.yEdges == b.yEdges && a.values == b.values &&
           a.besideValues == b.besideValues;
}

bool sameBars(const BarFigure& a, const BarFigure& b) {
    if (a.categories != b.categories || a.series.size() != b.series.size()) return false;
    for (std::size_t i = 0; i < a.series.size(); ++i)
        if (a.series[i].label != b.series[i].label || a.series[i].values != b.series[i].values) return false;
    return true;
}

// Maps and bar charts are not overlaid: the first run's is shown, and the title says whose
// unless every run has the same one (a reference, such as the average reference shower).
template <class Figure, class Same>
void keepFirst(FigureData& merged, const std::vector<const FigureData*>& same, const std::string& firstLabel,
               Same equal) {
    const Figure& first = std::get<Figure>(merged.content);
    const bool identical = std::all_of(same.begin(), same.end(), [&](const FigureData* f) {
        return equal(std::get<Figure>(f->content), first);
    });
    if (!identical) merged.title += " (" + firstLabel + " shown; not overlaid)";
}

}  // namespace

std::vector<FigureData> overlayFigures(const std::vector<LabelledFigures>& runs) {
    if (runs.empty()) return {};
    if (runs.size() == 1) return runs.front().figures;
    std::vector<FigureData> out;
    for (const FigureData& first : runs.front().figures) {
        std::vector<const FigureData*> same;
        std::vector<std::string> labels;
        for (const auto& run : runs) {
            const auto it = std::find_if(run.figures.begin(), run.figures.end(), [&](const FigureData& f) {
                return f.id == first.id && f.content.index() == first.content.index();
            });
            if (it == run.figures.end()) continue;
            same.push_back(&*it);
            labels.push_back(run.label);
        }
        FigureData merged = first;
        if (auto* roc = std::get_if<RocFigure>(&merged.content)) {
            std::vector<const RocFigure*> all;
            for (const auto* f : same) all.push_back(&std::get<RocFigure>(f->content));
            overlayKind(*roc, &RocFigure::curves, all, labels,
                        [](const RocFigure::Entry& a, const RocFigure::Entry& b) { return sameCurve(a.curve, b.curve); });
        } else if (auto* hist = std::get_if<HistogramFigure>(&merged.content)) {
            std::vector<const HistogramFigure*> all;
            for (const auto* f : same) all.push_back(&std::get<HistogramFigure>(f->content));
            overlayKind(*hist, &HistogramFigure::histograms, all, labels,
                        [](const HistogramFigure::Entry& a, const HistogramFigure::Entry& b) {
                            return a.histogram.contents() == b.histogram.contents() &&
                                   a.histogram.edges() == b.histogram.edges();
                        });
        } else if (auto* line = std::get_if<LineFigure>(&merged.content)) {
            std::vector<const LineFigure*> all;
            for (const auto* f : same) all.push_back(&std::get<LineFigure>(f->content));
            overlayKind(*line, &LineFigure::lines, all, labels,
                        [](const LineFigure::Entry& a, const LineFigure::Entry& b) { return a.x == b.x && a.y == b.y; });
        }
        if (std::holds_alternative<MapFigure>(merged.content)) {
            if (same.size() > 1) keepFirst<MapFigure>(merged, same, labels.front(), sameMap);
        } else if (std::holds_alternative<BarFigure>(merged.content)) {
            if (same.size() > 1) keepFirst<BarFigure>(merged, same, labels.front(), sameBars);
        } else if (same.size() > 1) {
            merged.title += " (" + std::to_string(same.size()) + " runs)";
        }
        out.push_back(std::move(merged));
    }
    return out;
}

}  // namespace bithep::tasks
