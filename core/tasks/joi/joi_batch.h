#pragma once
// `bithep-explorer --batch joi`: the data-scaling study of jet origin identification. One pool
// of flavour jets (generated or read), a fixed held-out test set, and for every encoding ×
// plan × training-set size a model trained from scratch on the first n pool jets; outputs the
// accuracy table and power-law fits (metrics.json, scan.csv, power_law_fits.csv), and for the
// largest size the confusion matrix, per-class and merged ROCs (figures as data).
// Settings: joi_run_config.h.
#include "core/tasks/batch_run.h"

namespace bithep::tasks::joi {

BatchOutput runJoiBatch(const BatchRequest& request, const BatchProgress& progress);

}  // namespace bithep::tasks::joi
