// Les Houches event files, plain or gzip (recognised by content), through the SMEFT conversion.
#include <cstdint>

#include "core/tasks/smeft/lhe_reader.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bithep;
    const fuzz::MemoryFile file(fuzz::asText(data, size));
    fuzz::expectHandled([&] {
        const auto lhe = tasks::smeft::readLhe(file.path());
        for (const bool hadronic : {true, false})
            fuzz::expectHandled([&] { tasks::smeft::lheToDataset(lhe, {"SM", "cW_1", "cW_m1"}, hadronic, 1000.0, "fuzz.lhe"); });
    });
    return 0;
}
