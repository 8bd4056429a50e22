// figureTable: the CSV behind each kind of figure, checked against hand-made figures.
#include <QtTest>

#include "core/tasks/figure_table.h"

namespace tasks = bithep::tasks;

class TstFigureTable : public QObject {
    Q_OBJECT
private slots:
    void histogramBinsAndNormalisation() {
        bithep::metrics::Histogram1D h({0.0, 1.0, 3.0});
        const std::vector<double> values{0.5, 2.0, 2.5};
        h.fill(values);
        tasks::HistogramFigure f;
        f.histograms.push_back({"ref", h, true});
        const auto t = tasks::figureTable({"h", "H", f});
        QCOMPARE(t.rows().size(), std::size_t(2));
        // contents 1 and 2, area 1·1 + 2·2 = 5 → densities 0.2 and 0.4
        QCOMPARE(t.toString(), std::string("series,bin_low,bin_high,content,normalised\n"
                                           "ref,0,1,1,0.2\nref,1,3,2,0.4\n"));
    }
    void rocPointsWithRejection() {
        const std::vector<double> scores{0.9, 0.8, 0.3, 0.1};
        const std::vector<int> labels{1, 0, 1, 0};
        tasks::RocFigure f;
        f.curves.push_back({"net", bithep::metrics::RocCurve(scores, labels)});
        const auto t = tasks::figureTable({"roc", "ROC", f});
        QCOMPARE(t.header().at(3), std::string("rejection"));
        bool found = false;  // after 0.9 and 0.8: ε_S = 0.5, ε_B = 0.5, 1/ε_B = 2
        for (const auto& row : t.rows()) {
            if (row[1].toField() == "0.5" && row[2].toField() == "0.5") found = row[3].toField() == "2";
        }
        QVERIFY(found);
    }
    void linesMapsAndBars() {
        tasks::LineFigure l;
        l.lines.push_back({"scan", {0.0, 1.0}, {3.0, 4.0}});
        l.levels.push_back({"68 %", 1.0});
        QCOMPARE(tasks::figureTable({"l", "", l}).rows().size(), std::size_t(3));
        tasks::MapFigure m;
        m.xEdges = {0, 1, 2};
        m.yEdges = {0, 1};
        m.values = {5, 6};
        QCOMPARE(tasks::figureTable({"m", "", m}).toString(),
                 std::string("x_low,x_high,y_low,y_high,value\n0,1,0,1,5\n1,2,0,1,6\n"));
        m.polar = true;  // one sector, two rings, with a second map beside it
        m.xEdges = {0, 3};
        m.yEdges = {0, 2, 5};
        m.values = {1, 2};
        m.besideValues = {3, 4};
        m.label = "cfm";
        m.besideLabel = "reference";
        QCOMPARE(tasks::figureTable({"m", "", m}).toString(),
                 std::string("alpha_low,alpha_high,r_low,r_high,cfm,reference\n0,3,0,2,1,3\n0,3,2,5,2,4\n"));
        m.label = m.besideLabel = "";
        QCOMPARE(
            tasks::figureTable({"m", "", m}).toString(),
            std::string("alpha_low,alpha_high,r_low,r_high,value,beside_value\n0,3,0,2,1,3\n0,3,2,5,2,4\n"));
        tasks::BarFigure b;
        b.categories = {"a", "b"};
        b.series = {{"fp32", {1, 2}}, {"plan", {3, 4}}};
        QCOMPARE(tasks::figureTable({"b", "", b}).toString(), std::string("category,series,value\na,fp32,1\na,plan,3\nb,fp32,2\nb,plan,4\n"));
    }
};

QTEST_GUILESS_MAIN(TstFigureTable)
#include "tst_figure_table.moc"
