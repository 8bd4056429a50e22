// CaloChallenge showers in HDF5: a file our writer made, edited by the fuzzer (hdf5_mutator.h),
// read from its in-memory file image, with and without the dataset-1 photon geometry.
#include <cstdint>

#include "core/tasks/calo/calo_dataset.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/hdf5_mutator.h"

namespace {

// Variant k: 1 + k % 3 showers of 368 (the photon geometry) or 8 voxels.
void writeVariant(int k, const std::string& path) {
    bithep::tasks::calo::CaloDataset d;
    d.voxels = k < 3 ? 368 : 8;
    for (int i = 0; i <= k % 3; ++i) d.incidentEnergies.push_back(1024.0f * float(i + 1));
    d.showers.resize(d.incidentEnergies.size() * d.voxels);
    for (std::size_t v = 0; v < d.showers.size(); ++v) d.showers[v] = float(v % 7);
    d.writeHdf5(path);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bithep;
    FuzzedDataProvider fdp(data, size);
    const int k = fdp.ConsumeIntegralInRange<int>(0, 5);
    const std::string image = fuzz::mutateHdf5(fuzz::baseFile(k, [k](const std::string& p) { writeVariant(k, p); }), fdp);
    fuzz::expectHandled([&] { tasks::calo::CaloDataset::readHdf5Image(image, "fuzz.h5"); });
    fuzz::expectHandled([&] { tasks::calo::CaloDataset::readHdf5Image(image, "fuzz.h5", 368); });
    return 0;
}
