#pragma once
// The voxel geometry of a CaloChallenge dataset, read from its official binning XML: concentric
// layers along the particle direction, each cut into radial rings (r_edges, mm) and angular
// sectors (n_bin_alpha). Layers whose r_edges hold a single edge have no voxels and are skipped
// ("relevant layers" in the CaloChallenge code). Voxel order is the challenge's flat order:
// radial bin fastest, then angular bin, then layer, so voxel = offset(layer) + a·nR + r.
// Sector a covers α ∈ [−π + 2πa/nα, −π + 2π(a+1)/nα); a layer with one sector has α = 0, and a
// voxel's position is η = r·cos α, φ = r·sin α at the ring and sector midpoints (mm), as the
// challenge's high-level features use them. The three official files are compiled in.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bithep::tasks::calo {

struct CaloLayer {
    int id = 0;                        // layer id in the XML (dataset-1 photons: 0, 1, 2, 3, 12)
    std::vector<double> radialEdges;   // mm, strictly increasing, at least two
    int angularBins = 1;
    std::size_t voxelOffset = 0;       // index of the layer's first voxel

    int radialBins() const { return static_cast<int>(radialEdges.size()) - 1; }
    std::size_t voxels() const { return static_cast<std::size_t>(radialBins()) * static_cast<std::size_t>(angularBins); }
};

// Voxel midpoint as the CaloChallenge high-level features use it.
struct VoxelCenter {
    double r = 0, alpha = 0;  // mm, radians
    double eta = 0, phi = 0;  // r·cos α, r·sin α (mm)
};

class ShowerGeometry {
public:
    // Names of the compiled-in files: "dataset-1-photons" (368 voxels, the default),
    // "dataset-1-pions" (533), "dataset-2" (6480).
    static std::vector<std::string> builtinNames();
    // Throws std::invalid_argument listing the names for an unknown one.
    static ShowerGeometry builtin(const std::string& name);
    // Throws std::runtime_error naming `source` and the problem (no <Bin>, a layer without
    // r_edges or n_bin_alpha, non-numeric or non-increasing edges, no layer with voxels).
    static ShowerGeometry fromXml(std::string_view xml, const std::string& source);
    static ShowerGeometry fromFile(const std::filesystem::path& path);

    const std::string& name() const { return m_name; }         // e.g. "photon" (the Bin's name)
    int pid() const { return m_pid; }                          // PDG id of the Bin, 0 if absent
    const std::vector<CaloLayer>& layers() const { return m_layers; }
    std::size_t voxelCount() const { return m_voxels; }
    // Flat index; throws std::out_of_range for a bin outside the layer.
    std::size_t voxelIndex(std::size_t layer, int angularBin, int radialBin) const;
    // Position of every voxel, in voxel order.
    const std::vector<VoxelCenter>& centers() const { return m_centers; }
    // Layer index (into layers()) of every voxel, in voxel order.
    const std::vector<int>& voxelLayer() const { return m_voxelLayer; }
    // Index into layers() of the layer with this XML id, -1 if none.
    int layerIndexOfId(int id) const;

private:
    void finish();  // offsets, centres, voxel → layer map

    std::string m_name;
    int m_pid = 0;
    std::vector<CaloLayer> m_layers;
    std::size_t m_voxels = 0;
    std::vector<VoxelCenter> m_centers;
    std::vector<int> m_voxelLayer;
};

}  // namespace bithep::tasks::calo
