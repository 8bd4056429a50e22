#pragma once
// `--batch tour`: the explorer driven headlessly through its own window, as a new user would on
// first start: generate jets, train the network in full precision, make the attention ternary,
// train again with the same seed, overlay both ROC curves. It writes a screenshot of each view
// (the same widgets and chart code as on screen), the runs table, the dataset (qg_jets.h5) and
// the saved project, so the README's pictures and samples/qg are reproducible with one command.
#include "app/batch_runner.h"

namespace bithep::app {

BatchJob makeTourJob();

}  // namespace bithep::app
