// Packing, unpacking and validation of the 2-bit tile format.
#include "core/kernels/ternary_matrix.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace bithep::kernels {

namespace {

constexpr std::uint8_t kZeroCode = 1;       // w = 0
constexpr std::uint8_t kZeroByte = 0x55;    // four zero weights: 01 01 01 01
constexpr std::uint8_t kInvalidCode = 3;

void checkShape(const char* where, int rows, int cols, float scale) {
    if (rows < 1 || cols < 1)
        throw std::invalid_argument(std::string(where) + ": shape " + std::to_string(rows) + "x" +
                                    std::to_string(cols) + " must have at least one row and column");
    if (cols > kMaxTernaryCols)
        throw std::invalid_argument(std::string(where) + ": " + std::to_string(cols) +
                                    " inputs exceed the supported maximum " +
                                    std::to_string(kMaxTernaryCols));
    if (!std::isfinite(scale) || scale <= 0.0f)
        throw std::invalid_argument(std::string(where) + ": scale " + std::to_string(scale) +
                                    " must be finite and positive");
}

void checkSize(const char* where, std::size_t got, std::size_t want) {
    if (got != want)
        throw std::invalid_argument(std::string(where) + ": expected " + std::to_string(want) +
                                    " values, got " + std::to_string(got));
}

std::string position(int row, int col) {
    return "(" + std::to_string(row) + ", " + std::to_string(col) + ")";
}

}  // namespace

TernaryMatrix::TernaryMatrix(int rows, int cols, float scale)
    : m_rows(rows), m_cols(cols), m_scale(scale) {
    m_tiles.assign(static_cast<std::size_t>(rowBlocks()) * kTiles() * sizeof(TernaryTile), kZeroByte);
}

std::size_t TernaryMatrix::codeByte(int row, int col, int kTiles) {
    const std::size_t tile = static_cast<std::size_t>(row / kTileRows) * kTiles + col / kTileCols;
    return tile * sizeof(TernaryTile) + 4 * (row % kTileRows) + (col % 4);
}

void TernaryMatrix::setCode(int row, int col, std::uint8_t code) {
    std::uint8_t& byte = m_tiles[codeByte(row, col, kTiles())];
    const int shift = codeShift(col);
    byte = static_cast<std::uint8_t>((byte & ~(3u << shift)) | (code << shift));
}

TernaryMatrix TernaryMatrix::fromTernary(int rows, int cols, std::span<const std::int8_t> w,
                                         float scale) {
    checkShape("TernaryMatrix::fromTernary", rows, cols, scale);
    checkSize("TernaryMatrix::fromTernary", w.size(), static_cast<std::size_t>(rows) * cols);
    TernaryMatrix m(rows, cols, scale);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const int v = w[static_cast<std::size_t>(r) * cols + c];
            if (v < -1 || v > 1)
                throw std::invalid_argument("TernaryMatrix::fromTernary: weight " + position(r, c) +
                                            " is " + std::to_string(v) + ", not in {-1, 0, 1}");
            m.setCode(r, c, static_cast<std::uint8_t>(v + 1));
        }
    }
    return m;
}

TernaryMatrix TernaryMatrix::fromFloat(int rows, int cols, std::span<const float> w, float scale) {
    checkShape("TernaryMatrix::fromFloat", rows, cols, scale);
    checkSize("TernaryMatrix::fromFloat", w.size(), static_cast<std::size_t>(rows) * cols);
    TernaryMatrix m(rows, cols, scale);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const float v = w[static_cast<std::size_t>(r) * cols + c];
            if (!std::isfinite(v))
                throw std::invalid_argument("TernaryMatrix::fromFloat: weight " + position(r, c) +
                                            " is not finite");
            // nearbyint rounds half to even in the default FP mode, as BitLinear's round() does.
            const float q = std::fmin(1.0f, std::fmax(-1.0f, std::nearbyint(v / scale)));
            m.setCode(r, c, static_cast<std::uint8_t>(static_cast<int>(q) + 1));
        }
    }
    return m;
}

TernaryMatrix TernaryMatrix::fromPackedTiles(int rows, int cols, std::span<const std::uint8_t> tiles,
                                             float scale) {
    checkShape("TernaryMatrix::fromPackedTiles", rows, cols, scale);
    TernaryMatrix m(rows, cols, scale);
    checkSize("TernaryMatrix::fromPackedTiles (bytes)", tiles.size(), m.m_tiles.size());
    std::copy(tiles.begin(), tiles.end(), m.m_tiles.begin());
    m.validate();
    return m;
}

void TernaryMatrix::validate() const {
    const int kt = kTiles();
    for (int r = 0; r < rowBlocks() * kTileRows; ++r) {
        for (int c = 0; c < kt * kTileCols; ++c) {
            const std::size_t byte = codeByte(r, c, kt);
            const int code = (m_tiles[byte] >> codeShift(c)) & 3;
            const bool padding = r >= m_rows || c >= m_cols;
            if (code == kInvalidCode)
                throw std::invalid_argument("TernaryMatrix: invalid code 3 at " + position(r, c) +
                                            " (tile " + std::to_string(byte / sizeof(TernaryTile)) +
                                            ", byte " + std::to_string(byte % sizeof(TernaryTile)) +
                                            ")");
            if (padding && code != kZeroCode)
                throw std::invalid_argument("TernaryMatrix: padding position " + position(r, c) +
                                            " of a " + std::to_string(m_rows) + "x" +
                                            std::to_string(m_cols) +
                                            " matrix holds a non-zero weight");
        }
    }
}

std::int8_t TernaryMatrix::weight(int row, int col) const {
    if (row < 0 || row >= m_rows || col < 0 || col >= m_cols)
        throw std::out_of_range("TernaryMatrix::weight: " + position(row, col) + " outside " +
                                std::to_string(m_rows) + "x" + std::to_string(m_cols));
    const int code = (m_tiles[codeByte(row, col, kTiles())] >> codeShift(col)) & 3;
    return static_cast<std::int8_t>(code - 1);
}

std::vector<std::int8_t> TernaryMatrix::unpack() const {
    std::vector<std::int8_t> w(static_cast<std::size_t>(m_rows) * m_cols);
    const int kt = kTiles();
    for (int r = 0; r < m_rows; ++r)
        for (int c = 0; c < m_cols; ++c)
            w[static_cast<std::size_t>(r) * m_cols + c] =
                static_cast<std::int8_t>(((m_tiles[codeByte(r, c, kt)] >> codeShift(c)) & 3) - 1);
    return w;
}

}  // namespace bithep::kernels
