// Per-layer mean energy against the incident energy, and its summary deviation.
#include "core/tasks/calo/layer_response.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

namespace bithep::tasks::calo {

std::vector<double> responseBinEdges(const std::vector<float>& incidentEnergiesMeV) {
    if (incidentEnergiesMeV.empty()) throw std::invalid_argument("layer response: no incident energies");
    std::set<double> distinct;
    for (float e : incidentEnergiesMeV) {
        if (!(e > 0)) throw std::invalid_argument("layer response: incident energies must be positive");
        distinct.insert(e);
    }
    std::vector<double> edges;
    if (distinct.size() <= 24) {
        // Geometric midpoints between neighbouring values; the outer edges a factor √2 out.
        const std::vector<double> v(distinct.begin(), distinct.end());
        edges.push_back(v.front() / std::sqrt(2.0));
        for (std::size_t i = 1; i < v.size(); ++i) edges.push_back(std::sqrt(v[i - 1] * v[i]));
        edges.push_back(v.back() * std::sqrt(2.0));
        return edges;
    }
    const double lo = std::log(*distinct.begin()), hi = std::log(*distinct.rbegin());
    constexpr int kBins = 15;
    for (int k = 0; k <= kBins; ++k) edges.push_back(std::exp(lo + (hi - lo) * k / kBins));
    // Exact outer edges: rounding in exp(log(·)) must not leave the extreme energies outside.
    edges.front() = *distinct.begin();
    edges.back() = std::nextafter(*distinct.rbegin(), INFINITY);
    return edges;
}

LayerResponse layerResponse(const CaloDataset& showers, const ShowerGeometry& geometry,
                            const std::vector<double>& edges) {
    if (showers.voxels != geometry.voxelCount())
        throw std::invalid_argument("layer response: the showers have " + std::to_string(showers.voxels) +
                                    " voxels, the geometry " + std::to_string(geometry.voxelCount()));
    if (edges.size() < 2) throw std::invalid_argument("layer response: needs at least one bin");
    const std::size_t bins = edges.size() - 1, layers = geometry.layers().size();
    LayerResponse r;
    r.edges = edges;
    r.counts.assign(bins, 0);
    std::vector<double> incident(bins, 0.0);
    std::vector<std::vector<double>> deposited(layers, std::vector<double>(bins, 0.0));
    for (std::size_t i = 0; i < showers.size(); ++i) {
        const double e = showers.incidentEnergies[i];
        const auto it = std::upper_bound(edges.begin(), edges.end(), e);
        if (it == edges.begin() || it == edges.end()) continue;  // outside the binning
        const auto b = static_cast<std::size_t>(it - edges.begin()) - 1;
        ++r.counts[b];
        incident[b] += e;
        const auto s = showers.shower(i);
        for (std::size_t l = 0; l < layers; ++l) {
            const auto& layer = geometry.layers()[l];
            for (std::size_t v = layer.voxelOffset; v < layer.voxelOffset + layer.voxels(); ++v)
                deposited[l][b] += s[v];
        }
    }
    r.energies.assign(bins, 0.0);
    r.fraction.assign(layers, std::vector<double>(bins, 0.0));
    for (std::size_t b = 0; b < bins; ++b) {
        if (r.counts[b] == 0) continue;
        r.energies[b] = incident[b] / static_cast<double>(r.counts[b]);
        for (std::size_t l = 0; l < layers; ++l) r.fraction[l][b] = deposited[l][b] / incident[b];
    }
    return r;
}

double layerResponseDeviation(const LayerResponse& reference, const LayerResponse& generated) {
    if (reference.edges != generated.edges || reference.fraction.size() != generated.fraction.size())
        throw std::invalid_argument("layer response: the samples are binned differently");
    double sum = 0;
    std::size_t cells = 0;
    for (std::size_t l = 0; l < reference.fraction.size(); ++l)
        for (std::size_t b = 0; b < reference.counts.size(); ++b) {
            if (reference.counts[b] == 0 || generated.counts[b] == 0 || !(reference.fraction[l][b] > 0))
                continue;
            const double ratio = std::clamp(generated.fraction[l][b] / reference.fraction[l][b], 1e-3, 1e3);
            sum += std::abs(std::log10(ratio));
            ++cells;
        }
    return cells > 0 ? sum / static_cast<double>(cells) : 0.0;
}

namespace {

LineFigure::Entry responseLine(const std::string& label, const LayerResponse& r, std::size_t layer,
                               bool markers) {
    LineFigure::Entry e;
    e.label = label;
    e.markers = markers;
    for (std::size_t b = 0; b < r.counts.size(); ++b)
        if (r.counts[b] > 0 && r.fraction[layer][b] > 0) {  // log axes: zero cannot be drawn
            e.x.push_back(r.energies[b] / 1000.0);
            e.y.push_back(r.fraction[layer][b]);
        }
    return e;
}

}  // namespace

std::vector<FigureData> layerResponseFigures(const ShowerGeometry& geometry, const LayerResponse& reference,
                                             const std::vector<LabelledResponse>& generated) {
    std::vector<FigureData> figures;
    for (std::size_t l = 0; l < geometry.layers().size(); ++l) {
        const std::string id = std::to_string(geometry.layers()[l].id);
        LineFigure f;
        f.lines.push_back(responseLine("reference", reference, l, true));
        for (const auto& g : generated) f.lines.push_back(responseLine(g.label, g.response, l, false));
        f.xLabel = "E_inc [GeV]";
        f.yLabel = "mean E_layer / mean E_inc";
        f.logX = f.logY = true;
        figures.push_back(
            {"layer_response_layer" + id, "Layer " + id + ": mean energy vs incident energy", f});
    }
    return figures;
}

}  // namespace bithep::tasks::calo
