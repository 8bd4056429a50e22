#pragma once
// Writes what a batch run produced into its output directory: each figure as PNG and SVG
// (rendered offscreen with the window's chart code), each table as CSV, metrics.json, and
// project.json with every setting, the seed and the program/CPU provenance.
#include <QString>
#include <QStringList>

#include "core/tasks/batch_run.h"

namespace bithep::app {

// Returns the files written (relative to dir). Throws std::runtime_error naming a file that
// could not be written.
QStringList writeBatchOutput(const tasks::BatchOutput& output, const QString& dir);

// Maps the command line onto a task request, creating outDir and checking that a file can be
// written there (a read-only folder is found now, not after an hour of training). Throws
// std::runtime_error naming the folder.
tasks::BatchRequest makeBatchRequest(const struct BatchOptions& options);

// Throws std::invalid_argument for an argument of `job` that is not in `allowed`: a typo must
// not run the job with its defaults and exit 0.
void refuseUnknownArguments(const struct BatchOptions& options, const QString& job, const QStringList& allowed);

}  // namespace bithep::app
