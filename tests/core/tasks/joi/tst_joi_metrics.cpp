// Jet-origin metrics on a hand-made sample of 17 jets (every class present), each scored 0.5
// for its predicted class and 1/16 for the ten others (exact binary fractions, so ties are exact), so every
// number is countable by hand: accuracy, accuracy with the charge ignored, charge-flip rates, b/c vs light,
// quark vs antiquark and a one-vs-rest AUC.
#include <cmath>

#include <QtTest>

#include "core/tasks/joi/joi_metrics.h"

namespace joi = bithep::tasks::joi;

namespace {

constexpr double kTol = 1e-12;

struct Sample {
    std::vector<int> labels;
    std::vector<double> probs;
    void add(int label, int predicted) {
        labels.push_back(label);
        for (int c = 0; c < joi::kClasses; ++c) probs.push_back(c == predicted ? 0.5 : 0.0625);
    }
};

// 0 b, 1 b̄, 2 c, 3 c̄, 4 s, 5 s̄, 6 u, 7 ū, 8 d, 9 d̄, 10 g.
Sample handSample() {
    Sample s;
    for (int p : {0, 0, 1, 10}) s.add(0, p);  // b: right, right, charge flipped, called gluon
    s.add(1, 1);
    for (int c : {2, 3, 4, 5, 8, 9}) s.add(c, c);
    s.add(6, 6);
    s.add(6, 7);   // u called ū
    s.add(7, 10);  // ū called gluon
    for (int p : {10, 10, 6}) s.add(10, p);
    return s;
}

}  // namespace

class TstJoiMetrics : public QObject {
    Q_OBJECT
private slots:
    void accuracies() {
        const Sample s = handSample();
        const auto e = joi::evaluateJoi(s.probs, s.labels);
        QCOMPARE(e.confusion.total(), 17.0);
        // Diagonal: b 2, b̄, c, c̄, s, s̄, u, d, d̄ 1 each, g 2 = 12.
        QVERIFY(std::abs(e.accuracy - 12.0 / 17.0) < kTol);
        // Charge ignored: the b→b̄ and u→ū jets become right (14); b→g, ū→g, g→u stay wrong.
        QVERIFY(std::abs(e.flavourAccuracy - 14.0 / 17.0) < kTol);
    }
    void chargeFlipRates() {
        const Sample s = handSample();
        const auto e = joi::evaluateJoi(s.probs, s.labels);
        // b: flipped b→b̄ (1) over b→b (2) + b̄→b̄ (1) + flipped = 1/4 (b→g is not a b decision).
        QVERIFY(std::abs(e.flavourChargeFlip[0] - 0.25) < kTol);
        QCOMPARE(e.flavourChargeFlip[1], 0.0);
        QVERIFY(std::abs(e.flavourChargeFlip[3] - 0.5) < kTol);  // u→u, u→ū (ū→g left out)
        // All five: flipped 2 of 2 + 10 kept = 1/6.
        QVERIFY(std::abs(e.chargeFlip - 1.0 / 6.0) < kTol);
        QCOMPARE(joi::chargeFlipRate(e.confusion, 3), e.flavourChargeFlip[3]);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, joi::chargeFlipRate(e.confusion, 5));
    }
    void chargeFlipOfAnEmptyFlavourIsNan() {
        Sample s;
        s.add(10, 10);
        s.add(10, 0);
        const bithep::metrics::ConfusionMatrix m(11, s.labels, std::vector<int>{10, 0});
        QVERIFY(std::isnan(joi::chargeFlipRate(m, 2)));
    }
    void mergedRocs() {
        const Sample s = handSample();
        const auto e = joi::evaluateJoi(s.probs, s.labels);
        // b vs light: 5 b/b̄ jets, 4 scored high, the one called gluon ties all 10 light jets:
        // (4·10 + ½·10) / 50.
        QVERIFY(std::abs(e.bVsLight.auc() - 0.9) < kTol);
        QVERIFY(std::abs(e.cVsLight.auc() - 1.0) < kTol);  // both c jets right, c jets left out of b
        // Quark vs antiquark: D high (6 quark jets), low (2 quark, 4 antiquark), ½ for the
        // jets called gluon (1 quark, 1 antiquark): (6·5 + 1·4 + ½·2·4 + ½·1) / (9·5) = 38.5/45.
        QVERIFY(std::abs(e.quarkVsAntiquark.auc() - 38.5 / 45.0) < kTol);
        // b one-vs-rest on p_b: two b jets at 0.5 above all 13 others, two tie with them.
        QVERIFY(std::abs(e.perClassAuc[0] - 39.0 / 52.0) < kTol);
        QCOMPARE(e.perClass.size(), std::size_t(11));
    }
    void valuesAreNamed() {
        const Sample s = handSample();
        const auto v = joi::evaluateJoi(s.probs, s.labels).values();
        QCOMPARE(v.front().first, std::string("accuracy"));
        bool found = false;
        for (const auto& [name, value] : v) found |= name == "charge_flip_u" && std::abs(value - 0.5) < kTol;
        QVERIFY(found);
    }
    void badInputIsRefused() {
        Sample s = handSample();
        s.labels.pop_back();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, joi::evaluateJoi(s.probs, s.labels));
    }
};

QTEST_APPLESS_MAIN(TstJoiMetrics)
#include "tst_joi_metrics.moc"
