#pragma once
// Numbers as byte tokens, the BBT-Neutron idea (arXiv 2412.00129) of feeding a network the
// binary form of its inputs. Every feature value of a particle becomes a fixed number of
// tokens, each a byte 0..255 used directly as the token id; one special id marks padding.
//
//   float32   IEEE-754 single precision, most significant byte first (big-endian):
//             1.0f = 0x3F800000 → 63, 128, 0, 0; −2.5f = 0xC0200000 → 192, 32, 0, 0.
//             4 tokens per value; the first token holds the sign and 7 exponent bits.
//   bfloat16  the float32 rounded to its top 16 bits (round to nearest, ties to even; the
//             bfloat16 format), high byte first: 1.0f → 0x3F80 → 63, 128; 0.1f = 0x3DCCCCCD → 0x3DCD
//             → 61, 205. 2 tokens per value: the float32 tokens without the two low mantissa
//             bytes, which carry almost no information about a physics feature.
//   fixed16   round(v·256) clamped to int16 (resolution 1/256, range ±128), two's complement,
//             high byte first: 1.0 → 0x0100 → 1, 0; −1.0 → 0xFF00 → 255, 0. 2 tokens per value.
//   text      the ASCII bytes of printf("%+.2e", v), always 9 characters for a finite float:
//             1.0 → "+1.00e+00" → 43, 49, 46, 48, 48, 101, 43, 48, 48. 9 tokens per value.
//
// A particle with F features gives F·tokensPerValue tokens, feature by feature in the order of
// the feature list. Padded particles are kPadToken everywhere. Vocabulary: 256 byte values +
// kPadToken = 257 ids.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/tensor/tensor.h"

namespace bithep::tasks::joi {

enum class ByteEncoding { Float32, BFloat16, Fixed16, Text };

constexpr int kPadToken = 256;
constexpr int kTokenVocabulary = 257;

// "float32", "bfloat16", "fixed16", "text"; throws std::invalid_argument for anything else.
ByteEncoding byteEncodingFromName(const std::string& name);
std::string byteEncodingName(ByteEncoding encoding);
int tokensPerValue(ByteEncoding encoding);

// Writes tokensPerValue(encoding) ids to `out`. Throws std::invalid_argument for a non-finite
// value (no finite feature is ever NaN or infinite here, so one would be a bug upstream).
void encodeValue(float value, ByteEncoding encoding, int* out);

// Tokens of `rows` particles with `dim` features each, row-major values; rows whose mask is 0
// are padding. Returns rows × dim·tokensPerValue ids, row-major.
std::vector<tensor::Index> encodeRows(std::span<const float> values, std::span<const float> mask,
                                      std::size_t dim, ByteEncoding encoding);

}  // namespace bithep::tasks::joi
