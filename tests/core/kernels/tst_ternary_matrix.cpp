// The 2-bit tile format: pinned layout, pack -> unpack round trips, BitLinear weight rounding,
// rejection of invalid codes, padding, values, shapes and scales.
#include <QtTest>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/kernels/ternary_matrix.h"

using bithep::kernels::TernaryMatrix;

namespace {
std::vector<std::int8_t> randomTernary(int rows, int cols, unsigned seed) {
    std::mt19937 gen(seed);
    std::vector<std::int8_t> w(static_cast<std::size_t>(rows) * cols);
    for (auto& v : w) v = static_cast<std::int8_t>(static_cast<int>(gen() % 3) - 1);
    return w;
}
}  // namespace

class TstTernaryMatrix : public QObject {
    Q_OBJECT
private slots:
    void layoutIsPinned() {
        // One +1 at row 1, column 5 of a 16x16 matrix: byte 4*1 + 5%4 = 5, bits 2*(5/4) = 2..3.
        std::vector<std::int8_t> w(16 * 16, 0);
        w[1 * 16 + 5] = 1;
        const auto m = TernaryMatrix::fromTernary(16, 16, w, 1.0f);
        const auto bytes = m.packedTiles();
        QCOMPARE(bytes.size(), std::size_t{64});
        for (std::size_t i = 0; i < bytes.size(); ++i)
            QCOMPARE(int(bytes[i]), i == 5 ? 0x59 : 0x55);  // 0x55 = four zero weights (code 1)
        QCOMPARE(reinterpret_cast<std::uintptr_t>(bytes.data()) % 64, std::uintptr_t{0});
    }

    void roundTrip_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        for (int r : {1, 15, 16, 17, 33, 129})
            for (int c : {1, 3, 16, 17, 100, 257}) QTest::addRow("%dx%d", r, c) << r << c;
    }
    void roundTrip() {
        QFETCH(int, rows);
        QFETCH(int, cols);
        const auto w = randomTernary(rows, cols, static_cast<unsigned>(rows * 1000 + cols));
        const auto m = TernaryMatrix::fromTernary(rows, cols, w, 0.25f);
        QCOMPARE(m.unpack(), w);
        QCOMPARE(m.rowBlocks(), (rows + 15) / 16);
        QCOMPARE(m.kTiles(), (cols + 15) / 16);
        for (int r = 0; r < rows; r += 7)
            for (int c = 0; c < cols; c += 5) QCOMPARE(m.weight(r, c), w[std::size_t(r) * cols + c]);
        const auto again = TernaryMatrix::fromPackedTiles(rows, cols, m.packedTiles(), m.scale());
        QCOMPARE(again.unpack(), w);
        QCOMPARE(again.scale(), 0.25f);
    }

    void binaryWeightsRoundTrip() {
        std::vector<std::int8_t> w = randomTernary(33, 47, 7);
        for (auto& v : w) v = v >= 0 ? 1 : -1;
        QCOMPARE(TernaryMatrix::fromTernary(33, 47, w, 2.0f).unpack(), w);
    }

    void fromFloatRoundsHalfToEven() {
        // w / beta = {0.5, 1.5, -0.5, -1.5, 0.49, 0.51, 7, -3}: half to even, then clip to [-1, 1].
        const std::vector<float> w = {0.25f, 0.75f, -0.25f, -0.75f, 0.245f, 0.255f, 3.5f, -1.5f};
        const auto m = TernaryMatrix::fromFloat(1, 8, w, 0.5f);
        const std::vector<std::int8_t> expected = {0, 1, 0, -1, 0, 1, 1, -1};
        QCOMPARE(m.unpack(), expected);
    }

    void rejectsInvalidCode() {
        const auto m = TernaryMatrix::fromTernary(17, 20, randomTernary(17, 20, 3), 1.0f);
        std::vector<std::uint8_t> bytes(m.packedTiles().begin(), m.packedTiles().end());
        bytes[70] = static_cast<std::uint8_t>(bytes[70] | 0x30);  // code 3 in tile 1, byte 6
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TernaryMatrix::fromPackedTiles(17, 20, bytes, 1.0f));
        try {
            TernaryMatrix::fromPackedTiles(17, 20, bytes, 1.0f);
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).contains("invalid code 3"));
        }
    }

    void rejectsNonZeroPadding() {
        const auto m = TernaryMatrix::fromTernary(3, 5, randomTernary(3, 5, 4), 1.0f);
        std::vector<std::uint8_t> bytes(m.packedTiles().begin(), m.packedTiles().end());
        bytes[4 * 10] = static_cast<std::uint8_t>((bytes[4 * 10] & ~3u) | 2u);  // row 10 is padding
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TernaryMatrix::fromPackedTiles(3, 5, bytes, 1.0f));
    }

    void rejectsBadInput_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("badValue");
        QTest::addColumn<float>("scale");
        QTest::newRow("value 2") << 2 << 2 << 2 << 1.0f;
        QTest::newRow("value -2") << 2 << 2 << -2 << 1.0f;
        QTest::newRow("zero rows") << 0 << 2 << 0 << 1.0f;
        QTest::newRow("zero cols") << 2 << 0 << 0 << 1.0f;
        QTest::newRow("zero scale") << 2 << 2 << 0 << 0.0f;
        QTest::newRow("negative scale") << 2 << 2 << 0 << -1.0f;
        QTest::newRow("nan scale") << 2 << 2 << 0 << std::numeric_limits<float>::quiet_NaN();
        QTest::newRow("inf scale") << 2 << 2 << 0 << std::numeric_limits<float>::infinity();
    }
    void rejectsBadInput() {
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, badValue);
        QFETCH(float, scale);
        std::vector<std::int8_t> w(static_cast<std::size_t>(std::max(rows, 0) * std::max(cols, 0)), 0);
        if (!w.empty()) w.back() = static_cast<std::int8_t>(badValue);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TernaryMatrix::fromTernary(rows, cols, w, scale));
    }

    void rejectsWrongSizesAndNonFinite() {
        const std::vector<std::int8_t> w(5, 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TernaryMatrix::fromTernary(2, 3, w, 1.0f));
        const std::vector<std::uint8_t> bytes(63, 0x55);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TernaryMatrix::fromPackedTiles(2, 3, bytes, 1.0f));
        const std::vector<float> f = {0.0f, std::numeric_limits<float>::quiet_NaN()};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TernaryMatrix::fromFloat(1, 2, f, 1.0f));
        const auto m = TernaryMatrix::fromTernary(1, 1, std::vector<std::int8_t>{1}, 1.0f);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, m.weight(1, 0));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, m.weight(0, -1));
    }
};

QTEST_APPLESS_MAIN(TstTernaryMatrix)
#include "tst_ternary_matrix.moc"
