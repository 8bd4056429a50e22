#pragma once
// `--batch demo` (a tool of the quark/gluon task): what a headless machine shows instead of the
// window. It makes quark and gluon jets with the built-in generator and returns the ROC curves
// and distributions of the classic single-observable taggers (multiplicity, p_T^D, girth, mass),
// their AUCs and rejections, and the seed and generator settings that made them.
#include "core/tasks/batch_run.h"

namespace bithep::tasks::qg {

// Takes no settings beyond --seed and --threads; throws std::invalid_argument naming any other.
BatchOutput runObservableDemo(const BatchRequest& request, const BatchProgress& progress);

}  // namespace bithep::tasks::qg
