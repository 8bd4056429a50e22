#pragma once
// What a model costs per inference, layer by layer, for its current quantization plan: parameters
// by precision, packed memory, MACs by (activation, weight) precision, MACs skipped for zero
// ternary weights, fp32 FLOPs against integer ops, and energy from an EnergyTable, next to the
// same model all in fp32. Counting follows Larq's model summary and QONNX's inference cost:
//  - fp32 layer: each MAC is one fp32 mult and one fp32 add (the bias add is the K-th add);
//  - ternary/binary weights with int8 activations: each MAC with a non-zero weight is one add
//    of an int8 into an int32 accumulator (int32 add); zero weights are skipped; per token the
//    absmax quantization costs K fp32 compares (counted as adds) and K fp32 mults, plus 2 mults
//    for the token scale; per output one fp32 mult (rescale) and one fp32 add (bias);
//  - ternary/binary weights with fp32 activations: non-zero MACs are fp32 adds, plus the
//    per-output rescale and bias;
//  - fp32 weights with int8 activations: the weights are still floats, so MACs stay fp32, plus
//    the activation quantization;
//  - attention products, norms and softmax are fp32, half mults and half adds.
// Memory: 32 bits per fp32 weight, 2 per ternary, 1 per binary, 32 for each scale β, 32 per bias
// and per parameter outside linear layers (norms, embeddings).
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/cost/energy_table.h"
#include "core/metrics/csv_table.h"
#include "core/nn/module.h"

namespace bithep::cost {

struct CostInputs {
    nn::ModelListing listing;
    double totalParameters = 0;                  // every trainable parameter of the model
    std::map<std::string, double> zeroFraction;  // ternary layer path -> fraction of zero codes
};

// Listing, parameter count and the current zero fractions of every quantized BitLinear.
CostInputs costInputsFromModel(nn::Module& model, tensor::Index rowsPerSample);

enum class WeightMemory { Sram, Dram };

struct OpCounts {
    double fp32Mult = 0, fp32Add = 0, int32Add = 0;
    double flops() const { return fp32Mult + fp32Add; }
    double intOps() const { return int32Add; }
    OpCounts& operator+=(const OpCounts& o);
};

struct LayerCost {
    std::string path, type, precision, activationBits;
    double in = 0, out = 0, parameters = 0;
    double memoryBits = 0;  // weights (packed) + scale + bias
    double macs = 0, macsSkipped = 0;
    OpCounts ops;
    double arithmeticPj = 0, memoryPj = 0;
    bool quantized = false;  // ternary or binary weights
};

struct ComputeCost {
    std::string path, label;
    double flops = 0, arithmeticPj = 0;
};

struct CostReport {
    std::vector<LayerCost> layers;
    std::vector<ComputeCost> compute;
    double otherParameters = 0;  // outside linear layers, always fp32
    // Totals over layers, compute and other parameters.
    double parameters = 0, memoryBits = 0, macs = 0, macsSkipped = 0;
    std::map<std::string, double> parametersByPrecision;  // "fp32", "ternary", "binary"
    std::map<std::string, double> macsByPrecision;        // "int8 x ternary", "fp32 x fp32", ...
    OpCounts ops;
    double arithmeticPj = 0, memoryPj = 0;
    double quantizedParameterShare = 0;  // quantized weights / all parameters
    double quantizedMacShare = 0;        // MACs of quantized layers / all MACs (incl. attention)
    double energyPj() const { return arithmeticPj + memoryPj; }
};

// Throws std::invalid_argument for negative counts or zero fractions outside [0, 1].
CostReport computeCost(const CostInputs& inputs, const EnergyTable& table, WeightMemory memory);

struct CostComparison {
    CostReport fp32;  // the same model with every linear layer fp32
    CostReport plan;  // as quantized now
    EnergyTable table;
    WeightMemory memory = WeightMemory::Sram;
    double energyRatio() const;  // fp32 / plan (> 1: the plan saves energy)
    double memoryRatio() const;
};

CostComparison compareWithFp32(const CostInputs& inputs, const EnergyTable& table, WeightMemory memory);

// One row per layer, one per fp32 compute entry, one for other parameters, and a TOTAL row.
metrics::CsvTable toCsv(const CostReport& report);
nlohmann::json toJson(const CostComparison& comparison);

}  // namespace bithep::cost
