#pragma once
// TernaryMatrix: an M x K weight matrix with entries in {-1, 0, +1} and one fp32 scale beta,
// stored as 2-bit codes (code = w + 1; 3 is invalid) in the tile layout the SIMD kernels read
// directly. Binary layers (w in {-1, +1}) use the same format. Any shape: rows and columns are
// padded internally to multiples of 16 with zero weights.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/kernels/aligned_allocator.h"

namespace bithep::kernels {

// One tile = 16 output rows x 16 inputs in 64 bytes. Byte 4*r + (c % 4) holds the codes of
// row r for inputs c = c%4, c%4+4, c%4+8, c%4+12 in bits 0-1, 2-3, 4-5, 6-7, so one 512-bit
// load plus (shift, and) yields four VPDPBUSD operands of 16 rows x 4 consecutive inputs.
struct TernaryTile {
    std::uint8_t bytes[64];
};
static_assert(sizeof(TernaryTile) == 64, "a tile is one cache line");
inline constexpr int kTileRows = 16;
inline constexpr int kTileCols = 16;
inline constexpr int kMaxTernaryCols = 1 << 22;  // keeps every int32 accumulator exact (see README)

class TernaryMatrix {
public:
    TernaryMatrix() = default;

    // w: rows x cols row-major, every value in {-1, 0, +1}. Throws std::invalid_argument
    // naming the first bad entry, a non-positive/non-finite scale or a bad shape.
    static TernaryMatrix fromTernary(int rows, int cols, std::span<const std::int8_t> w, float scale);
    // Latent float weights quantized as BitLinear does: clip(round(w / scale), -1, 1), round half
    // to even. Throws on NaN/inf weights.
    static TernaryMatrix fromFloat(int rows, int cols, std::span<const float> w, float scale);
    // Bytes as returned by packedTiles() (e.g. read back from a checkpoint). Rejects code 3 and
    // non-zero padding, naming the tile and position.
    static TernaryMatrix fromPackedTiles(int rows, int cols, std::span<const std::uint8_t> tiles,
                                         float scale);

    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    float scale() const { return m_scale; }
    int rowBlocks() const { return (m_rows + kTileRows - 1) / kTileRows; }
    int kTiles() const { return (m_cols + kTileCols - 1) / kTileCols; }

    // Throws std::out_of_range outside rows x cols.
    std::int8_t weight(int row, int col) const;
    // rows x cols row-major values in {-1, 0, +1}.
    std::vector<std::int8_t> unpack() const;
    std::span<const std::uint8_t> packedTiles() const { return {m_tiles.data(), m_tiles.size()}; }

    // Byte offset of (row, col) in packedTiles() and the bit shift of its code.
    static std::size_t codeByte(int row, int col, int kTiles);
    static int codeShift(int col) { return 2 * ((col % kTileCols) / 4); }

private:
    TernaryMatrix(int rows, int cols, float scale);
    void setCode(int row, int col, std::uint8_t code);
    void validate() const;

    int m_rows = 0;
    int m_cols = 0;
    float m_scale = 1.0f;
    std::vector<std::uint8_t, AlignedAllocator<std::uint8_t>> m_tiles;
};

}  // namespace bithep::kernels
