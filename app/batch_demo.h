#pragma once
// `--batch demo`: what a headless machine shows instead of the window. It makes quark and gluon
// jets with the built-in generator and writes, into --out, the ROC curves and distributions of
// the classic single-observable taggers (multiplicity, p_T^D, girth, mass) as PNG and SVG, the
// data behind them as CSV, the metrics as JSON and project.json with the seed and settings.
#include "app/batch_runner.h"

namespace bithep::app {

BatchJob makeDemoJob();

}  // namespace bithep::app
