// CSV and JSON forms of a cost report (declared in cost_model.h).
#include <nlohmann/json.hpp>

#include "core/cost/cost_model.h"

namespace bithep::cost {

namespace {

const std::vector<std::string> kColumns{
    "path", "kind", "precision", "activations", "in", "out", "parameters", "memory_bits", "macs",
    "macs_skipped", "fp32_mult", "fp32_add", "int32_add", "arithmetic_pj", "memory_pj"};

nlohmann::json opsJson(const OpCounts& ops) {
    return {{"fp32_mult", ops.fp32Mult}, {"fp32_add", ops.fp32Add}, {"int32_add", ops.int32Add},
            {"flops", ops.flops()}, {"int_ops", ops.intOps()}};
}

nlohmann::json reportJson(const CostReport& r) {
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& c : r.layers) {
        layers.push_back({{"path", c.path}, {"type", c.type}, {"precision", c.precision},
                          {"activations", c.activationBits}, {"in", c.in}, {"out", c.out},
                          {"parameters", c.parameters}, {"memory_bits", c.memoryBits}, {"macs", c.macs},
                          {"macs_skipped", c.macsSkipped}, {"ops", opsJson(c.ops)},
                          {"arithmetic_pj", c.arithmeticPj}, {"memory_pj", c.memoryPj}});
    }
    nlohmann::json compute = nlohmann::json::array();
    for (const auto& c : r.compute)
        compute.push_back({{"path", c.path}, {"label", c.label}, {"precision", "fp32"}, {"flops", c.flops},
                           {"arithmetic_pj", c.arithmeticPj}});
    return {{"layers", layers},
            {"compute", compute},
            {"other_parameters", r.otherParameters},
            {"totals",
             {{"parameters", r.parameters}, {"parameters_by_precision", r.parametersByPrecision},
              {"memory_bits", r.memoryBits}, {"memory_kb", r.memoryBits / 8.0 / 1000.0}, {"macs", r.macs},
              {"macs_by_precision", r.macsByPrecision}, {"macs_skipped", r.macsSkipped},
              {"ops", opsJson(r.ops)}, {"arithmetic_pj", r.arithmeticPj}, {"memory_pj", r.memoryPj},
              {"energy_pj", r.energyPj()}, {"quantized_parameter_share", r.quantizedParameterShare},
              {"quantized_mac_share", r.quantizedMacShare}}}};
}

}  // namespace

metrics::CsvTable toCsv(const CostReport& r) {
    metrics::CsvTable t(kColumns);
    for (const auto& c : r.layers)
        t.addRow({c.path, c.type, c.precision, c.activationBits, c.in, c.out, c.parameters, c.memoryBits,
                  c.macs, c.macsSkipped, c.ops.fp32Mult, c.ops.fp32Add, c.ops.int32Add, c.arithmeticPj,
                  c.memoryPj});
    for (const auto& c : r.compute)
        t.addRow({c.path, c.label, "fp32", "fp32", 0.0, 0.0, 0.0, 0.0, c.flops / 2, 0.0, c.flops / 2,
                  c.flops / 2, 0.0, c.arithmeticPj, 0.0});
    const double otherBits = r.otherParameters * 32.0;
    t.addRow({"(other parameters)", "norms, embeddings", "fp32", "", 0.0, 0.0, r.otherParameters, otherBits,
              0.0, 0.0, 0.0, 0.0, 0.0, 0.0, r.memoryPj - [&] {
                  double s = 0;
                  for (const auto& c : r.layers) s += c.memoryPj;
                  return s;
              }()});
    t.addRow({"TOTAL", "", "", "", 0.0, 0.0, r.parameters, r.memoryBits, r.macs, r.macsSkipped,
              r.ops.fp32Mult, r.ops.fp32Add, r.ops.int32Add, r.arithmeticPj, r.memoryPj});
    return t;
}

nlohmann::json toJson(const CostComparison& c) {
    return {{"energy_table", c.table.toJson()},
            {"weight_memory", c.memory == WeightMemory::Sram ? "sram" : "dram"},
            {"fp32", reportJson(c.fp32)},
            {"plan", reportJson(c.plan)},
            {"energy_ratio_fp32_over_plan", c.energyRatio()},
            {"memory_ratio_fp32_over_plan", c.memoryRatio()}};
}

}  // namespace bithep::cost
