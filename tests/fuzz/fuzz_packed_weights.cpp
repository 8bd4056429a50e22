// Packed quantized-weight files (the explorer's export): a file our writer made, edited by the
// fuzzer (hdf5_mutator.h), read back as users' tools and the tests read it.
#include <cstdint>

#include "core/io/quantized_export.h"
#include "tests/fuzz/fuzz_model_files.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/hdf5_mutator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bithep;
    FuzzedDataProvider fdp(data, size);
    const int k = fdp.ConsumeIntegralInRange<int>(0, fuzz::kTaggerVariants - 1);
    const std::string& base = fuzz::baseFile(k, [k](const std::string& path) {
        auto t = fuzz::smallTagger(k);
        io::exportQuantizedWeights(path, *t.model, t.config.toJson(), t.plan.toJson(), "{\"seed\": 1}");
    });
    const fuzz::MemoryFile file(fuzz::mutateHdf5(base, fdp));
    fuzz::expectHandled([&] { io::readQuantizedWeights(file.path()); });
    return 0;
}
