// figureToJson / figureFromJson: every figure kind round-trips exactly (projects keep their
// runs' plots), and malformed JSON is a clear error naming the figure.
#include <QtTest>

#include "core/tasks/figure_json.h"
#include "core/tasks/figure_table.h"

namespace tasks = bithep::tasks;

namespace {

// Comparing the CSV of the data behind a figure compares every number it draws.
void expectRoundTrip(const tasks::FigureData& f) {
    const nlohmann::json j = nlohmann::json::parse(tasks::figureToJson(f).dump());
    const tasks::FigureData back = tasks::figureFromJson(j);
    QCOMPARE(back.id, f.id);
    QCOMPARE(back.title, f.title);
    QCOMPARE(back.content.index(), f.content.index());
    QCOMPARE(tasks::figureTable(back).toString(), tasks::figureTable(f).toString());
}

}  // namespace

class TstFigureJson : public QObject {
    Q_OBJECT
private slots:
    void everyKindRoundTrips() {
        const std::vector<double> scores{0.9, 0.7, 0.7, 0.2, 0.1};
        const std::vector<int> labels{1, 1, 0, 0, 1};
        tasks::RocFigure roc;
        roc.curves.push_back({"net", bithep::metrics::RocCurve(scores, labels)});
        expectRoundTrip({"roc", "ROC", roc});
        const auto back = tasks::figureFromJson(tasks::figureToJson({"roc", "ROC", roc}));
        QCOMPARE(std::get<tasks::RocFigure>(back.content).curves[0].curve.auc(), roc.curves[0].curve.auc());

        bithep::metrics::Histogram1D h({0.0, 0.5, 1.0});
        h.fill(scores);
        tasks::HistogramFigure hist;
        hist.histograms.push_back({"quarks", h, true});
        hist.xLabel = "score";
        expectRoundTrip({"h", "Scores", hist});
        const auto hb = tasks::figureFromJson(tasks::figureToJson({"h", "Scores", hist}));
        QCOMPARE(std::get<tasks::HistogramFigure>(hb.content).histograms[0].histogram.mean(), h.mean());

        tasks::LineFigure line;
        line.lines.push_back({"scan", {-1, 0, 1}, {1, 0, 1}, true, false});
        line.levels.push_back({"95 %", 3.84});
        expectRoundTrip({"scan", "Scan", line});
        tasks::MapFigure map{{0, 1, 2}, {0, 1}, {3, 4}, "x", "y", "E", true};
        expectRoundTrip({"map", "Map", map});
        tasks::BarFigure bars;
        bars.categories = {"a", "b"};
        bars.series = {{"fp32", {1, 2}}};
        expectRoundTrip({"bars", "Bars", bars});
    }
    void polarMapBesideAnotherRoundTrips() {
        tasks::MapFigure map;
        map.xEdges = {-3.14159, 0.0, 3.14159};
        map.yEdges = {0, 2, 5};
        map.values = {1, 2, 3, 4};
        map.besideValues = {5, 6, 7, 8};
        map.polar = map.logValues = true;
        map.label = "cfm";
        map.besideLabel = "reference";
        expectRoundTrip({"average_layer2", "Average shower, layer 2", map});
        const auto back = std::get<tasks::MapFigure>(
            tasks::figureFromJson(tasks::figureToJson({"average_layer2", "", map})).content);
        QVERIFY(back.polar);
        QCOMPARE(back.besideValues, map.besideValues);
        QCOMPARE(back.label, std::string("cfm"));
        QCOMPARE(back.besideLabel, std::string("reference"));
        // Project files written before polar maps existed have neither key: a plain grid map.
        nlohmann::json old = tasks::figureToJson({"m", "", map});
        for (const char* key : {"polar", "beside_values", "label", "beside_label"}) old["content"].erase(key);
        const auto plain = std::get<tasks::MapFigure>(tasks::figureFromJson(old).content);
        QVERIFY(!plain.polar && plain.besideValues.empty());
        nlohmann::json bad = tasks::figureToJson({"single_layer1", "", map});
        bad["content"]["beside_values"] = {1.0};
        try {
            tasks::figureFromJson(bad);
            QFAIL("no error for a beside map of the wrong size");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("single_layer1") != std::string::npos, e.what());
        }
    }
    void categoryNamesRoundTrip() {
        tasks::MapFigure map{{0, 1, 2}, {0, 1, 2}, {0.9, 0.1, 0.2, 0.8}, "Predicted class", "True class",
                             "",        false};
        map.xCategories = map.yCategories = {"b", "g"};
        expectRoundTrip({"confusion", "Confusion matrix", map});
        const auto back =
            std::get<tasks::MapFigure>(tasks::figureFromJson(tasks::figureToJson({"c", "", map})).content);
        QCOMPARE(back.yCategories, (std::vector<std::string>{"b", "g"}));
        nlohmann::json bad = tasks::figureToJson({"confusion", "", map});
        bad["content"]["x_categories"] = {"b", "c", "g"};  // three names for two columns
        try {
            tasks::figureFromJson(bad);
            QFAIL("no error for three names on two columns");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("confusion") != std::string::npos, e.what());
        }
    }
    void malformedInputNamesTheFigure() {
        tasks::MapFigure map{{0, 1, 2}, {0, 1}, {3, 4}, "x", "y", "E", false};
        nlohmann::json j = tasks::figureToJson({"layer0", "Layer 0", map});
        j["content"]["values"] = {1.0};
        try {
            tasks::figureFromJson(j);
            QFAIL("no error");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("layer0") != std::string::npos, e.what());
        }
        nlohmann::json roc = {
            {"id", "roc"},
            {"title", ""},
            {"content", {{"kind", "roc"}, {"curves", {{{"label", "x"}, {"curve", {{"auc", 0.5}}}}}}}}};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tasks::figureFromJson(roc));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tasks::figureFromJson(nlohmann::json{{"id", "x"}}));
    }
    void decreasingRocPointsAreRejected() {
        const nlohmann::json bad = {{"auc", 0.5},
                                    {"signal_weight", 1},
                                    {"background_weight", 1},
                                    {"points",
                                     {{"signal_efficiency", {0.0, 0.6, 0.4}},
                                      {"background_efficiency", {0.0, 0.5, 1.0}},
                                      {"threshold", {nullptr, 0.5, 0.1}}}}};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bithep::metrics::RocCurve::fromJson(bad));
    }
};

QTEST_GUILESS_MAIN(TstFigureJson)
#include "tst_figure_json.moc"
