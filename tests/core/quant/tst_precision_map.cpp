// PrecisionMap: capture from and apply to a live model, conversion from a plan (last rule wins,
// unmatched layers fp32) and to exact-path rules, recognising a named plan, updates that ignore
// layers the network does not have. Expected maps are written out by hand.
#include <QtTest>

#include "core/nn/transformer_block.h"
#include "core/quant/precision_map.h"

namespace nn = bithep::nn;
namespace q = bithep::quant;

namespace {

constexpr q::LayerPrecision kFp32{};
constexpr q::LayerPrecision kTernary8{q::Precision::Ternary, q::ActivationBits::Int8};
constexpr q::LayerPrecision kBinary{q::Precision::Binary, q::ActivationBits::Fp32};

q::PrecisionMap allAs(q::LayerPrecision value) {
    q::PrecisionMap m;
    for (const char* path : {"attn.q", "attn.k", "attn.v", "attn.o", "ff.fc0", "ff.fc1"}) m.set(path, value);
    return m;
}

const q::QuantPlan kAttention("attention-ternary", {{"*", q::Precision::Ternary, q::ActivationBits::Int8},
                                                    {"ff.*", q::Precision::Fp32, q::ActivationBits::Fp32}});

}  // namespace

class TstPrecisionMap : public QObject {
    Q_OBJECT
private slots:
    void captureListsEveryQuantizableLayer() {
        bithep::tensor::Rng rng(2);
        nn::TransformerBlock block(8, 2, 16, rng);
        QCOMPARE(q::PrecisionMap::capture(block), allAs(kFp32));
        kAttention.apply(block);
        q::PrecisionMap expected = allAs(kTernary8);
        expected.set("ff.fc0", kFp32);
        expected.set("ff.fc1", kFp32);
        QCOMPARE(q::PrecisionMap::capture(block), expected);
        QCOMPARE(expected.count(q::Precision::Ternary), 4);
        QCOMPARE(expected.count(q::Precision::Fp32), 2);
    }
    void applySetsOnlyListedLayers() {
        bithep::tensor::Rng rng(2);
        nn::TransformerBlock block(8, 2, 16, rng);
        q::PrecisionMap partial;
        partial.set("attn.k", kBinary);
        partial.set("ff.fc1", kTernary8);
        partial.set("head.out", kTernary8);  // not in this network
        QCOMPARE(partial.applyTo(block), 2);
        q::PrecisionMap expected = allAs(kFp32);
        expected.set("attn.k", kBinary);
        expected.set("ff.fc1", kTernary8);
        QCOMPARE(q::PrecisionMap::capture(block), expected);
    }
    void withPlanMatchesPlanApply() {
        bithep::tensor::Rng rng(2);
        nn::TransformerBlock block(8, 2, 16, rng);
        const q::PrecisionMap layout = q::PrecisionMap::capture(block);
        allAs(kBinary).applyTo(block);  // whatever was set before, apply() resets it
        kAttention.apply(block);
        QCOMPARE(layout.withPlan(kAttention), q::PrecisionMap::capture(block));
        QCOMPARE(allAs(kTernary8).withPlan(q::QuantPlan("fp32", {})), allAs(kFp32));
    }
    void exactPlanRoundTrip() {
        q::PrecisionMap edited = allAs(kFp32).withPlan(kAttention);
        edited.set("attn.v", kFp32);
        edited.set("ff.fc0", kBinary);
        const q::QuantPlan plan = edited.toPlan("custom");
        QCOMPARE(plan.name(), std::string("custom"));
        QCOMPARE(plan.rules().size(), std::size_t(4));  // fp32 layers need no rule
        for (const auto& rule : plan.rules()) QVERIFY(rule.pattern.find('*') == std::string::npos);
        QCOMPARE(allAs(kTernary8).withPlan(plan), edited);
        const q::QuantPlan reread = q::QuantPlan::fromJson(plan.toJson());
        QCOMPARE(allAs(kFp32).withPlan(reread), edited);
    }
    void recognisesNamedPlans() {
        const std::vector<q::QuantPlan> plans{q::QuantPlan("fp32", {}),
                                              q::QuantPlan("all-ternary", {{"*", q::Precision::Ternary, q::ActivationBits::Int8}}),
                                              kAttention};
        QCOMPARE(allAs(kFp32).matchingPlan(plans), std::optional<std::string>("fp32"));
        QCOMPARE(allAs(kTernary8).matchingPlan(plans), std::optional<std::string>("all-ternary"));
        q::PrecisionMap m = allAs(kFp32).withPlan(kAttention);
        QCOMPARE(m.matchingPlan(plans), std::optional<std::string>("attention-ternary"));
        m.set("attn.q", kBinary);
        QVERIFY(!m.matchingPlan(plans).has_value());
        QVERIFY(!q::PrecisionMap().matchingPlan({}).has_value());
    }
    void updatesIgnoreUnknownLayers() {
        q::PrecisionMap changes;
        changes.set("attn.o", kBinary);
        changes.set("blocks.3.attn.o", kBinary);
        const q::PrecisionMap updated = allAs(kFp32).updatedWith(changes);
        QCOMPARE(updated.size(), std::size_t(6));
        QVERIFY(!updated.contains("blocks.3.attn.o"));
        QCOMPARE(updated.at("attn.o"), kBinary);
        QCOMPARE(updated.at("attn.q"), kFp32);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, updated.at("head"));
        try {
            (void)updated.at("head");
        } catch (const std::out_of_range& e) {
            QVERIFY(std::string(e.what()).find("'head'") != std::string::npos);
        }
    }
};

QTEST_APPLESS_MAIN(TstPrecisionMap)
#include "tst_precision_map.moc"
