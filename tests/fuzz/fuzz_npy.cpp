// npy arrays: header parsing, shape bounds and the check against the bytes really there.
#include <cstdint>
#include <cstring>

#include "core/io/npy_array.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bithep;
    const auto source = [&](std::size_t& offset) {
        return [&, data, size](char* dst, std::size_t n) {
            const std::size_t k = std::min(n, size - offset);
            std::memcpy(dst, data + offset, k);
            offset += k;
            return k;
        };
    };
    std::size_t a = 0, b = 0, c = 0;
    fuzz::expectHandled([&] { io::readNpy<float>(source(a), "fuzz.npy", false, size); });
    fuzz::expectHandled([&] { io::readNpy<double>(source(b), "fuzz.npy", true, size); });
    // A source of unknown length (a pipe) relies on the element bound and on running dry.
    fuzz::expectHandled([&] { io::readNpy<float>(source(c), "fuzz.npy", false); });
    return 0;
}
