#pragma once
// `bithep-explorer --batch smeft`: generate (or load) events, train the fp32 reference, a second
// fp32 seed (the noise floor) and each requested plan, evaluate the decay-plane regression on
// held-out events, scan −2Δln L(c_W) for truth φ, the network-free estimate, every network and
// the rate alone, and return metrics, tables, figures, checkpoints and packed weights.
// `--seeds N` repeats the trainings for seeds seed … seed+N−1 (each with the next seed's fp32
// network as its noise floor, which is also the next seed's reference) and adds the mean ± std of
// every network's numbers over the seeds (metrics "seeds", table seed_summary); tables and
// figures of single runs are the first seed's.
#include "core/tasks/batch_run.h"

namespace bithep::tasks::smeft {

BatchOutput runSmeftBatch(const BatchRequest& request, const BatchProgress& progress);

}  // namespace bithep::tasks::smeft
