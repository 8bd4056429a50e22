#include "core/tasks/cost_report.h"

#include <cstdio>
#include <stdexcept>

#include "core/cost/cost_model.h"
#include "core/cost/inference_timer.h"
#include "core/quant/quant_plan.h"

namespace bithep::tasks {

namespace {

BarFigure perLayerBars(const cost::CostComparison& c, bool energy) {
    BarFigure f;
    f.logY = true;
    f.yLabel = energy ? "Energy per inference [pJ]" : "Memory [bits]";
    f.series = {{"fp32", {}}, {"plan", {}}};
    for (std::size_t i = 0; i < c.plan.layers.size(); ++i) {
        f.categories.push_back(c.plan.layers[i].path);
        const auto& a = c.fp32.layers[i];
        const auto& b = c.plan.layers[i];
        f.series[0].values.push_back(energy ? a.arithmeticPj + a.memoryPj : a.memoryBits);
        f.series[1].values.push_back(energy ? b.arithmeticPj + b.memoryPj : b.memoryBits);
    }
    return f;
}

std::string costSummary(const cost::CostComparison& c, const cost::InferenceTiming& t) {
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "  parameters %.0f (quantized share %.1f %%), MACs/sample %.3g (quantized share %.1f %%)\n"
                  "  memory %.2f kB fp32 -> %.2f kB plan (x%.2f smaller)\n"
                  "  energy/inference (%s, weights in SRAM) %.4g pJ fp32 -> %.4g pJ plan (x%.2f)\n"
                  "  measured time/sample %.3g us fp32 (Eigen %s) -> %.3g us plan (x%.2f, %d layers on the %s kernels)\n",
                  c.plan.parameters, 100 * c.plan.quantizedParameterShare, c.plan.macs, 100 * c.plan.quantizedMacShare,
                  c.fp32.memoryBits / 8000, c.plan.memoryBits / 8000, c.memoryRatio(), c.table.name.c_str(),
                  c.fp32.energyPj(), c.plan.energyPj(), c.energyRatio(), 1e6 * t.fp32SecondsPerSample,
                  t.fp32Path.c_str(), 1e6 * t.planSecondsPerSample, t.speedup(), t.kernelLayers, t.kernelPath.c_str());
    std::string text = buf;
    if (t.machineBusy()) text += "  (" + t.busyNote() + ")\n";
    return text;
}

}  // namespace

BatchOutput costReport(const TaskDescriptor& task, const std::string& model, const std::string& plan,
                       std::uint64_t seed, int timingSamples) {
    if (!task.buildModel) throw std::invalid_argument("cost: task '" + task.id + "' has no models");
    if (timingSamples < 1) throw std::invalid_argument("cost: timing needs at least one sample");
    const std::string modelName = model.empty() ? task.models.at(0) : model;
    const std::string planName = plan.empty() ? "fp32" : plan;
    ModelInstance inst = task.buildModel(modelName, seed);
    // A task's instance may build its own plans (names shared by different layouts).
    const quant::QuantPlan quantPlan =
        inst.plan ? inst.plan(planName) : quant::QuantPlanRegistry::instance().find(planName);
    quantPlan.apply(*inst.model);
    const cost::CostInputs inputs = cost::costInputsFromModel(*inst.model, inst.rowsPerSample);
    nlohmann::json comparisons = nlohmann::json::array();
    for (const auto& table : cost::EnergyTable::presets())
        comparisons.push_back(cost::toJson(cost::compareWithFp32(inputs, table, cost::WeightMemory::Sram)));
    const auto main = cost::compareWithFp32(inputs, cost::EnergyTable::horowitz45nm(), cost::WeightMemory::Sram);
    const auto timing =
        cost::measureInferenceTime(*inst.model, [&] { inst.forward(timingSamples); }, timingSamples);

    BatchOutput out;
    out.metrics = {{"comparisons", comparisons},
                   {"timing", timing.toJson()},
                   {"note", "zero fractions of ternary layers are those of the freshly initialised weights"}};
    out.tables.emplace("cost_plan", cost::toCsv(main.plan));
    out.tables.emplace("cost_fp32", cost::toCsv(main.fp32));
    out.figures.push_back({"cost_energy", "Energy per inference by layer: fp32 vs " + planName, perLayerBars(main, true)});
    out.figures.push_back({"cost_memory", "Weight memory by layer: fp32 vs " + planName, perLayerBars(main, false)});
    out.settings = {{"job", "cost"},
                    {"task", task.id},
                    {"model", modelName},
                    {"model_config", inst.configJson},
                    {"plan", nlohmann::json::parse(quantPlan.toJson())},
                    {"seed", seed},
                    {"energy_table", main.table.toJson()}};
    out.summary = task.id + " / " + modelName + " / plan " + planName + "\n" + costSummary(main, timing);
    return out;
}

}  // namespace bithep::tasks
