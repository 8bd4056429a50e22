#pragma once
// The calorimeter task's headless run (`bithep-explorer --batch calo --model cfm --plan full`):
// simulates (or loads) showers, trains the generative model under each requested plan and seed,
// samples the held-out incident energies and writes them as a CaloChallenge HDF5 file, evaluates
// them against the reference and against the mean-profile baseline (feature histograms with
// separation powers, classifier AUCs), and returns tables, figures (feature histograms, average
// and single showers per layer as maps) and a summary with the cost of each plan.
#include "core/tasks/batch_run.h"

namespace bithep::tasks::calo {

// Throws std::invalid_argument for bad settings, std::runtime_error for unreadable data or a
// training that failed; returns early (summary says so) when progress.cancelled() turns true.
BatchOutput runCaloBatch(const BatchRequest& request, const BatchProgress& progress);

}  // namespace bithep::tasks::calo
