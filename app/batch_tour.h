#pragma once
// `--batch tour [--task ID] [--model NAME] [--plan NAME] [samples=N] [epochs=N] [real=FILE]`: the explorer
// driven headlessly through its own window, as a new user would on first start: generate a
// dataset, train the network in full precision, apply a second plan (the task's second named
// plan by default, p-dat-bit for quark/gluon), train again with the same seed, overlay both runs.
// It writes a screenshot of each view (explorer_<task>_<view>.png, the same widgets and chart
// code as on screen), the runs table, the dataset (<task>_dataset.h5) and the saved project, so
// the README's pictures and samples/<task> are reproducible with one command. Quark/gluon with
// real=FILE carries each plan's tagger, trained on generated jets (without particle types when
// FILE has none), to every jet of FILE, and the project keeps FILE as its dataset.
#include "app/batch_runner.h"

namespace bithep::app {

BatchJob makeTourJob();

}  // namespace bithep::app
