#pragma once
// The quark/gluon task's dataset: jets as zero-padded particle arrays, made by the built-in
// generator, saved to and loaded from the task's HDF5 layout, or read from the public energyflow
// QG_jets*.npz files.
//
// HDF5 layout (format "bithep-qg-1"; readable with h5py):
//   /particles   float32 (N, M, 4)  per particle pT [GeV], rapidity y, azimuth φ in [0, 2π),
//                                   PDG id (as float); hardest first, rows with pT = 0 are padding
//   /labels      uint8   (N,)       1 = quark jet, 0 = gluon jet
//   root attributes: format = "bithep-qg-1", pid_known (uint8, 0 when the PDG ids are all zero),
//                    generator_config (JSON string, "" if not generated here), seed (uint64),
//                    source (string: "generator" or the file it was converted from)
// energyflow npz: X (N, M, 4) '<f8' or '<f4' = pT, y, φ, pid; y (N,) 1 = quark. A pid column that
// is zero everywhere means the file carries no PID (pid_known = false: PID features disabled).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/physics/jet_generator.h"

namespace bithep::io {
class NpzReader;
}

namespace bithep::tasks::jet_common {

struct JetDataset {
    std::size_t jets = 0;
    std::size_t maxParticles = 0;    // M: padded length
    std::vector<float> particles;    // jets × maxParticles × 4, row-major
    std::vector<std::uint8_t> labels;  // 1 = quark
    bool pidKnown = true;
    std::string generatorConfig;     // JSON, empty if not generated here
    std::uint64_t seed = 0;
    std::string source;

    const float* particle(std::size_t jet, std::size_t i) const {
        return particles.data() + (jet * maxParticles + i) * 4;
    }
    std::size_t multiplicity(std::size_t jet) const;  // rows with pT > 0
    // Throws std::runtime_error (prefixed with `context`) on inconsistent sizes, NaN/inf,
    // negative pT, labels other than 0/1.
    void validate(const std::string& context) const;
    // Forgets the particle types (PDG column set to 0, pidKnown false), so a tagger trained on
    // these jets takes only kinematics and can be carried to PID-free data.
    void dropPid();
    // Notice for the user when pidKnown is false, empty otherwise.
    std::string pidNotice() const;

    static JetDataset fromJets(const std::vector<physics::Jet>& jets, const std::string& configJson,
                              std::uint64_t seed);
    // Atomic write (temporary file + rename).
    void writeHdf5(const std::filesystem::path& path) const;
    static JetDataset readHdf5(const std::filesystem::path& path);
    // The same from an HDF5 file image in memory; `name` stands for the file in messages.
    static JetDataset readHdf5Image(std::string_view bytes, const std::string& name);
    // An energyflow .npz or, for any other extension, a bithep-qg-1 HDF5 file.
    static JetDataset read(const std::filesystem::path& path);
    // maxJets = 0 reads all.
    static JetDataset readNpz(const std::filesystem::path& path, std::size_t maxJets = 0);
    static JetDataset readNpz(const io::NpzReader& reader, std::size_t maxJets = 0);

private:
    static JetDataset readNpzUnchecked(const io::NpzReader& reader, std::size_t maxJets, const std::string& context);
};

}  // namespace bithep::tasks::jet_common
