#include "app/batch_tools.h"

#include <stdexcept>

#include "app/batch_output_writer.h"
#include "core/cost/cost_model.h"
#include "core/cost/inference_timer.h"
#include "core/kernels/kernel_benchmark.h"
#include "core/quant/quant_plan.h"
#include "core/tasks/kernel_bench_report.h"
#include "core/tasks/task_registry.h"

namespace bithep::app {

namespace {

constexpr int kTimingBatch = 256;

std::string joined(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s.empty() ? "(none)" : s;
}

const tasks::TaskDescriptor& taskWithModels(const std::string& id) {
    std::vector<std::string> withModels;
    for (const auto& t : tasks::builtinTasks().ids())
        if (tasks::builtinTasks().find(t)->buildModel) withModels.push_back(t);
    const auto* task = tasks::builtinTasks().find(id);
    if (!task || !task->buildModel)
        throw std::invalid_argument("--batch cost needs --task with a model; tasks with models: " + joined(withModels));
    return *task;
}

tasks::BarFigure perLayerBars(const cost::CostComparison& c, bool energy) {
    tasks::BarFigure f;
    f.logY = true;
    f.yLabel = energy ? "Energy per inference [pJ]" : "Memory [bits]";
    f.series = {{"fp32", {}}, {"plan", {}}};
    for (size_t i = 0; i < c.plan.layers.size(); ++i) {
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

int runCost(const BatchOptions& options, QTextStream& out, QTextStream&) {
    refuseUnknownArguments(options, QStringLiteral("cost"), {});
    const auto& task = taskWithModels(options.task.toStdString());
    const std::string modelName = options.model.isEmpty() ? task.models.at(0) : options.model.toStdString();
    const std::string planName = options.plan.isEmpty() ? "fp32" : options.plan.toStdString();
    tasks::ModelInstance inst = task.buildModel(modelName, options.seed);
    // A task's instance may build its own plans (names shared by different layouts).
    const quant::QuantPlan plan =
        inst.plan ? inst.plan(planName) : quant::QuantPlanRegistry::instance().find(planName);
    plan.apply(*inst.model);
    const cost::CostInputs inputs = cost::costInputsFromModel(*inst.model, inst.rowsPerSample);
    tasks::BatchOutput output;
    nlohmann::json comparisons = nlohmann::json::array();
    for (const auto& table : cost::EnergyTable::presets())
        comparisons.push_back(cost::toJson(cost::compareWithFp32(inputs, table, cost::WeightMemory::Sram)));
    const auto main = cost::compareWithFp32(inputs, cost::EnergyTable::horowitz45nm(), cost::WeightMemory::Sram);
    const auto timing = cost::measureInferenceTime(*inst.model, [&] { inst.forward(kTimingBatch); }, kTimingBatch);
    output.metrics = {{"comparisons", comparisons}, {"timing", timing.toJson()},
                      {"note", "zero fractions of ternary layers are those of the freshly initialised weights"}};
    output.tables.emplace("cost_plan", cost::toCsv(main.plan));
    output.tables.emplace("cost_fp32", cost::toCsv(main.fp32));
    output.figures.push_back({"cost_energy", "Energy per inference by layer: fp32 vs " + planName, perLayerBars(main, true)});
    output.figures.push_back({"cost_memory", "Weight memory by layer: fp32 vs " + planName, perLayerBars(main, false)});
    output.settings = {{"job", "cost"}, {"task", task.id}, {"model", modelName}, {"model_config", inst.configJson},
                       {"plan", nlohmann::json::parse(plan.toJson())}, {"seed", options.seed},
                       {"energy_table", main.table.toJson()}};
    const tasks::BatchRequest request = makeBatchRequest(options);
    writeBatchOutput(output, QString::fromStdString(request.outDir.string()));
    out << QString::fromStdString(task.id + " / " + modelName + " / plan " + planName + "\n" + costSummary(main, timing));
    out << "Cost tables, figures and project.json written to " << QString::fromStdString(request.outDir.string()) << "\n";
    return 0;
}

int runBench(const BatchOptions& options, QTextStream& out, QTextStream& err) {
    refuseUnknownArguments(options, QStringLiteral("bench"), {QStringLiteral("all-paths")});
    kernels::KernelBenchConfig config;
    config.shapes = kernels::defaultBenchShapes();
    const bool allPaths = options.arguments.contains(QStringLiteral("all-paths"));
    config.paths = allPaths ? kernels::supportedKernelPaths() : std::vector<kernels::KernelPath>{kernels::bestKernelPath()};
    if (options.threads > 0) config.threads = {options.threads};
    config.onRow = [&err](const kernels::BenchRow& r) {
        err << QString::fromStdString(r.shape.label()) << "  " << kernels::kernelPathName(r.path).data() << "  "
            << r.threads << " thread(s): ternary/fp32 = " << r.ratio << "\n";
        err.flush();
    };
    const auto rows = kernels::runKernelBenchmark(config);
    const tasks::BatchOutput output = tasks::kernelBenchReport(rows, config, allPaths);
    const tasks::BatchRequest request = makeBatchRequest(options);
    writeBatchOutput(output, QString::fromStdString(request.outDir.string()));
    out << QString::fromStdString(output.summary);
    out << "Table and figure written to " << QString::fromStdString(request.outDir.string()) << "\n";
    return 0;
}

}  // namespace

BatchJob makeCostJob() {
    return {QStringLiteral("cost"), QStringLiteral("cost of a task's model under a plan: --task ID [--model M] --plan P"), runCost};
}

BatchJob makeBenchJob() {
    return {QStringLiteral("bench"), QStringLiteral("ternary kernels vs Eigen fp32 on layer shapes (add 'all-paths' for every ISA)"), runBench};
}

}  // namespace bithep::app
