#pragma once
// The SMEFT task's events as a file: generated jets in the reconstructed V frame, the truth
// decay angles and the EFT weights, written to and read from HDF5 (format `bithep-smeft-1`,
// layout in core/tasks/smeft/README.md). Writes are atomic; a bad file throws
// std::runtime_error naming the file and what is wrong.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/tasks/smeft/smeft_event_generator.h"

namespace bithep::tasks::smeft {

struct SmeftDataset {
    std::vector<SmeftEvent> events;
    std::size_t maxConstituents = 40;  // padded length in the file
    std::size_t attempts = 0;          // generated events before the selection
    std::uint64_t seed = 0;
    std::string generatorConfig;  // SmeftGeneratorConfig::toJson()
    std::string source = "generator";

    static SmeftDataset fromSample(SmeftSample sample, const SmeftGeneratorConfig& config,
                                   std::uint64_t seed);
    std::size_t size() const { return events.size(); }
    // Σ w0: the fiducial SM cross-section in fb.
    double fiducialSigmaFb() const;

    void writeHdf5(const std::filesystem::path& path) const;
    static SmeftDataset readHdf5(const std::filesystem::path& path);
};

}  // namespace bithep::tasks::smeft
