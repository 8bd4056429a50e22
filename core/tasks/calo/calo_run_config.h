#pragma once
// Settings of the calorimeter batch run (`bithep-explorer --batch calo`), from the request's
// model, plan and key=value settings: showers (training, default 20000), test-showers (held-out
// reference, 5000), data (a CaloChallenge HDF5 file instead of simulating), data-seed (2026),
// geometry (dataset-1-photons), the training keys (tasks::kTrainSettingKeys), hidden, layers,
// ode-steps, bins (flow-spline), classifier-epochs.
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/tasks/batch_run.h"
#include "core/tasks/calo/calo_training.h"

namespace bithep::tasks::calo {

struct CaloRunConfig {
    std::string model = "cfm";
    std::vector<std::string> plans;  // "compare" expands to every plan of the model
    std::size_t trainShowers = 20000, testShowers = 5000;
    std::string dataFile;
    std::uint64_t dataSeed = 2026;
    std::string geometry = "dataset-1-photons";
    CaloTrainSettings training;
    CaloModelSize size;
    int classifierEpochs = 10;

    // Throws std::invalid_argument naming an unknown model, plan or setting, or a bad value.
    static CaloRunConfig fromRequest(const BatchRequest& request);
    nlohmann::json toJson() const;
};

}  // namespace bithep::tasks::calo
