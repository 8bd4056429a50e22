#pragma once
// The official CaloChallenge binning XML files this project ships (resources/calochallenge/),
// compiled into the library by core/tasks/calo/task.cmake so the geometry needs no file at run
// time.
#include <string_view>
#include <vector>

namespace bithep::tasks::calo {

struct BuiltinBinning {
    std::string_view name;      // "dataset-1-photons", "dataset-1-pions", "dataset-2"
    std::string_view fileName;  // the official file name, e.g. binning_dataset_1_photons.xml
    std::string_view xml;
};

const std::vector<BuiltinBinning>& builtinBinnings();

}  // namespace bithep::tasks::calo
