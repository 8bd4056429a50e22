#pragma once
// Packed quantized weights as an HDF5 file anyone can read with h5py (layout documented in the
// README, "Quantized-weight files"). One group per linear layer under /layers, named by its path:
//   ternary: weights_packed uint8[ceil(M·K/4)], row-major, code = w + 1 in bits 2·(i mod 4) of
//            byte i/4 (0 = −1, 1 = 0, 2 = +1; 3 never appears);
//   binary:  weights_packed uint8[ceil(M·K/8)], row-major, bit (i mod 8) of byte i/8 set for +1;
//   fp32:    weights float32[M, K];
//   bias float32[M] when the layer has one; attributes shape [M, K], precision, activation_bits,
//   scale (β, quantized layers), bits_per_weight.
// Parameters outside linear layers (norms, embeddings) are float32 datasets under /parameters.
// Root attributes: format, format_version, model_config (JSON), plan (JSON), provenance (JSON).
// So the file's payload is exactly the memory the cost model reports (scales are attributes).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/nn/module.h"
#include "core/quant/quantizer.h"

namespace bithep::io {

inline constexpr const char* kQuantizedFormat = "bithep-quantized-weights";
inline constexpr int kQuantizedFormatVersion = 1;

struct ExportedLayer {
    std::string path;
    quant::Precision precision = quant::Precision::Fp32;
    quant::ActivationBits activationBits = quant::ActivationBits::Fp32;
    int rows = 0, cols = 0;           // M outputs, K inputs
    float scale = 0.0f;               // β (quantized layers)
    std::vector<std::int8_t> codes;   // M·K values in {−1, 0, +1} (quantized layers)
    std::vector<float> weights;       // M·K latent-free fp32 weights (fp32 layers)
    std::vector<float> bias;          // M values or empty
};

struct QuantizedModelFile {
    std::string modelConfigJson, planJson, provenanceJson;
    std::vector<ExportedLayer> layers;
    std::vector<std::pair<std::string, std::vector<float>>> otherParameters;  // path -> values
};

// Packing used by the file (exposed for tests and other writers).
std::vector<std::uint8_t> packTernaryCodes(const std::vector<std::int8_t>& codes);
std::vector<std::int8_t> unpackTernaryCodes(const std::vector<std::uint8_t>& bytes, std::size_t count);
std::vector<std::uint8_t> packBinaryCodes(const std::vector<std::int8_t>& codes);
std::vector<std::int8_t> unpackBinaryCodes(const std::vector<std::uint8_t>& bytes, std::size_t count);

// Writes atomically. Every BitLinear/Linear of the model is exported at its current precision.
void exportQuantizedWeights(const std::filesystem::path& file, nn::Module& model, const std::string& modelConfigJson,
                            const std::string& planJson, const std::string& provenanceJson);

// Throws std::runtime_error naming the file and the layer/field that is missing or malformed.
QuantizedModelFile readQuantizedWeights(const std::filesystem::path& file);

}  // namespace bithep::io
