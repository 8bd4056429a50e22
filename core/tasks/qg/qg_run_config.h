#pragma once
// Everything one quark/gluon batch run needs, from the command line: a preset (`--model
// teaching`, the default, sized to train on two cores in minutes; `--model full` for
// physics-grade runs), overridden by `key=value` arguments or BatchRequest::options, and the
// list of plans (`--plan p-dat-bit`, `--plan fp32,p-dat-bit`, `--plan compare`).
// Keys: jets, test-jets, data (an energyflow .npz or bithep-qg .h5 file), data-seed, the training
// keys (tasks::kTrainSettingKeys), dim, heads, blocks, ff-hidden, pair-hidden, max-particles,
// deepsets (0/1),
// checkpoint (a saved tagger to evaluate on the test jets instead of training), pid (0: train
// and score without particle identification, for taggers carried to PID-free data).
// Scoring a checkpoint on a file (checkpoint= with data=) scores every jet of the file unless
// jets= or test-jets= say otherwise.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/tasks/batch_run.h"
#include "core/tasks/qg/qg_model.h"
#include "core/tasks/qg/qg_training.h"

namespace bithep::tasks::qg {

struct QgRunConfig {
    std::string preset = "teaching";
    std::size_t trainJets = 12000;  // training + validation
    std::size_t testJets = 6000;    // held out; 3000 per class keep the AUC error near 0.004
    std::string dataFile;           // empty: generate
    std::uint64_t dataSeed = 2026;  // generator seed, or the shuffle of a loaded file
    jet_common::JetModelConfig pdat;
    jet_common::JetModelConfig deepSets;
    jet_common::JetTrainSettings training;
    bool trainDeepSets = true;
    std::vector<std::string> plans;  // plan names or plan JSON files
    std::string checkpoint;          // non-empty: evaluate this tagger, train nothing
    bool usePid = true;              // false: the PDG ids are dropped before anything else
    bool wholeFile = false;          // checkpoint on a file: every jet is a test jet

    // Throws std::invalid_argument naming the unknown key or the value that does not parse.
    static QgRunConfig fromRequest(const BatchRequest& request);
    static QgRunConfig fromPreset(const std::string& name);
    nlohmann::json toJson() const;
};

// "" → {"p-dat-bit"}; "compare" → fp32, p-dat-bit, all-linear-ternary; otherwise a comma list.
std::vector<std::string> parsePlanList(const std::string& text);

}  // namespace bithep::tasks::qg
