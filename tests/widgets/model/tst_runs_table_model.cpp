// The run list model: a run's redraw state survives the project round trip, results can be
// replaced in place, and projects written before runs kept state still load.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "widgets/model/runs_table_model.h"

using bithep::widgets::RunRecord;
using bithep::widgets::RunsTableModel;

namespace {
RunRecord sampleRun() {
    RunRecord r;
    r.label = "#1";
    r.model = "small";
    r.precisions = "fp32";
    r.seed = 7;
    r.epochs = 3;
    r.metricName = "interval";
    r.metric = 0.5;
    r.metrics = {{"interval", 0.5}};
    r.settings = {{"task", "test"}};
    r.state = {{"bins", {1, 2, 3}}};
    return r;
}
}  // namespace

class TstRunsTableModel : public QObject {
    Q_OBJECT
private slots:
    void stateRoundTrips() {
        RunsTableModel a;
        QAbstractItemModelTester tester(&a, QAbstractItemModelTester::FailureReportingMode::QtTest);
        a.addRun(sampleRun());
        RunsTableModel b;
        b.fromJson(a.toJson());
        QCOMPARE(b.rowCount(), 1);
        QCOMPARE(b.runs().front().state, sampleRun().state);
    }

    void oldProjectsWithoutStateLoad() {
        RunsTableModel a;
        a.addRun(sampleRun());
        nlohmann::json j = a.toJson();
        j[0].erase("state");
        RunsTableModel b;
        b.fromJson(j);
        QVERIFY(b.runs().front().state.is_null());
    }

    void updateResultsReplacesInPlace() {
        RunsTableModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.addRun(sampleRun());
        QSignalSpy changed(&m, &RunsTableModel::dataChanged);
        m.updateResults(0, 0.25, {{"interval", 0.25}}, {}, {{"bins", {4}}});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m.runs().front().metric, 0.25);
        QCOMPARE(m.runs().front().state.at("bins").size(), std::size_t(1));
        QVERIFY(m.data(m.index(0, RunsTableModel::Metric)).toString().contains("0.2500"));
        m.updateResults(5, 1, {}, {}, {});  // no such row: nothing happens
        QCOMPARE(m.rowCount(), 1);
    }
};

QTEST_MAIN(TstRunsTableModel)
#include "tst_runs_table_model.moc"
