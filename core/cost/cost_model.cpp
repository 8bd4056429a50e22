#include "core/cost/cost_model.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/nn/bit_linear.h"

namespace bithep::cost {

namespace {

constexpr double kBitsFp32 = 32.0;

double weightBits(quant::Precision p) {
    switch (p) {
    case quant::Precision::Ternary: return 2.0;  // the packed export stores 4 codes per byte
    case quant::Precision::Binary: return 1.0;
    case quant::Precision::Fp32: return kBitsFp32;
    }
    return kBitsFp32;
}

double energyOf(const OpCounts& ops, const EnergyTable& t) {
    return ops.fp32Mult * t.fp32Mult + ops.fp32Add * t.fp32Add + ops.int32Add * t.int32Add;
}

double memoryEnergy(double bits, const EnergyTable& t, WeightMemory m) {
    return bits / 64.0 * (m == WeightMemory::Sram ? t.sramPer64Bit : t.dramPer64Bit);
}

LayerCost costOfLayer(const nn::LayerInfo& info, double zeroFraction) {
    if (info.in < 0 || info.out < 0 || info.macsPerSample < 0 || info.parameters < 0)
        throw std::invalid_argument("cost model: layer '" + info.path + "' has negative sizes");
    if (!(zeroFraction >= 0 && zeroFraction <= 1))
        throw std::invalid_argument("cost model: zero fraction of '" + info.path + "' outside [0, 1]");
    LayerCost c;
    c.path = info.path;
    c.type = info.type;
    c.precision = quant::toString(info.precision);
    c.activationBits = info.activationBits == quant::ActivationBits::Int8 ? "int8" : "fp32";
    c.in = double(info.in);
    c.out = double(info.out);
    c.parameters = double(info.parameters);
    c.macs = info.macsPerSample;
    c.quantized = info.precision != quant::Precision::Fp32;
    const double weights = c.in * c.out;
    const double bias = c.parameters - weights;  // 0 or out
    const double rows = c.in * c.out > 0 ? c.macs / (c.in * c.out) : 0;  // rows per sample
    const double outputs = rows * c.out;
    const bool int8Acts = info.activationBits == quant::ActivationBits::Int8;
    c.memoryBits = weights * weightBits(info.precision) + bias * kBitsFp32 + (c.quantized ? kBitsFp32 : 0);
    if (int8Acts) {  // per token: K compares + K mults to quantize, 2 mults for the token scale
        c.ops.fp32Add += rows * c.in;
        c.ops.fp32Mult += rows * (c.in + 2);
    }
    if (!c.quantized) {
        c.ops.fp32Mult += c.macs;
        c.ops.fp32Add += c.macs;
        return c;
    }
    const double zeros = info.precision == quant::Precision::Ternary ? zeroFraction : 0.0;
    c.macsSkipped = c.macs * zeros;
    const double active = c.macs - c.macsSkipped;
    (int8Acts ? c.ops.int32Add : c.ops.fp32Add) += active;
    c.ops.fp32Mult += outputs;                  // rescale by beta (and the token scale)
    if (bias > 0) c.ops.fp32Add += outputs;     // bias in full precision
    return c;
}

}  // namespace

OpCounts& OpCounts::operator+=(const OpCounts& o) {
    fp32Mult += o.fp32Mult;
    fp32Add += o.fp32Add;
    int32Add += o.int32Add;
    return *this;
}

CostInputs costInputsFromModel(nn::Module& model, tensor::Index rowsPerSample) {
    CostInputs in;
    in.listing = nn::describeModel(model, rowsPerSample);
    in.totalParameters = double(model.parameterCount());
    for (auto& [path, layer] : model.modulesOfType<nn::BitLinear>())
        if (layer->precision() == quant::Precision::Ternary) in.zeroFraction[path] = layer->stats().fractionZero;
    return in;
}

CostReport computeCost(const CostInputs& inputs, const EnergyTable& table, WeightMemory memory) {
    table.validate();
    CostReport r;
    double linearParameters = 0, quantizedWeights = 0, quantizedMacs = 0;
    for (const auto& info : inputs.listing.layers) {
        const auto zf = inputs.zeroFraction.find(info.path);
        LayerCost c = costOfLayer(info, zf == inputs.zeroFraction.end() ? 0.0 : zf->second);
        c.arithmeticPj = energyOf(c.ops, table);
        c.memoryPj = memoryEnergy(c.memoryBits, table, memory);
        linearParameters += c.parameters;
        r.parametersByPrecision[c.precision] += c.in * c.out;
        r.parametersByPrecision["fp32"] += c.parameters - c.in * c.out;  // biases
        r.macsByPrecision[c.activationBits + " x " + c.precision] += c.macs;
        if (c.quantized) {
            quantizedWeights += c.in * c.out;
            quantizedMacs += c.macs;
        }
        r.macs += c.macs;
        r.macsSkipped += c.macsSkipped;
        r.memoryBits += c.memoryBits;
        r.ops += c.ops;
        r.arithmeticPj += c.arithmeticPj;
        r.memoryPj += c.memoryPj;
        r.layers.push_back(std::move(c));
    }
    for (const auto& info : inputs.listing.compute) {
        if (info.flopsPerSample < 0)
            throw std::invalid_argument("cost model: compute '" + info.path + "' has negative FLOPs");
        ComputeCost c{info.path, info.label, info.flopsPerSample, 0};
        const OpCounts ops{c.flops / 2, c.flops / 2, 0};
        c.arithmeticPj = energyOf(ops, table);
        r.ops += ops;
        r.macs += c.flops / 2;  // one MAC = one mult + one add
        r.macsByPrecision["fp32 x fp32"] += c.flops / 2;
        r.arithmeticPj += c.arithmeticPj;
        r.compute.push_back(c);
    }
    r.otherParameters = std::max(0.0, inputs.totalParameters - linearParameters);
    r.parametersByPrecision["fp32"] += r.otherParameters;
    r.parameters = linearParameters + r.otherParameters;
    const double otherBits = r.otherParameters * kBitsFp32;
    r.memoryBits += otherBits;
    r.memoryPj += memoryEnergy(otherBits, table, memory);
    r.quantizedParameterShare = r.parameters > 0 ? quantizedWeights / r.parameters : 0;
    r.quantizedMacShare = r.macs > 0 ? quantizedMacs / r.macs : 0;
    return r;
}

double CostComparison::energyRatio() const {
    return plan.energyPj() > 0 ? fp32.energyPj() / plan.energyPj() : 0;
}
double CostComparison::memoryRatio() const {
    return plan.memoryBits > 0 ? fp32.memoryBits / plan.memoryBits : 0;
}

CostComparison compareWithFp32(const CostInputs& inputs, const EnergyTable& table, WeightMemory memory) {
    CostInputs fp32 = inputs;
    for (auto& layer : fp32.listing.layers) {
        layer.precision = quant::Precision::Fp32;
        layer.activationBits = quant::ActivationBits::Fp32;
    }
    fp32.zeroFraction.clear();
    return {computeCost(fp32, table, memory), computeCost(inputs, table, memory), table, memory};
}

}  // namespace bithep::cost
