#pragma once
// Small quark/gluon taggers, one per variant key (architecture, heads, blocks, count input,
// plan), saved by the checkpoint and packed-weight harnesses before the fuzzer edits the file.
#include <memory>

#include "core/tasks/qg/qg_model.h"
#include "core/tasks/jet_common/jet_plans.h"

namespace bithep::fuzz {

inline constexpr int kTaggerVariants = 24;

struct SmallTagger {
    tasks::jet_common::JetModelConfig config;
    std::unique_ptr<tasks::jet_common::JetModel> model;
    quant::QuantPlan plan;
};

inline SmallTagger smallTagger(int k) {
    SmallTagger t;
    auto& c = t.config;
    c.architecture = k % 2 ? "deepsets" : "pdat";
    c.heads = 1 + (k / 2) % 2;
    c.dim = 4 * c.heads;
    c.blocks = (k / 4) % 3;
    c.ffHidden = 6;
    c.pairHidden = 3;
    c.maxParticles = 6;
    c.countInput = (k / 12) % 2 == 1;
    t.model = tasks::qg::makeQgModel(c, 1);
    const auto names = tasks::jet_common::jetPlanNames();
    t.plan = tasks::jet_common::resolveJetPlan(names[std::size_t(k) % names.size()]);
    t.plan.apply(*t.model);
    return t;
}

}  // namespace bithep::fuzz
