#pragma once
// Calorimeter showers in the CaloChallenge HDF5 layout, verbatim, so files from the challenge
// and files written here are interchangeable with h5py and the challenge's evaluation code:
//   /incident_energies  (N, 1)       MeV
//   /showers            (N, voxels)  MeV per voxel, the geometry's flat voxel order
// Written as float32 (the challenge's own files use float32 or float64; both are read).
// Nothing else is required on reading; writing adds nothing either, so the file stays verbatim.
// Writes are atomic (temporary file + rename). Reading checks everything a model relies on and
// throws std::runtime_error naming the file and the problem: a missing key, wrong rank or
// shapes, a voxel count that does not match the chosen geometry, NaN/inf, negative voxel
// energies, non-positive incident energies, more data declared than the file stores (size_limits.h),
// or a file HDF5 cannot read (e.g. truncated).
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bithep::tasks::calo {

struct CaloDataset {
    std::size_t voxels = 0;
    std::vector<float> incidentEnergies;  // N, MeV
    std::vector<float> showers;           // N × voxels, row-major, MeV

    std::size_t size() const { return incidentEnergies.size(); }
    std::span<const float> shower(std::size_t i) const { return {showers.data() + i * voxels, voxels}; }
    std::span<float> shower(std::size_t i) { return {showers.data() + i * voxels, voxels}; }

    // Throws std::runtime_error (prefixed with `context`) on the problems listed above.
    void validate(const std::string& context) const;
    // Atomic write; validates first.
    void writeHdf5(const std::filesystem::path& path) const;
    // expectedVoxels = 0 accepts any voxel count.
    static CaloDataset readHdf5(const std::filesystem::path& path, std::size_t expectedVoxels = 0);
    // The same from an HDF5 file image in memory; `name` stands for the file in messages.
    static CaloDataset readHdf5Image(std::string_view bytes, const std::string& name, std::size_t expectedVoxels = 0);
};

}  // namespace bithep::tasks::calo
