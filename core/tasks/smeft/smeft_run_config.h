#pragma once
// Settings of the SMEFT batch run (`bithep-explorer --batch smeft`), from the request's model,
// plan and key=value arguments. Settings: events (training + validation), test-events, data (a
// bithep-smeft-1 file instead of generating), data-seed, save-data (1 writes the events to
// DIR/smeft_events.h5), the training keys (tasks::kTrainSettingKeys), luminosity (fb⁻¹), c-true,
// c-max (0 = automatic), phi-bins, ue-density (underlying-event particles per unit area, 0 = none); the generator's
// threads come from the request. lhe=FILE switches to a truth-level scan of a Les Houches file:
// lhe-weights=SM,PLUS,MINUS (reweighting ids of c = 0, +1, −1; default sm,cw_p1,cw_m1),
// lhe-scale (weight unit → fb per event, default 1), lhe-leptonic=1 (a leptonic V's plane).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/tasks/batch_run.h"
#include "core/tasks/smeft/eft_scan_analysis.h"
#include "core/tasks/smeft/smeft_model.h"
#include "core/tasks/smeft/smeft_training.h"

namespace bithep::tasks::smeft {

struct SmeftRunConfig {
    SmeftModelConfig model = SmeftModelConfig::fromPreset("small");
    std::vector<std::string> plans{"all-ternary"};  // besides the fp32 reference, always trained
    std::size_t trainEvents = 20000;
    std::size_t testEvents = 10000;
    std::string dataFile;
    std::uint64_t dataSeed = 2026;
    bool saveData = false;
    SmeftGeneratorConfig generator;
    std::string lheFile;
    std::vector<std::string> lheWeights{"sm", "cw_p1", "cw_m1"};
    double lheScale = 1.0;
    bool lheLeptonic = false;
    SmeftTrainSettings training;
    EftScanSettings scan;

    // Throws std::invalid_argument naming the bad setting (unknown keys list the known ones).
    static SmeftRunConfig fromRequest(const BatchRequest& request);
    nlohmann::json toJson() const;
};

// "" → all-ternary; "compare" → mp-only, readout-only, all-ternary; else a comma-separated list.
// fp32 in the list is dropped: the fp32 reference is always trained.
std::vector<std::string> parseSmeftPlans(const std::string& text);

}  // namespace bithep::tasks::smeft
