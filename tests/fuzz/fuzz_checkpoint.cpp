// Training checkpoints as `--batch qg checkpoint=FILE` reads them: a checkpoint our writer made,
// edited by the fuzzer (hdf5_mutator.h); then the header and model configuration, the network it
// describes (bounded before anything is allocated), and every parameter, buffer and layer
// precision checked against that network.
#include <cstdint>

#include "core/io/checkpoint.h"
#include "tests/fuzz/fuzz_model_files.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/hdf5_mutator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bithep;
    FuzzedDataProvider fdp(data, size);
    const int k = fdp.ConsumeIntegralInRange<int>(0, fuzz::kTaggerVariants - 1);
    const std::string& base = fuzz::baseFile(k, [k](const std::string& path) {
        auto t = fuzz::smallTagger(k);
        io::saveCheckpoint(path, *t.model, t.config.toJson(), &t.plan);
    });
    const fuzz::MemoryFile file(fuzz::mutateHdf5(base, fdp));
    fuzz::expectHandled([&] {
        const io::CheckpointInfo info = io::readCheckpointInfo(file.path());
        const auto config = tasks::jet_common::JetModelConfig::fromJson(info.modelConfigJson);
        auto model = tasks::qg::makeQgModel(config, 1);
        io::loadCheckpoint(file.path(), *model);
    });
    return 0;
}
