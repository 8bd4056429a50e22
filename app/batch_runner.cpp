#include "app/batch_runner.h"

#include <exception>
#include <filesystem>

#include "app/batch_tour.h"
#include "app/batch_output_writer.h"
#include "app/batch_tools.h"
#include "app/system_report.h"
#include "core/tasks/task_registry.h"

namespace bithep::app {

namespace {

int runBatchFunction(const tasks::BatchFunction& batch, const BatchOptions& options, QTextStream& out,
                     QTextStream& err) {
    const tasks::BatchRequest request = makeBatchRequest(options);
    tasks::BatchProgress progress;
    progress.log = [&err](const std::string& line) {
        err << QString::fromStdString(line) << "\n";
        err.flush();
    };
    const tasks::BatchOutput output = batch(request, progress);
    const QStringList files = writeBatchOutput(output, QString::fromStdString(request.outDir.string()));
    out << QString::fromStdString(output.summary);
    out << files.size() + int(output.files.size()) << " files written to "
        << QString::fromStdString(request.outDir.string()) << "\n";
    return 0;
}

int runTaskBatch(const tasks::TaskDescriptor& task, const BatchOptions& options, QTextStream& out,
                 QTextStream& err) {
    if (!task.batch) {
        err << "task '" << QString::fromStdString(task.id) << "' has no batch mode in this build yet\n";
        return 2;
    }
    return runBatchFunction(task.batch, options, out, err);
}

int runInfo(const BatchOptions& options, QTextStream& out, QTextStream&) {
    refuseUnknownArguments(options, QStringLiteral("info"), {});
    out << SystemReport::collect().toText();
    return 0;
}

// Removes `leaf` and its parents up to and including `top` while they are empty folders.
void removeEmptyFolders(std::filesystem::path leaf, const std::filesystem::path& top) {
    std::error_code ec;
    for (;;) {
        if (!std::filesystem::is_directory(leaf, ec) || !std::filesystem::is_empty(leaf, ec)) return;
        std::filesystem::remove(leaf, ec);
        if (ec || leaf == top || leaf == leaf.parent_path()) return;
        leaf = leaf.parent_path();
    }
}

}  // namespace

BatchRunner::BatchRunner() {
    addJob({QStringLiteral("info"), QStringLiteral("print versions and the CPU features the kernels can use"), runInfo});
    addJob({QStringLiteral("list"), QStringLiteral("list batch jobs and tasks"), [this](const BatchOptions&, QTextStream& out, QTextStream&) {
                for (const auto& job : m_jobs) out << QStringLiteral("  %1  %2\n").arg(job.name, -12).arg(job.summary);
                const auto& tasks = tasks::builtinTasks();
                if (tasks.empty()) out << "No physics tasks are compiled into this build.\n";
                return 0;
            }});
    addJob(makeCostJob());
    addJob(makeBenchJob());
    addJob(makeTourJob());
    for (const auto& id : tasks::builtinTasks().ids()) {
        const auto* task = tasks::builtinTasks().find(id);
        addJob({QString::fromStdString(id), QString::fromStdString(task->title),
                [task](const BatchOptions& options, QTextStream& out, QTextStream& err) {
                    return runTaskBatch(*task, options, out, err);
                }});
        for (const auto& tool : task->tools) {
            addJob({QString::fromStdString(tool.name), QString::fromStdString(tool.summary),
                    [&tool](const BatchOptions& options, QTextStream& out, QTextStream& err) {
                        return runBatchFunction(tool.run, options, out, err);
                    }});
        }
    }
}

void BatchRunner::addJob(BatchJob job) {
    for (auto& existing : m_jobs) {
        if (existing.name == job.name) {  // a richer job replaces the default one
            existing = std::move(job);
            return;
        }
    }
    m_jobs.push_back(std::move(job));
}

QStringList BatchRunner::jobNames() const {
    QStringList names;
    for (const auto& job : m_jobs) names << job.name;
    return names;
}

const BatchJob* BatchRunner::find(const QString& name) const {
    for (const auto& job : m_jobs)
        if (job.name == name) return &job;
    return nullptr;
}

int BatchRunner::run(const BatchOptions& options, QTextStream& out, QTextStream& err) const {
    const BatchJob* job = find(options.job);
    if (!job) {
        err << "unknown batch job or task '" << options.job << "'. Available: " << jobNames().join(QStringLiteral(", "))
            << ".\n";
        if (tasks::builtinTasks().empty()) err << "No physics tasks are compiled into this build yet.\n";
        return 2;
    }
    // A failed job must not leave behind an empty output folder it created.
    std::filesystem::path created = std::filesystem::absolute(options.outDir.toStdString());
    for (std::filesystem::path p = created; !p.empty() && !std::filesystem::exists(p); p = p.parent_path()) {
        created = p;
        if (p == p.parent_path()) break;
    }
    const bool outExisted = std::filesystem::exists(std::filesystem::absolute(options.outDir.toStdString()));
    try {
        return job->run(options, out, err);
    } catch (const std::exception& e) {
        err << "batch job '" << options.job << "' failed: " << e.what() << "\n";
        if (!outExisted) removeEmptyFolders(std::filesystem::absolute(options.outDir.toStdString()), created);
        return 1;
    }
}

}  // namespace bithep::app
