#pragma once
// Everything one jet-origin batch run needs, from `key=value` arguments (or
// BatchRequest::options) over the defaults, which are sized for a 2-core desktop:
//   scan-sizes=300,1000,3000   training-set sizes (jets, training + validation), each trained
//                              from scratch on the first n jets of one generated pool
//   encodings=float,bytes-float32   any of float, bytes-float32, bytes-fixed16, bytes-text
//   test-jets=2000             held-out jets, the same for every size
//   data=FILE                  a bithep-joi-1 file instead of generating; data-seed=2026
//   epochs=8, min-steps=150    epochs per run, raised for small sizes to at least min-steps steps
//   batch=64, lr=0.003, schedule=one-cycle|cosine, weight-decay, validation, grad-clip
//   dim, heads, blocks, ff-hidden, pair-hidden, max-particles, token-dim   the network
//   save-data=0|1              also write the generated jets as joi_dataset.h5
// `--plan` takes one plan, a comma list, or "compare" (fp32, p-dat-bit, all-linear-ternary);
// the default is fp32.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/tasks/batch_run.h"
#include "core/tasks/joi/joi_model.h"
#include "core/tasks/jet_common/jet_train_settings.h"

namespace bithep::tasks::joi {

struct JoiRunConfig {
    std::vector<std::size_t> scanSizes{300, 1000, 3000};
    std::vector<std::string> encodings{"float", "bytes-float32"};
    std::vector<std::string> plans{"fp32"};
    std::size_t testJets = 2000;
    std::string dataFile;
    std::uint64_t dataSeed = 2026;
    long minSteps = 150;
    bool saveData = false;
    JoiModelConfig model;  // its encoding is replaced per run
    jet_common::JetTrainSettings training;

    JoiRunConfig();
    std::size_t largestSize() const;
    // Epochs for a run on `size` jets: training.epochs, or more so that it takes minSteps steps.
    int epochsFor(std::size_t size) const;
    // Throws std::invalid_argument naming the unknown key or the value that does not parse.
    static JoiRunConfig fromRequest(const BatchRequest& request);
    nlohmann::json toJson() const;
};

}  // namespace bithep::tasks::joi
