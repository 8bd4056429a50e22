// Generator vs data: identical samples compare as identical, a shifted multiplicity is caught
// with the right sign, the noise floor comes from halves of the data, outliers land in the edge
// bins, PID-free data works, too few jets of a class is a clear error, and the batch job writes
// its figures, tables and settings (including the dataset citation for energyflow files).
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <random>

#include "core/tasks/qg/generator_validation.h"
#include "expect_error.h"

namespace qg = bithep::tasks::qg;
namespace jet_common = bithep::tasks::jet_common;
using bithep::testing::expectError;

namespace {

// Jets of `quarkMultiplicity` (quarks) or twice that (gluons) ± 3 particles, pT falling with
// rank, spread in a cone of 0.3; `extra` particles more for every jet.
jet_common::JetDataset syntheticJets(std::size_t jets, int quarkMultiplicity, int extra, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    jet_common::JetDataset d;
    d.jets = jets;
    d.maxParticles = static_cast<std::size_t>(2 * quarkMultiplicity + extra + 4);
    d.particles.assign(d.jets * d.maxParticles * 4, 0.0f);
    d.labels.resize(jets);
    d.pidKnown = false;
    d.source = "synthetic";
    for (std::size_t j = 0; j < jets; ++j) {
        const bool quark = j % 2 == 0;
        d.labels[j] = quark ? 1 : 0;
        const int n = (quark ? quarkMultiplicity : 2 * quarkMultiplicity) + extra + static_cast<int>(u(rng) * 7) - 3;
        for (int i = 0; i < n; ++i) {
            float* p = d.particles.data() + (j * d.maxParticles + static_cast<std::size_t>(i)) * 4;
            p[0] = static_cast<float>(200.0 / (i + 1) * (0.5 + u(rng)));
            p[1] = static_cast<float>(0.3 * (u(rng) - 0.5));
            p[2] = static_cast<float>(1.0 + 0.3 * (u(rng) - 0.5));
        }
    }
    return d;
}

const qg::ObservableComparison& find(const qg::GeneratorValidation& v, const std::string& id) {
    for (const auto& o : v.observables)
        if (o.id == id) return o;
    throw std::runtime_error("no observable " + id);
}

}  // namespace

