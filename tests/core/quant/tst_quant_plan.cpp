// Quantization plans: wildcard matching, last-rule-wins, apply/remove round trip on a live
// model, JSON round trip and errors, the named-plan registry, per-layer statistics.
#include <QtTest>

#include <fstream>

#include "core/autograd/ops.h"
#include "core/nn/mlp.h"
#include "core/nn/transformer_block.h"
#include "core/quant/quant_plan.h"

namespace ag = bithep::autograd;
namespace nn = bithep::nn;
namespace q = bithep::quant;
using ag::Matrix;

class TstQuantPlan : public QObject {
    Q_OBJECT
private slots:
    void patterns_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("match");
        QTest::newRow("exact") << "attn.q" << "attn.q" << true;
        QTest::newRow("star-all") << "*" << "blocks.1.attn.q" << true;
        QTest::newRow("star-middle") << "blocks.*.attn.*" << "blocks.12.attn.v" << true;
        QTest::newRow("star-miss") << "blocks.*.attn.*" << "blocks.1.ff.fc0" << false;
        QTest::newRow("prefix-only") << "attn" << "attn.q" << false;
        QTest::newRow("suffix") << "*.fc1" << "head.fc1" << true;
        QTest::newRow("double-star") << "**q" << "a.b.q" << true;
        QTest::newRow("empty") << "" << "x" << false;
    }
    void patterns() {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, match);
        QCOMPARE(q::matchesPattern(pattern.toStdString(), path.toStdString()), match);
    }
    void applyRemoveRestoresOutputsExactly() {
        bithep::tensor::Rng rng(4);
        nn::TransformerBlock block(8, 2, 16, rng);
        const auto mask = ag::SetMask::allValid(3, 4);
        const Matrix x = bithep::tensor::uniform(12, 8, -1, 1, rng);
        const Matrix fp = block.forward(ag::constant(x), mask).value();
        const q::QuantPlan plan("attention ternary", {{"*", q::Precision::Ternary, q::ActivationBits::Int8},
                                                     {"ff.*", q::Precision::Fp32, q::ActivationBits::Fp32}});
        QCOMPARE(plan.apply(block), 6);
        for (auto& [path, l] : block.modulesOfType<nn::BitLinear>()) {
            const bool ff = path.rfind("ff.", 0) == 0;
            QVERIFY(l->precision() == (ff ? q::Precision::Fp32 : q::Precision::Ternary));
        }
        const Matrix quantized = block.forward(ag::constant(x), mask).value();
        QVERIFY(quantized != fp);
        q::QuantPlan::remove(block);
        QCOMPARE(block.forward(ag::constant(x), mask).value(), fp);
        plan.apply(block);
        QCOMPARE(block.forward(ag::constant(x), mask).value(), quantized);
    }
    void unmatchedLayersBecomeFp32() {
        bithep::tensor::Rng rng(4);
        nn::Mlp mlp({4, 8, 1}, nn::Activation::ReLU, rng);
        q::QuantPlan({"all", {{"*", q::Precision::Binary, q::ActivationBits::Int8}}}).apply(mlp);
        QCOMPARE(q::QuantPlan("head", {{"fc1", q::Precision::Ternary, q::ActivationBits::Fp32}}).apply(mlp), 1);
        QVERIFY(mlp.layers()[0]->precision() == q::Precision::Fp32);
        QVERIFY(mlp.layers()[1]->precision() == q::Precision::Ternary);
        const auto stats = q::collectQuantStats(mlp);
        QCOMPARE(stats.size(), size_t(2));
        QCOMPARE(stats[0].stats.beta, 0.0f);
        QVERIFY(stats[1].stats.beta > 0.0f);
        QVERIFY(std::abs(stats[1].stats.fractionMinus + stats[1].stats.fractionZero + stats[1].stats.fractionPlus - 1.0) < 1e-12);
    }
    void jsonRoundTrip() {
        const q::QuantPlan plan("p", {{"blocks.*", q::Precision::Ternary, q::ActivationBits::Int8},
                                      {"head", q::Precision::Binary, q::ActivationBits::Fp32}});
        const q::QuantPlan back = q::QuantPlan::fromJson(plan.toJson());
        QCOMPARE(back.name(), std::string("p"));
        QCOMPARE(back.rules().size(), size_t(2));
        QCOMPARE(back.rules()[1].pattern, std::string("head"));
        QVERIFY(back.rules()[1].precision == q::Precision::Binary);
        QVERIFY(back.rules()[0].activationBits == q::ActivationBits::Int8);
    }
    void jsonErrorsNameTheField() {
        auto message = [](const std::string& json) -> std::string {
            try {
                q::QuantPlan::fromJson(json);
            } catch (const std::invalid_argument& e) {
                return e.what();
            }
            return "no error";
        };
        QVERIFY(message("{").find("not valid JSON") != std::string::npos);
        QVERIFY(message("{\"name\":\"x\"}").find("'rules'") != std::string::npos);
        QVERIFY(message(R"({"rules":[{"pattern":"*","precision":"int4","activation_bits":"8"}]})").find("int4") != std::string::npos);
        QVERIFY(message(R"({"rules":[{"pattern":"*","precision":"fp32"}]})").find("rule 0: missing string field 'activation_bits'") != std::string::npos);
    }
    void registry() {
        auto& r = q::QuantPlanRegistry::instance();
        r.add(q::QuantPlan("test: all ternary", {{"*", q::Precision::Ternary, q::ActivationBits::Int8}}));
        QVERIFY(r.contains("test: all ternary"));
        QCOMPARE(r.find("test: all ternary").rules().size(), size_t(1));
        r.add(q::QuantPlan("test: all ternary", {}));
        QCOMPARE(r.find("test: all ternary").rules().size(), size_t(0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.find("no such plan"));
    }
    void resolvesNamesAndFiles() {
        q::QuantPlanRegistry::instance().add(q::QuantPlan("resolve-test", {{"head.*", q::Precision::Binary, q::ActivationBits::Int8}}));
        QCOMPARE(q::resolvePlan("resolve-test").rules().size(), std::size_t(1));
        QTemporaryDir dir;
        const q::QuantPlan custom("mine", {{"blocks.*", q::Precision::Ternary, q::ActivationBits::Int8}});
        const QString good = dir.filePath("mine.json");
        std::ofstream(good.toStdString()) << custom.toJson();
        const q::QuantPlan back = q::resolvePlan(good.toStdString());
        QCOMPARE(back.name(), std::string("mine"));
        QCOMPARE(back.rules().front().pattern, std::string("blocks.*"));
        const auto refused = [](const std::string& arg) {
            try {
                (void)q::resolvePlan(arg);
            } catch (const std::invalid_argument& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        QVERIFY(refused("no-such-plan").find("resolve-test") != std::string::npos);  // lists the names
        QVERIFY(refused(dir.filePath("absent.json").toStdString()).find("cannot be opened") != std::string::npos);
        const QString bad = dir.filePath("bad.json");
        std::ofstream(bad.toStdString()) << "{\"rules\": 3}";
        QVERIFY(refused(bad.toStdString()).find("bad.json") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TstQuantPlan)
#include "tst_quant_plan.moc"
