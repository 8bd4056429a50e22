// Model factory, quantization-aware training loop and sampling for the calorimeter task.
#include "core/tasks/calo/calo_training.h"

#include <chrono>
#include <numeric>
#include <stdexcept>

#include "core/tasks/calo/calo_plans.h"
#include "core/tasks/calo/cfm_model.h"
#include "core/tasks/calo/coupling_flow_model.h"

namespace bithep::tasks::calo {

using tensor::Index;
using tensor::Matrix;

namespace {

std::string knownModels() {
    std::string s;
    for (const auto& n : caloModelNames()) s += (s.empty() ? "" : ", ") + n;
    return s;
}

}  // namespace

std::vector<std::string> caloModelNames() {
    return {"cfm", "cfm-transformer", "flow", "flow-spline"};
}

bool isCouplingFlow(const std::string& model) {
    return model == "flow" || model == "flow-spline";
}

std::shared_ptr<CaloGenerativeModel> makeCaloModel(const std::string& name, const ModelSpaceLayout& layout,
                                                   std::uint64_t seed, const CaloModelSize& size) {
    const int voxels = layout.dimension();
    if (name == "cfm" || name == "cfm-transformer") {
        CfmConfig c = name == "cfm" ? CfmConfig{} : CfmConfig::transformer(layout.groups);
        c.voxels = voxels;
        if (size.hidden > 0) c.hidden = size.hidden;
        if (size.layers > 0) c.hiddenLayers = size.layers;
        if (size.odeSteps > 0) c.odeSteps = size.odeSteps;
        return std::make_shared<CfmModel>(c, seed);
    }
    if (isCouplingFlow(name)) {
        CouplingFlowConfig c;
        if (name == "flow-spline") c.coupling = CouplingFlowConfig::Coupling::Spline;
        c.voxels = voxels;
        if (size.hidden > 0) c.hidden = size.hidden;
        if (size.layers > 0) c.blocks = size.layers;
        if (size.bins > 0) c.bins = size.bins;
        return std::make_shared<CouplingFlowModel>(c, seed);
    }
    throw std::invalid_argument("unknown calorimeter model '" + name + "' (known: " + knownModels() + ")");
}

std::vector<std::string> caloPlanNames(const std::string& model) {
    if (model == "cfm") return cfmPlanNames(CfmConfig::Field::Mlp);
    if (model == "cfm-transformer") return cfmPlanNames(CfmConfig::Field::Transformer);
    if (isCouplingFlow(model)) return flowPlanNames();
    throw std::invalid_argument("unknown calorimeter model '" + model + "' (known: " + knownModels() + ")");
}

quant::QuantPlan caloPlan(const std::string& model, const std::string& plan,
                          const CaloGenerativeModel& instance) {
    if (const auto* cfm = dynamic_cast<const CfmModel*>(&instance);
        cfm && model == (cfm->config().field == CfmConfig::Field::Mlp ? "cfm" : "cfm-transformer"))
        return cfmPlan(plan, cfm->config());
    if (const auto* flow = dynamic_cast<const CouplingFlowModel*>(&instance);
        flow &&
        model == (flow->config().coupling == CouplingFlowConfig::Coupling::Affine ? "flow" : "flow-spline"))
        return flowPlan(plan, flow->config());
    throw std::invalid_argument("calorimeter plan: model '" + model + "' does not match the instance");
}

train::TrainResult trainCaloModel(CaloGenerativeModel& model, const ShowerPreprocessing& preprocessing,
                                  const CaloDataset& showers, const CaloTrainSettings& settings,
                                  const train::TrainCallbacks& callbacks) {
    if (showers.size() < 10) throw std::invalid_argument("calo training: fewer than 10 training showers");
    std::vector<std::size_t> rows(showers.size());
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    // One noise stream for dequantisation, flow-matching times and noise, seeded with the run.
    tensor::Rng rng(settings.seed ^ 0xC0FFEEULL);
    const auto loss = [&](const std::vector<std::size_t>& batch) {
        std::vector<float> energies(batch.size());
        std::vector<Index> batchRows(batch.size());
        for (std::size_t r = 0; r < batch.size(); ++r) {
            energies[r] = showers.incidentEnergies[batch[r]];
            batchRows[r] = static_cast<Index>(batch[r]);
        }
        const Matrix x = preprocessing.forward(showers, batchRows, rng);
        return model.loss(x, ShowerPreprocessing::condition(energies), rng);
    };
    return train::trainOnItems(model, rows, loss, settings, "calo training", callbacks, 10);
}

SampledShowers sampleShowers(CaloGenerativeModel& model, const ShowerPreprocessing& preprocessing,
                             const std::vector<float>& incidentEnergiesMeV, std::uint64_t seed,
                             int batchSize) {
    if (batchSize < 1) throw std::invalid_argument("calo sampling: batch size must be positive");
    tensor::Rng rng(seed);
    const auto start = std::chrono::steady_clock::now();
    SampledShowers out;
    out.showers.voxels = preprocessing.voxels();
    for (std::size_t first = 0; first < incidentEnergiesMeV.size();
         first += static_cast<std::size_t>(batchSize)) {
        const std::size_t count =
            std::min(static_cast<std::size_t>(batchSize), incidentEnergiesMeV.size() - first);
        const std::vector<float> energies(
            incidentEnergiesMeV.begin() + static_cast<std::ptrdiff_t>(first),
            incidentEnergiesMeV.begin() + static_cast<std::ptrdiff_t>(first + count));
        const CaloDataset part =
            preprocessing.inverse(model.sample(ShowerPreprocessing::condition(energies), rng), energies);
        out.showers.incidentEnergies.insert(out.showers.incidentEnergies.end(), part.incidentEnergies.begin(),
                                            part.incidentEnergies.end());
        out.showers.showers.insert(out.showers.showers.end(), part.showers.begin(), part.showers.end());
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

}  // namespace bithep::tasks::calo
