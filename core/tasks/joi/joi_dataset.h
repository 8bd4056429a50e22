#pragma once
// The jet-origin task's dataset: flavour jets as zero-padded particle arrays, made by the
// flavour generator (core/physics/flavour_jet_generator.h) or read back from the task's HDF5
// layout. The kinematic part is a jet_common::JetDataset, so the quark/gluon features apply unchanged.
//
// HDF5 layout (format "bithep-joi-1"; readable with h5py):
//   /particles   float32 (N, M, 4)  pT [GeV], rapidity y, azimuth φ in [0, 2π), PDG id (as float);
//                                   hardest first, rows with pT = 0 are padding (as bithep-qg-1)
//   /tracks      float32 (N, M, 4)  d0, z0, σ_d0, σ_z0 [mm]; zero for neutral particles and padding
//   /labels      uint8   (N,)       origin class 0..10 = b, bbar, c, cbar, s, sbar, u, ubar, d, dbar, g
//   root attributes: format = "bithep-joi-1", class_names (JSON list), generator_config (JSON
//                    string), seed (uint64), source (string)
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/physics/flavour_jet_generator.h"
#include "core/tasks/jet_common/jet_dataset.h"

namespace bithep::tasks::joi {

struct JoiDataset {
    jet_common::JetDataset kinematics;           // its labels: 1 for quark-initiated, 0 for gluon jets
    std::vector<float> tracks;          // jets × maxParticles × 4
    std::vector<std::uint8_t> origins;  // 0..10

    std::size_t jets() const { return kinematics.jets; }
    const float* track(std::size_t jet, std::size_t i) const {
        return tracks.data() + (jet * kinematics.maxParticles + i) * 4;
    }
    // Throws std::runtime_error (prefixed with `context`) on inconsistent sizes, non-finite
    // track values, negative errors or labels outside 0..10.
    void validate(const std::string& context) const;

    static JoiDataset fromJets(const std::vector<physics::FlavourJet>& jets, const std::string& configJson,
                               std::uint64_t seed);
    // Atomic write (temporary file + rename).
    void writeHdf5(const std::filesystem::path& path) const;
    static JoiDataset readHdf5(const std::filesystem::path& path);
};

}  // namespace bithep::tasks::joi
