#pragma once
// Headless jobs behind `--batch JOB`. Each job is a named function; the runner lists them,
// runs one, and turns an exception into a message and a non-zero exit code, so a batch system
// (Slurm, HTCondor) sees a clean failure instead of a crash.
#include <QTextStream>
#include <functional>
#include <vector>

#include "app/command_line.h"

namespace bithep::app {

struct BatchJob {
    QString name;
    QString summary;
    std::function<int(const BatchOptions&, QTextStream& out, QTextStream& err)> run;
};

class BatchRunner {
public:
    BatchRunner();  // registers the built-in jobs and one job per registered task

    void addJob(BatchJob job);
    QStringList jobNames() const;

    // Exit codes: 0 success, 1 the job failed, 2 unknown job or bad options.
    int run(const BatchOptions& options, QTextStream& out, QTextStream& err) const;

private:
    const BatchJob* find(const QString& name) const;
    std::vector<BatchJob> m_jobs;
};

}  // namespace bithep::app
