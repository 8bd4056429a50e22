// Byte tokens of feature values: exact ids of known floats for each encoding (big-endian
// float32, fixed-point int16, decimal text), padding, row layout and errors.
#include <bit>
#include <cmath>
#include <limits>

#include <QtTest>

#include "core/tasks/joi/byte_tokens.h"

namespace joi = bithep::tasks::joi;

namespace {
std::vector<int> tokens(float v, joi::ByteEncoding e) {
    std::vector<int> out(static_cast<std::size_t>(joi::tokensPerValue(e)));
    joi::encodeValue(v, e, out.data());
    return out;
}
}  // namespace

class TstByteTokens : public QObject {
    Q_OBJECT
private slots:
    void float32IsBigEndianIeee() {
        using V = std::vector<int>;
        const auto e = joi::ByteEncoding::Float32;
        QCOMPARE(tokens(1.0f, e), (V{0x3F, 0x80, 0x00, 0x00}));
        QCOMPARE(tokens(-2.5f, e), (V{0xC0, 0x20, 0x00, 0x00}));
        QCOMPARE(tokens(0.0f, e), (V{0, 0, 0, 0}));
        QCOMPARE(tokens(-0.0f, e), (V{0x80, 0, 0, 0}));
        QCOMPARE(tokens(0.1f, e), (V{0x3D, 0xCC, 0xCC, 0xCD}));  // 0x3DCCCCCD
        QCOMPARE(tokens(65536.0f, e), (V{0x47, 0x80, 0x00, 0x00}));
    }
    void bfloat16IsTheRoundedTopHalf() {
        using V = std::vector<int>;
        const auto e = joi::ByteEncoding::BFloat16;
        QCOMPARE(tokens(1.0f, e), (V{0x3F, 0x80}));
        QCOMPARE(tokens(0.1f, e), (V{0x3D, 0xCD}));  // 0x3DCCCCCD rounds up
        QCOMPARE(tokens(-2.5f, e), (V{0xC0, 0x20}));
        QCOMPARE(tokens(std::bit_cast<float>(0x3F808000u), e), (V{0x3F, 0x80}));  // tie to even
        QCOMPARE(tokens(std::bit_cast<float>(0x3F818000u), e), (V{0x3F, 0x82}));  // tie, odd → up
    }
    void fixed16IsTwosComplementOf256ths() {
        using V = std::vector<int>;
        const auto e = joi::ByteEncoding::Fixed16;
        QCOMPARE(tokens(1.0f, e), (V{0x01, 0x00}));
        QCOMPARE(tokens(-1.0f, e), (V{0xFF, 0x00}));
        QCOMPARE(tokens(0.5f + 1.0f / 256.0f, e), (V{0x00, 0x81}));
        QCOMPARE(tokens(1000.0f, e), (V{0x7F, 0xFF}));   // clamped to 32767
        QCOMPARE(tokens(-1000.0f, e), (V{0x80, 0x00}));  // clamped to −32768
    }
    void textIsPrintfAscii() {
        using V = std::vector<int>;
        const auto e = joi::ByteEncoding::Text;
        QCOMPARE(tokens(1.0f, e), (V{'+', '1', '.', '0', '0', 'e', '+', '0', '0'}));
        QCOMPARE(tokens(-0.00123f, e), (V{'-', '1', '.', '2', '3', 'e', '-', '0', '3'}));
        QCOMPARE(tokens(3.0e38f, e).size(), std::size_t(9));
        QCOMPARE(tokens(1e-40f, e).size(), std::size_t(9));  // subnormal keeps a 2-digit exponent
    }
    void namesAndSizes() {
        QCOMPARE(joi::tokensPerValue(joi::byteEncodingFromName("float32")), 4);
        QCOMPARE(joi::tokensPerValue(joi::byteEncodingFromName("fixed16")), 2);
        QCOMPARE(joi::tokensPerValue(joi::byteEncodingFromName("bfloat16")), 2);
        QCOMPARE(joi::tokensPerValue(joi::byteEncodingFromName("text")), 9);
        QCOMPARE(joi::byteEncodingName(joi::ByteEncoding::Fixed16), std::string("fixed16"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, joi::byteEncodingFromName("float16"));
        QCOMPARE(joi::kTokenVocabulary, 257);
    }
    void rowsArePaddedAndOrderedByFeature() {
        // Two particles of two features; the second is padding.
        const std::vector<float> values{1.0f, -2.5f, 7.0f, 7.0f};
        const std::vector<float> mask{1.0f, 0.0f};
        const auto t = joi::encodeRows(values, mask, 2, joi::ByteEncoding::Float32);
        QCOMPARE(t.size(), std::size_t(16));
        const std::vector<bithep::tensor::Index> first{0x3F, 0x80, 0, 0, 0xC0, 0x20, 0, 0};
        QVERIFY(std::equal(first.begin(), first.end(), t.begin()));
        for (std::size_t k = 8; k < 16; ++k) QCOMPARE(t[k], bithep::tensor::Index(joi::kPadToken));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 joi::encodeRows(values, mask, 3, joi::ByteEncoding::Text));
    }
    void nonFiniteValuesAreRefused() {
        int out[9];
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            joi::encodeValue(std::numeric_limits<float>::quiet_NaN(), joi::ByteEncoding::Text, out));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            joi::encodeValue(std::numeric_limits<float>::infinity(), joi::ByteEncoding::Float32, out));
    }
};

QTEST_APPLESS_MAIN(TstByteTokens)
#include "tst_byte_tokens.moc"
