#include "core/tasks/figure_json.h"

#include <stdexcept>

namespace bithep::tasks {

namespace {

using nlohmann::json;

json content(const RocFigure& f) {
    json curves = json::array();
    for (const auto& c : f.curves) curves.push_back({{"label", c.label}, {"curve", c.curve.toJson(0)}});
    return {{"kind", "roc"}, {"curves", curves}};
}

json content(const HistogramFigure& f) {
    json hists = json::array();
    for (const auto& h : f.histograms)
        hists.push_back({{"label", h.label}, {"filled", h.filled}, {"histogram", h.histogram.toJson()}});
    return {{"kind", "histogram"}, {"histograms", hists},        {"x_label", f.xLabel},
            {"y_label", f.yLabel}, {"normalised", f.normalised}, {"log_y", f.logY}};
}

json content(const LineFigure& f) {
    json lines = json::array(), levels = json::array();
    for (const auto& l : f.lines)
        lines.push_back(
            {{"label", l.label}, {"x", l.x}, {"y", l.y}, {"dashed", l.dashed}, {"markers", l.markers}});
    for (const auto& l : f.levels) levels.push_back({{"label", l.label}, {"y", l.y}});
    return {{"kind", "line"},      {"lines", lines},  {"levels", levels}, {"x_label", f.xLabel},
            {"y_label", f.yLabel}, {"log_x", f.logX}, {"log_y", f.logY}};
}

json content(const MapFigure& f) {
    json j = {{"kind", "map"},
              {"x_edges", f.xEdges},
              {"y_edges", f.yEdges},
              {"values", f.values},
              {"x_label", f.xLabel},
              {"y_label", f.yLabel},
              {"value_label", f.valueLabel},
              {"log_values", f.logValues},
              {"polar", f.polar}};
    if (!f.besideValues.empty())
        j.update({{"beside_values", f.besideValues}, {"label", f.label}, {"beside_label", f.besideLabel}});
    if (!f.xCategories.empty() || !f.yCategories.empty())
        j.update({{"x_categories", f.xCategories}, {"y_categories", f.yCategories}});
    return j;
}

json content(const BarFigure& f) {
    json series = json::array();
    for (const auto& s : f.series) series.push_back({{"label", s.label}, {"values", s.values}});
    return {{"kind", "bar"},
            {"categories", f.categories},
            {"series", series},
            {"y_label", f.yLabel},
            {"log_y", f.logY}};
}

const json& need(const json& j, const char* key) {
    if (!j.is_object() || !j.contains(key)) throw std::invalid_argument(std::string("missing '") + key + "'");
    return j.at(key);
}

// "polar" and the beside map are optional: project files written before them have neither.
MapFigure readMap(const json& c) {
    MapFigure f;
    f.xEdges = need(c, "x_edges").get<std::vector<double>>();
    f.yEdges = need(c, "y_edges").get<std::vector<double>>();
    f.values = need(c, "values").get<std::vector<double>>();
    f.xLabel = need(c, "x_label").get<std::string>();
    f.yLabel = need(c, "y_label").get<std::string>();
    f.valueLabel = need(c, "value_label").get<std::string>();
    f.logValues = need(c, "log_values").get<bool>();
    f.polar = c.value("polar", false);
    if (c.contains("beside_values")) {
        f.besideValues = c.at("beside_values").get<std::vector<double>>();
        f.label = need(c, "label").get<std::string>();
        f.besideLabel = need(c, "beside_label").get<std::string>();
    }
    const std::size_t cells =
        f.xEdges.size() < 2 || f.yEdges.size() < 2 ? 0 : (f.xEdges.size() - 1) * (f.yEdges.size() - 1);
    if (cells == 0 || f.values.size() != cells)
        throw std::invalid_argument("map values do not match its edges");
    if (!f.besideValues.empty() && f.besideValues.size() != cells)
        throw std::invalid_argument("map beside_values do not match its edges");
    if (f.polar && f.yEdges.front() < 0) throw std::invalid_argument("polar map with a negative radius");
    f.xCategories = c.value("x_categories", std::vector<std::string>{});
    f.yCategories = c.value("y_categories", std::vector<std::string>{});
    if ((!f.xCategories.empty() && f.xCategories.size() + 1 != f.xEdges.size()) ||
        (!f.yCategories.empty() && f.yCategories.size() + 1 != f.yEdges.size()))
        throw std::invalid_argument("map category names do not match its edges");
    return f;
}

FigureData::Content readContent(const json& c) {
    const std::string kind = need(c, "kind").get<std::string>();
    if (kind == "roc") {
        RocFigure f;
        for (const auto& e : need(c, "curves"))
            f.curves.push_back(
                {need(e, "label").get<std::string>(), metrics::RocCurve::fromJson(need(e, "curve"))});
        return f;
    }
    if (kind == "histogram") {
        HistogramFigure f;
        for (const auto& e : need(c, "histograms"))
            f.histograms.push_back({need(e, "label").get<std::string>(),
                                    metrics::Histogram1D::fromJson(need(e, "histogram")),
                                    need(e, "filled").get<bool>()});
        f.xLabel = need(c, "x_label").get<std::string>();
        f.yLabel = need(c, "y_label").get<std::string>();
        f.normalised = need(c, "normalised").get<bool>();
        f.logY = need(c, "log_y").get<bool>();
        return f;
    }
    if (kind == "line") {
        LineFigure f;
        for (const auto& e : need(c, "lines"))
            f.lines.push_back({need(e, "label").get<std::string>(), need(e, "x").get<std::vector<double>>(),
                               need(e, "y").get<std::vector<double>>(), need(e, "dashed").get<bool>(),
                               need(e, "markers").get<bool>()});
        for (const auto& e : need(c, "levels"))
            f.levels.push_back({need(e, "label").get<std::string>(), need(e, "y").get<double>()});
        f.xLabel = need(c, "x_label").get<std::string>();
        f.yLabel = need(c, "y_label").get<std::string>();
        f.logX = need(c, "log_x").get<bool>();
        f.logY = need(c, "log_y").get<bool>();
        return f;
    }
    if (kind == "map") return readMap(c);
    if (kind == "bar") {
        BarFigure f;
        f.categories = need(c, "categories").get<std::vector<std::string>>();
        for (const auto& e : need(c, "series"))
            f.series.push_back(
                {need(e, "label").get<std::string>(), need(e, "values").get<std::vector<double>>()});
        f.yLabel = need(c, "y_label").get<std::string>();
        f.logY = need(c, "log_y").get<bool>();
        return f;
    }
    throw std::invalid_argument("unknown figure kind '" + kind + "'");
}

}  // namespace

json figureToJson(const FigureData& figure) {
    return {{"id", figure.id},
            {"title", figure.title},
            {"content", std::visit([](const auto& c) { return content(c); }, figure.content)}};
}

FigureData figureFromJson(const json& j) {
    std::string id = "?";
    try {
        id = need(j, "id").get<std::string>();
        return {id, need(j, "title").get<std::string>(), readContent(need(j, "content"))};
    } catch (const std::exception& e) {
        throw std::invalid_argument("figure '" + id + "': " + e.what());
    }
}

}  // namespace bithep::tasks
