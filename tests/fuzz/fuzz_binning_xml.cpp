// CaloChallenge binning XML (the geometry of every calorimeter dataset).
#include <cstdint>

#include "core/tasks/calo/shower_geometry.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bithep;
    fuzz::expectHandled([&] { tasks::calo::ShowerGeometry::fromXml(fuzz::asText(data, size), "fuzz.xml"); });
    return 0;
}
