#pragma once
// The quark/gluon task's headless run (`bithep-explorer --batch qg`): makes or loads jets, trains
// the P-DAT model under each requested plan for each seed (and the DeepSets baseline), evaluates
// on held-out jets against the multiplicity cut, writes checkpoints and packed quantized weights
// into outDir, and returns metrics, tables, figures (ROC, score histograms, calibration), every
// setting, and the paper-style comparison table (plans × metrics, mean ± std, with cost).
#include "core/tasks/batch_run.h"

namespace bithep::tasks::qg {

// Throws std::invalid_argument for bad settings, std::runtime_error for unreadable data or a
// training that failed; returns early (summary says so) when progress.cancelled() turns true.
BatchOutput runQgBatch(const BatchRequest& request, const BatchProgress& progress);

}  // namespace bithep::tasks::qg
