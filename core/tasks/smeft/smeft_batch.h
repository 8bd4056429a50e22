#pragma once
// `bithep-explorer --batch smeft`: generate (or load) events, train the fp32 reference, a second
// fp32 seed (the noise floor) and each requested plan, evaluate the decay-plane regression on
// held-out events, scan −2Δln L(c_W) for truth φ, the network-free estimate, every network and
// the rate alone, and return metrics, tables, figures, checkpoints and packed weights.
#include "core/tasks/batch_run.h"

namespace bithep::tasks::smeft {

BatchOutput runSmeftBatch(const BatchRequest& request, const BatchProgress& progress);

}  // namespace bithep::tasks::smeft
