#include "core/tasks/joi/byte_tokens.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace bithep::tasks::joi {

namespace {
constexpr int kTextLength = 9;  // "+d.dde+dd": sign, 3 digits, point, 'e', exponent sign, 2 digits
}

ByteEncoding byteEncodingFromName(const std::string& name) {
    if (name == "float32") return ByteEncoding::Float32;
    if (name == "bfloat16") return ByteEncoding::BFloat16;
    if (name == "fixed16") return ByteEncoding::Fixed16;
    if (name == "text") return ByteEncoding::Text;
    throw std::invalid_argument("byte encoding '" + name + "' is not float32, bfloat16, fixed16 or text");
}

// No default labels: -Wswitch makes a new encoding without a name or size a compile error.
std::string byteEncodingName(ByteEncoding encoding) {
    switch (encoding) {
        case ByteEncoding::Float32:
            return "float32";
        case ByteEncoding::BFloat16:
            return "bfloat16";
        case ByteEncoding::Fixed16:
            return "fixed16";
        case ByteEncoding::Text:
            return "text";
    }
    throw std::logic_error("byte tokens: unknown encoding");
}

int tokensPerValue(ByteEncoding encoding) {
    switch (encoding) {
        case ByteEncoding::Float32:
            return 4;
        case ByteEncoding::BFloat16:
        case ByteEncoding::Fixed16:
            return 2;
        case ByteEncoding::Text:
            return kTextLength;
    }
    throw std::logic_error("byte tokens: unknown encoding");
}

void encodeValue(float value, ByteEncoding encoding, int* out) {
    if (!std::isfinite(value)) throw std::invalid_argument("byte tokens: non-finite feature value");
    if (encoding == ByteEncoding::Float32) {
        const auto bits = std::bit_cast<std::uint32_t>(value);
        for (int k = 0; k < 4; ++k) out[k] = static_cast<int>((bits >> (8 * (3 - k))) & 0xFFu);
        return;
    }
    if (encoding == ByteEncoding::BFloat16) {
        const auto bits = std::bit_cast<std::uint32_t>(value);
        // Round to nearest, ties to even; finite inputs near FLT_MAX round to infinity's bits,
        // which is still a distinct token pair.
        const std::uint32_t rounded = (bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16;
        out[0] = static_cast<int>((rounded >> 8) & 0xFFu);
        out[1] = static_cast<int>(rounded & 0xFFu);
        return;
    }
    if (encoding == ByteEncoding::Fixed16) {
        const double scaled = std::clamp(std::round(static_cast<double>(value) * 256.0), -32768.0, 32767.0);
        const auto bits = static_cast<std::uint16_t>(static_cast<std::int16_t>(scaled));
        out[0] = bits >> 8;
        out[1] = bits & 0xFFu;
        return;
    }
    char text[32];
    const int n = std::snprintf(text, sizeof text, "%+.2e", static_cast<double>(value));
    if (n != kTextLength) throw std::logic_error("byte tokens: text form of a float is not 9 characters");
    for (int k = 0; k < kTextLength; ++k) out[k] = static_cast<unsigned char>(text[k]);
}

std::vector<tensor::Index> encodeRows(std::span<const float> values, std::span<const float> mask,
                                      std::size_t dim, ByteEncoding encoding) {
    if (values.size() != mask.size() * dim)
        throw std::invalid_argument("byte tokens: " + std::to_string(values.size()) + " values for " +
                                    std::to_string(mask.size()) + " rows of " + std::to_string(dim));
    const auto perValue = static_cast<std::size_t>(tokensPerValue(encoding));
    const std::size_t perRow = dim * perValue;
    std::vector<tensor::Index> tokens(mask.size() * perRow, kPadToken);
    int buffer[kTextLength] = {};
    for (std::size_t r = 0; r < mask.size(); ++r) {
        if (mask[r] == 0.0f) continue;
        for (std::size_t f = 0; f < dim; ++f) {
            encodeValue(values[r * dim + f], encoding, buffer);
            for (std::size_t k = 0; k < perValue; ++k) tokens[r * perRow + f * perValue + k] = buffer[k];
        }
    }
    return tokens;
}

}  // namespace bithep::tasks::joi
