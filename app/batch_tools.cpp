#include "app/batch_tools.h"

#include <stdexcept>

#include "app/batch_output_writer.h"
#include "core/kernels/kernel_benchmark.h"
#include "core/tasks/cost_report.h"
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

int runCost(const BatchOptions& options, QTextStream& out, QTextStream&) {
    refuseUnknownArguments(options, QStringLiteral("cost"), {});
    const auto& task = taskWithModels(options.task.toStdString());
    const tasks::BatchOutput output =
        tasks::costReport(task, options.model.toStdString(), options.plan.toStdString(), options.seed, kTimingBatch);
    const tasks::BatchRequest request = makeBatchRequest(options);
    writeBatchOutput(output, QString::fromStdString(request.outDir.string()));
    out << QString::fromStdString(output.summary);
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
