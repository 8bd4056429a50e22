// npz archives (energyflow quark/gluon files): zip container, npy members, the dataset checks.
#include <cstdint>

#include "core/io/npz_reader.h"
#include "core/tasks/jet_common/jet_dataset.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bithep;
    fuzz::expectHandled([&] {
        const auto reader = io::NpzReader::fromMemory(fuzz::asText(data, size), "fuzz.npz");
        for (const auto& name : reader.names())
            fuzz::expectHandled([&] { reader.read<float>(name); });
        tasks::jet_common::JetDataset::readNpz(reader);
    });
    return 0;
}
