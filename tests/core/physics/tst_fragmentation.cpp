// Independent fragmentation's end of a chain: Field–Feynman drop the rest below the stop
// momentum (the hadrons carry less than the parton), a last hadron taking it conserves the
// parton's longitudinal momentum (decays conserve it too, to rounding).
#include <QtTest>

#include "core/physics/fragmentation.h"

using namespace bithep::physics;

namespace {
double longitudinalSum(const FragmentationConfig& config, std::uint64_t seed) {
    const Fragmentation f(config);
    RandomStream rng(seed);
    std::vector<Hadron> hadrons;
    f.hadronize({Parton{FourVector::onShell(0.0, 0.0, 100.0, 0.0), 2}}, rng, hadrons);
    double pz = 0.0;
    for (const auto& h : hadrons) pz += h.p.pz;
    return pz;
}
}  // namespace

class TstFragmentation : public QObject {
    Q_OBJECT
private slots:
    void chainEnd() {
        FragmentationConfig drop, keep;
        drop.stopMomentum = keep.stopMomentum = 5.0;
        keep.lastHadronTakesRest = true;
        double lost = 0.0;
        for (std::uint64_t seed = 1; seed <= 50; ++seed) {
            QVERIFY2(std::abs(longitudinalSum(keep, seed) - 100.0) < 1e-6, qPrintable(QString::number(seed)));
            const double dropped = longitudinalSum(drop, seed);
            QVERIFY(dropped <= 100.0 + 1e-9);
            lost += 100.0 - dropped;
        }
        // The dropped rest is below the stop momentum, about half of it on average.
        QVERIFY2(lost / 50 > 0.5 && lost / 50 < 5.0, qPrintable(QString::number(lost / 50)));
    }
};

QTEST_APPLESS_MAIN(TstFragmentation)
#include "tst_fragmentation.moc"
