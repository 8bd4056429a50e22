// SeedSummary (mean and sample std over seeds) and CsvTable (quoting, exact number round trip,
// atomic writes).
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>

#include <QtTest>

#include "throws_invalid.h"

#include "core/metrics/csv_table.h"
#include "core/metrics/seed_summary.h"

using namespace bithep::metrics;
namespace fs = std::filesystem;

class TstSeedSummary : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
private slots:
    void meanAndSampleStd() {
        // 0.90, 0.91, 0.92: mean 0.91, deviations +-0.01 -> sample variance 0.0002 / 2.
        SeedSummary s;
        s.addRun({{"auc", 0.90}, {"acc", 0.80}});
        s.addRun({{"auc", 0.91}, {"acc", 0.82}});
        s.addRun({{"auc", 0.92}, {"acc", 0.84}});
        QCOMPARE(s.metricNames(), (std::vector<std::string>{"auc", "acc"}));
        const auto auc = s.summary("auc");
        QCOMPARE(auc.count, size_t(3));
        QVERIFY(std::abs(auc.mean - 0.91) < 1e-12);
        QVERIFY(std::abs(auc.stdDev - 0.01) < 1e-12);
        QCOMPARE(s.format("auc"), std::string("0.9100 \u00b1 0.0100"));
        QCOMPARE(s.format("acc", 2), std::string("0.82 \u00b1 0.02"));
        const auto j = s.toJson();
        QCOMPARE(j.at("acc").at("values").size(), size_t(3));
        QVERIFY(std::abs(j.at("acc").at("std").get<double>() - 0.02) < 1e-12);
        QCOMPARE(s.toCsv().rows().size(), size_t(2));
    }
    void singleSeedAndInfinity() {
        SeedSummary s;
        s.add("rejection", 50.0);
        QVERIFY(std::isnan(s.summary("rejection").stdDev));
        QCOMPARE(s.format("rejection", 1), std::string("50.0 \u00b1 n/a"));
        QVERIFY(s.toJson().at("rejection").at("std").is_null());
        s.add("rejection", std::numeric_limits<double>::infinity());
        QVERIFY(std::isinf(s.summary("rejection").mean));
        QVERIFY(throwsInvalid([&] { s.add("auc", std::numeric_limits<double>::quiet_NaN()); }));
        QVERIFY(throwsInvalid([&] { s.summary("missing"); }));
        QVERIFY(throwsInvalid([&] { s.format("rejection", -1); }));
    }
    void csvQuotingAndRoundTrip() {
        CsvTable t({"name", "value", "n"});
        t.addRow({"plain", 0.1, 3});
        t.addRow({"with, comma", -2.5e-300, std::size_t(7)});
        t.addRow({"say \"hi\"", std::numeric_limits<double>::infinity(), -1});
        QCOMPARE(t.toString(), std::string("name,value,n\n"
                                           "plain,0.1,3\n"
                                           "\"with, comma\",-2.5e-300,7\n"
                                           "\"say \"\"hi\"\"\",inf,-1\n"));
        QVERIFY(throwsInvalid([&] { t.addRow({1.0, 2.0}); }));
        QVERIFY(throwsInvalid([] { CsvTable({}); }));
        std::mt19937_64 rng(12);
        std::uniform_real_distribution<double> u(-1.0, 1.0);
        for (int i = 0; i < 1000; ++i) {
            const double x = u(rng) * std::pow(10.0, static_cast<int>(u(rng) * 300));
            QCOMPARE(std::strtod(CsvTable::formatNumber(x).c_str(), nullptr), x);
        }
    }
    void writesAtomically() {
        const fs::path file = fs::path(m_dir.path().toStdString()) / "metrics.csv";
        CsvTable t({"a"});
        t.addRow({1.5});
        t.write(file);
        std::ifstream in(file);
        std::stringstream ss;
        ss << in.rdbuf();
        QCOMPARE(ss.str(), std::string("a\n1.5\n"));
        bool threw = false;
        try {
            t.write(fs::path(m_dir.path().toStdString()) / "missing" / "x.csv");
        } catch (const std::runtime_error& e) {
            threw = std::string(e.what()).find("x.csv") != std::string::npos;
        }
        QVERIFY(threw);
    }
};

QTEST_APPLESS_MAIN(TstSeedSummary)
#include "tst_seed_summary.moc"
