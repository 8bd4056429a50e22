// Layer response: bins for discrete and continuous incident energies, ⟨E_layer⟩/⟨E_inc⟩ on a
// hand-filled sample, the deviation of a sample with one layer doubled, and the figure.
#include <cmath>

#include <QtTest>

#include "core/tasks/calo/layer_response.h"

using namespace bithep::tasks::calo;

namespace {

// Showers of dataset-1 photons with `perLayer[l]` MeV in the first voxel of layer l.
CaloDataset showers(const ShowerGeometry& g, const std::vector<float>& energies,
                    const std::vector<std::vector<float>>& perLayer) {
    CaloDataset d;
    d.voxels = g.voxelCount();
    d.incidentEnergies = energies;
    d.showers.assign(energies.size() * d.voxels, 0.0f);
    for (std::size_t i = 0; i < energies.size(); ++i)
        for (std::size_t l = 0; l < g.layers().size(); ++l)
            d.showers[i * d.voxels + g.layers()[l].voxelOffset] = perLayer[i][l];
    return d;
}

}  // namespace

class TstLayerResponse : public QObject {
    Q_OBJECT
private slots:
    void binsFollowTheEnergies() {
        const auto e = responseBinEdges({1024, 4096, 1024, 16384});
        QCOMPARE(e.size(), std::size_t{4});  // three distinct energies, geometric midpoints
        QCOMPARE(e[1], 2048.0);
        QCOMPARE(e[2], 8192.0);
        QVERIFY(std::abs(e[0] - 1024 / std::sqrt(2.0)) < 1e-9);
        std::vector<float> continuous;
        for (int i = 0; i < 100; ++i) continuous.push_back(100.0f * std::pow(1.05f, static_cast<float>(i)));
        const auto c = responseBinEdges(continuous);
        QCOMPARE(c.size(), std::size_t{16});
        QVERIFY(c.back() > continuous.back() && c.front() <= continuous.front());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, responseBinEdges({}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, responseBinEdges({10.0f, 0.0f}));
    }
    void meansAreHandComputed() {
        const auto g = ShowerGeometry::builtin("dataset-1-photons");
        // Two showers at 1 GeV (layer 2: 500 and 700 MeV), one at 4 GeV (layer 2: 3000 MeV).
        const auto d = showers(g, {1000, 1000, 4000},
                               {{10, 300, 500, 0, 0}, {30, 100, 700, 20, 0}, {0, 800, 3000, 40, 60}});
        const auto r = layerResponse(d, g, responseBinEdges(d.incidentEnergies));
        QCOMPARE(r.counts, (std::vector<std::size_t>{2, 1}));
        QCOMPARE(r.energies, (std::vector<double>{1000, 4000}));
        QCOMPARE(r.fraction[0][0], 40.0 / 2000);
        QCOMPARE(r.fraction[2][0], 1200.0 / 2000);
        QCOMPARE(r.fraction[2][1], 3000.0 / 4000);
        QCOMPARE(r.fraction[4][0], 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, layerResponse(d, g, {1.0}));
    }
    void deviationIsTheMeanLogRatio() {
        const auto g = ShowerGeometry::builtin("dataset-1-photons");
        const std::vector<float> energies{1000, 4000};
        const auto ref = showers(g, energies, {{10, 300, 500, 20, 5}, {4, 800, 3000, 40, 60}});
        const auto edges = responseBinEdges(energies);
        const auto r = layerResponse(ref, g, edges);
        QCOMPARE(layerResponseDeviation(r, r), 0.0);
        // Layer 0 doubled at both energies: 2 of 10 cells off by log10 2.
        const auto doubled = showers(g, energies, {{20, 300, 500, 20, 5}, {8, 800, 3000, 40, 60}});
        QVERIFY(std::abs(layerResponseDeviation(r, layerResponse(doubled, g, edges)) - std::log10(2.0) / 5) <
                1e-12);
        // An empty generated layer counts as three decades (1 of 10 cells).
        const auto empty = showers(g, energies, {{10, 300, 500, 20, 0}, {4, 800, 3000, 40, 60}});
        QVERIFY(std::abs(layerResponseDeviation(r, layerResponse(empty, g, edges)) - 0.3) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 layerResponseDeviation(r, layerResponse(ref, g, responseBinEdges({1000}))));
    }
    void figureHasReferenceAndLinesPerLayer() {
        const auto g = ShowerGeometry::builtin("dataset-1-photons");
        const std::vector<float> energies{1000, 4000};
        const auto r = layerResponse(showers(g, energies, {{10, 300, 500, 0, 5}, {4, 800, 3000, 40, 60}}), g,
                                     responseBinEdges(energies));
        const auto figures = layerResponseFigures(g, r, {{"cfm", r}});
        QCOMPARE(figures.size(), std::size_t{5});
        QCOMPARE(figures[4].id, std::string("layer_response_layer12"));  // named by the XML id
        const auto& lines = std::get<bithep::tasks::LineFigure>(figures[0].content).lines;
        QCOMPARE(lines.size(), std::size_t{2});
        QCOMPARE(lines[0].label, std::string("reference"));
        QVERIFY(lines[0].markers && !lines[1].markers);
        const auto& layer3 = std::get<bithep::tasks::LineFigure>(figures[3].content).lines;
        QCOMPARE(layer3[0].x.size(), std::size_t{1});  // layer 3 is empty at 1 GeV: log axes skip it
        QCOMPARE(layer3[0].x[0], 4.0);                 // GeV
    }
};

QTEST_APPLESS_MAIN(TstLayerResponse)
#include "tst_layer_response.moc"
