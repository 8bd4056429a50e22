// System load: the busy rule on hand-picked loads, and that this machine reports a load.
#include <QtTest>

#include "core/platform/system_load.h"

namespace pl = bithep::platform;

class TstSystemLoad : public QObject {
    Q_OBJECT
private slots:
    void busyRule_data() {
        QTest::addColumn<double>("load");
        QTest::addColumn<int>("ownThreads");
        QTest::addColumn<bool>("busy");
        QTest::newRow("unknown load") << -1.0 << 1 << false;
        QTest::newRow("idle") << 0.1 << 1 << false;
        QTest::newRow("only this thread") << 1.0 << 1 << false;
        QTest::newRow("half a thread more") << 1.5 << 1 << false;
        QTest::newRow("another program") << 1.9 << 1 << true;
        QTest::newRow("two own threads") << 2.4 << 2 << false;
        QTest::newRow("two own and another") << 3.0 << 2 << true;
        QTest::newRow("no own thread counts as one") << 1.2 << 0 << false;
    }
    void busyRule() {
        QFETCH(double, load);
        QFETCH(int, ownThreads);
        QFETCH(bool, busy);
        QCOMPARE(pl::machineBusy(load, ownThreads), busy);
    }
    void thisMachineReportsItsLoad() {
        QVERIFY(pl::hardwareThreads() >= 1);
#ifdef __linux__
        QVERIFY(pl::loadAverage() >= 0.0);
#endif
    }
};

QTEST_APPLESS_MAIN(TstSystemLoad)
#include "tst_system_load.moc"
