// The task registry rejects bad registrations and lists tasks by their order, then by id.
#include <stdexcept>

#include <QtTest>

#include "core/tasks/task_registry.h"

using bithep::tasks::TaskRegistry;

class TstTaskRegistry : public QObject {
    Q_OBJECT
private slots:
    void findsWhatWasAdded() {
        TaskRegistry r;
        r.add({"zeta", "Zeta", "last"});
        r.add({"alpha", "Alpha", "first"});
        QCOMPARE(r.ids(), (std::vector<std::string>{"alpha", "zeta"}));
        QVERIFY(r.find("alpha") != nullptr);
        QCOMPARE(r.find("alpha")->title, std::string("Alpha"));
        QVERIFY(r.find("beta") == nullptr);
        bithep::tasks::TaskDescriptor first{"omega", "Omega", "listed first"};
        first.order = 0;
        r.add(first);
        QCOMPARE(r.ids(), (std::vector<std::string>{"omega", "alpha", "zeta"}));
    }
    void explorerStillOpensOnTheQuarkGluonTask() {
        // The window opens on the first listed task with a session; the others list themselves later.
        const auto& r = bithep::tasks::builtinTasks();
        for (const auto& id : r.ids()) {
            if (!r.find(id)->newSession) continue;
            QCOMPARE(id, std::string("qg"));
            break;
        }
    }
    void rejectsDuplicatesAndEmptyIds() {
        TaskRegistry r;
        r.add({"qg", "Quark/gluon", ""});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.add({"qg", "again", ""}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.add({"", "nameless", ""}));
    }
    void builtinTasksHaveUniqueNonEmptyIds() {
        const auto& r = bithep::tasks::builtinTasks();
        for (const auto& id : r.ids()) {
            QVERIFY(!id.empty());
            QVERIFY(!r.find(id)->title.empty());
        }
    }
};

QTEST_APPLESS_MAIN(TstTaskRegistry)
#include "tst_task_registry.moc"
