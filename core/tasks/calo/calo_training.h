#pragma once
// Training and sampling of the calorimeter generative models: models built by name, the
// quantization plan applied before training (quantization-aware, straight-through), the
// task-agnostic Trainer with AdamW and a one-cycle schedule, and sampling back to showers in
// the CaloChallenge layout with the sampling rate measured.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/quant/quant_plan.h"
#include "core/tasks/calo/calo_dataset.h"
#include "core/tasks/calo/calo_generative_model.h"
#include "core/tasks/calo/shower_preprocessing.h"
#include "core/train/train_settings.h"

namespace bithep::tasks::calo {

// "cfm" (default), "cfm-transformer", "flow" (affine couplings), "flow-spline".
std::vector<std::string> caloModelNames();
// The coupling flows ("flow", "flow-spline"): trained by likelihood, one evaluation per shower.
bool isCouplingFlow(const std::string& model);

struct CaloModelSize {
    int hidden = 0;  // 0 = the model's default width
    int layers = 0;  // CFM: hidden layers; transformer: blocks; flow: coupling blocks; 0 = default
    int odeSteps = 0;
    int bins = 0;  // flow-spline: spline bins; 0 = default
};

// Throws std::invalid_argument listing the names for an unknown model.
std::shared_ptr<CaloGenerativeModel> makeCaloModel(const std::string& name, const ModelSpaceLayout& layout,
                                                   std::uint64_t seed, const CaloModelSize& size = {});
std::vector<std::string> caloPlanNames(const std::string& model);
// The named plan built for this model's depth (flowPlan / cfmPlan).
quant::QuantPlan caloPlan(const std::string& model, const std::string& plan,
                          const CaloGenerativeModel& instance);

// The shared settings with the calorimeter's defaults: twenty epochs of 256 showers, no weight
// decay, a tenth of the showers for validation.
struct CaloTrainSettings : train::TrainSettings {
    CaloTrainSettings() {
        epochs = 20;
        batchSize = 256;
        learningRate = 1e-3f;
        weightDecay = 0.0f;
        validationFraction = 0.1;
    }
    explicit CaloTrainSettings(const train::TrainSettings& base) : train::TrainSettings(base) {}
};

train::TrainResult trainCaloModel(CaloGenerativeModel& model, const ShowerPreprocessing& preprocessing,
                                  const CaloDataset& showers, const CaloTrainSettings& settings,
                                  const train::TrainCallbacks& callbacks = {});

struct SampledShowers {
    CaloDataset showers;
    double seconds = 0;  // wall time of sampling and the inverse preprocessing
    double showersPerSecond() const {
        return seconds > 0 ? static_cast<double>(showers.size()) / seconds : 0.0;
    }
};

SampledShowers sampleShowers(CaloGenerativeModel& model, const ShowerPreprocessing& preprocessing,
                             const std::vector<float>& incidentEnergiesMeV, std::uint64_t seed,
                             int batchSize = 1000);

}  // namespace bithep::tasks::calo
