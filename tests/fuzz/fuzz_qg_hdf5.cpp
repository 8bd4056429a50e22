// Quark/gluon datasets in HDF5 ("bithep-qg-1"): a file our writer made, edited by the fuzzer
// (hdf5_mutator.h), read from its in-memory file image.
#include <cstdint>

#include "core/tasks/jet_common/jet_dataset.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/hdf5_mutator.h"

namespace {

// Variant k: 1 + k % 4 jets of 1 + (k + j) % 5 particles; the values are the edits' business.
void writeVariant(int k, const std::string& path) {
    std::vector<bithep::physics::Jet> jets(std::size_t(1 + k % 4));
    for (std::size_t j = 0; j < jets.size(); ++j) {
        jets[j].isQuark = (k + j) % 2 == 0;
        for (std::size_t i = 0; i <= (std::size_t(k) + j) % 5; ++i)
            jets[j].particles.push_back({50.0 / double(i + 1), 0.1 * double(i), 1.0 + 0.01 * double(i), i % 2 ? 22 : 211});
    }
    bithep::tasks::jet_common::JetDataset::fromJets(jets, "{}", std::uint64_t(k)).writeHdf5(path);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bithep;
    FuzzedDataProvider fdp(data, size);
    const int k = fdp.ConsumeIntegralInRange<int>(0, 19);
    const std::string image = fuzz::mutateHdf5(fuzz::baseFile(k, [k](const std::string& p) { writeVariant(k, p); }), fdp);
    fuzz::expectHandled([&] { tasks::jet_common::JetDataset::readHdf5Image(image, "fuzz.h5"); });
    return 0;
}