class TstGeneratorValidation : public QObject {
    Q_OBJECT
private slots:
    void identicalSamplesAreIdentical() {
        const auto data = syntheticJets(400, 10, 0, 1);
        const auto v = qg::validateGenerator(data, data, 7);
        QCOMPARE(v.observables.size(), std::size_t{8});
        for (const auto& o : v.observables) {
            QCOMPARE(o.separation[0], 0.0);
            QCOMPARE(o.separation[1], 0.0);
            QVERIFY(std::isfinite(o.noiseFloor[0]) && o.noiseFloor[0] >= 0.0);
            if (o.perJet) QCOMPARE(o.aucGenerated, o.aucData);
            QCOMPARE(o.meanGenerated[1], o.meanData[1]);
        }
        QVERIFY(v.meets());
        QCOMPARE(v.dataJets[1], std::size_t{200});
        // Quarks have fewer particles: the multiplicity AUC is oriented to quarks = low.
        QVERIFY(find(v, "multiplicity").aucData > 0.9);
    }
    void shiftedMultiplicityIsCaught() {
        const auto data = syntheticJets(400, 10, 0, 1);
        const auto generated = syntheticJets(2000, 10, 6, 2);
        const auto v = qg::validateGenerator(generated, data, 7);
        const auto& m = find(v, "multiplicity");
        QVERIFY(m.separation[1] > 0.3);
        QVERIFY(m.meanGenerated[1] > m.meanData[1] + 5.0);
        QVERIFY(!v.meets());
        // The noise floor of 200-jet halves is far below a six-particle shift.
        QVERIFY(m.noiseFloor[1] < 0.2);
        // Every jet is in the histograms, outliers in the edge bins.
        QCOMPARE(m.generated[1].integral(), 1000.0);
        QCOMPARE(m.generated[1].underflow() + m.generated[1].overflow(), 0.0);
        // Integer observable: unit-width bins centred on whole numbers.
        QCOMPARE(m.data[1].edges().front() - std::floor(m.data[1].edges().front()), 0.5);
    }
    void halvesAreSeeded() {
        const auto data = syntheticJets(400, 10, 0, 1);
        const auto a = qg::validateGenerator(data, data, 3), b = qg::validateGenerator(data, data, 3);
        const auto c = qg::validateGenerator(data, data, 4);
        QCOMPARE(find(a, "mass").noiseFloor[0], find(b, "mass").noiseFloor[0]);
        QVERIFY(find(a, "mass").noiseFloor[0] != find(c, "mass").noiseFloor[0]);
    }
    void tooFewJetsOfAClass() {
        auto data = syntheticJets(40, 10, 0, 1);
        for (std::size_t j = 2; j < data.jets; ++j) data.labels[j] = 0;  // one quark left
        expectError([&] { qg::validateGenerator(syntheticJets(40, 10, 0, 2), data, 1); },
                    "data sample needs at least two quark and two gluon jets");
    }
    void reportHasFiguresTablesAndTargets() {
        const auto data = syntheticJets(200, 10, 0, 1);
        const auto v = qg::validateGenerator(syntheticJets(400, 10, 2, 2), data, 1);
        bithep::tasks::BatchOutput out;
        qg::addValidationReport(v, out);
        QCOMPARE(out.figures.size(), std::size_t{8 * 2 + 2});
        QCOMPARE(out.figures.front().id, std::string("validation_multiplicity_quark"));
        QCOMPARE(out.tables.at("validation").rows().size(), std::size_t{8});
        QVERIFY(out.tables.count("validation_tau21"));
        QCOMPARE(out.metrics["targets"]["met"].get<bool>(), v.meets());
        QVERIFY(out.metrics["observables"]["delta_r"]["auc_data"].is_null());  // no per-constituent AUC
        QVERIFY(out.summary.find("multiplicity") != std::string::npos);
    }
    void batchJobWritesAndCites() {
        QTemporaryDir dir;
        const auto data = syntheticJets(200, 12, 0, 5);
        const QString file = dir.filePath("real.h5");
        data.writeHdf5(file.toStdString());
        bithep::tasks::BatchRequest request;
        request.outDir = dir.path().toStdString();
        request.seed = 3;
        request.threads = 1;
        request.arguments = {"data=" + file.toStdString(), "jets=300"};
        const auto out = qg::runQgValidation(request, {});
        QCOMPARE(out.settings["generated_jets"].get<std::size_t>(), std::size_t{300});
        QCOMPARE(out.settings["seed"].get<std::uint64_t>(), std::uint64_t{3});
        QVERIFY(out.settings.contains("generator_config"));
        QVERIFY(!out.settings.contains("data_citation"));  // our own HDF5, not the public dataset
        QCOMPARE(out.metrics["data_jets"]["quark"].get<std::size_t>(), std::size_t{100});
        QVERIFY(qg::isEnergyflowFile("QG_jets_1.npz"));
        QVERIFY(!qg::isEnergyflowFile("jets.h5"));
        QVERIFY(qg::pythiaQgCitation().find("JHEP 01 (2019) 121") != std::string::npos);
    }
    void batchJobRefusesBadSettings() {
        bithep::tasks::BatchRequest request;
        expectError([&] { qg::runQgValidation(request, {}); }, "data=FILE is required");
        request.arguments = {"data=x.npz", "jets=5"};
        expectError([&] { qg::runQgValidation(request, {}); }, "jets must be in 100");
        request.arguments = {"data=x.npz", "colour=red"};
        expectError([&] { qg::runQgValidation(request, {}); }, "unknown setting 'colour'");
        request.arguments = {"data=does-not-exist.npz"};
        expectError([&] { qg::runQgValidation(request, {}); }, "does-not-exist.npz");
        QTemporaryDir dir;
        const std::string config = dir.filePath("gen.json").toStdString();
        std::ofstream(config) << R"({"shower": {"thetaMax": -1}})";
        request.arguments = {"data=x.npz", "generator=" + config};
        expectError([&] { qg::runQgValidation(request, {}); }, "thetaMax");
        std::ofstream(config, std::ios::trunc) << std::string(2 << 20, ' ');
        expectError([&] { qg::runQgValidation(request, {}); }, "over 1 MiB");
    }
};

QTEST_APPLESS_MAIN(TstGeneratorValidation)
#include "tst_generator_validation.moc"
