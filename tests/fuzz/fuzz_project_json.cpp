// Saved explorer projects as File → Open Project reads them: the project, its plan, its runs'
// figures and the SMEFT state a run can be redrawn from.
#include <cstdint>

#include "core/quant/quant_plan.h"
#include "core/tasks/figure_json.h"
#include "core/tasks/project_state.h"
#include "core/tasks/smeft/smeft_evaluation_state.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bithep;
    fuzz::expectHandled([&] {
        const auto p = tasks::ProjectState::parse(fuzz::asText(data, size), "fuzz.json");
        fuzz::expectHandled([&] { quant::QuantPlan::fromJson(p.plan.dump()); });
        for (const auto& run : p.runs) {
            if (!run.is_object()) continue;
            if (run.contains("figures") && run.at("figures").is_array())
                for (const auto& f : run.at("figures")) fuzz::expectHandled([&] { tasks::figureFromJson(f); });
            if (run.contains("state"))
                fuzz::expectHandled([&] { tasks::smeft::SmeftEvaluationState::fromJson(run.at("state")); });
        }
    });
    return 0;
}
