// Quark/gluon models: the layout ops are exact permutations with exact gradients, outputs have
// the right shapes, padded particles change nothing, configurations round-trip and reject bad
// input, and each named plan quantizes exactly the layers it names.
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include <QtTest>

#include "core/autograd/ops.h"
#include "core/io/checkpoint.h"
#include "core/physics/jet_generator.h"
#include "core/quant/quant_plan.h"
#include "core/tasks/jet_common/attention_layout.h"
#include "core/tasks/qg/qg_model.h"
#include "core/tasks/jet_common/jet_plans.h"

using namespace bithep;
using namespace bithep::tasks::qg;
using namespace bithep::tasks::jet_common;
using autograd::Var;
using tensor::Index;
using tensor::Matrix;

namespace {
constexpr float kPaddingTolerance = 2e-5f;  // float sums over a longer, zero-padded axis

JetDataset smallDataset() {
    static const JetDataset d = [] {
        const physics::JetGeneratorConfig config;
        return JetDataset::fromJets(physics::JetGenerator(config, 7).generate(12), config.toJson(), 7);
    }();
    return d;
}

JetModelConfig tinyConfig(const std::string& architecture) {
    JetModelConfig c;
    c.architecture = architecture;
    c.dim = 16;
    c.heads = 2;
    c.blocks = 2;
    c.ffHidden = 24;
    c.pairHidden = 8;
    c.maxParticles = 0;
    return c;
}

Matrix ramp(Index rows, Index cols) {
    Matrix m(rows, cols);
    for (Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(i);
    return m;
}
}  // namespace

class TstQgModels : public QObject {
    Q_OBJECT
private slots:
    void pairBiasLayout() {
        const Index b = 2, n = 3, h = 2;
        Var x(ramp(b * n * n, h), true);
        const Var y = pairBiasPerHead(x, n);
        QCOMPARE(y.rows(), b * h * n);
        QCOMPARE(y.cols(), n);
        for (Index s = 0; s < b; ++s)
            for (Index hh = 0; hh < h; ++hh)
                for (Index i = 0; i < n; ++i)
                    for (Index j = 0; j < n; ++j)
                        QCOMPARE(y.value()((s * h + hh) * n + i, j), x.value()((s * n + i) * n + j, hh));
        // A permutation's gradient is the inverse permutation: seeding with the output's own
        // values must give back x exactly.
        y.backward(y.value());
        QVERIFY(x.grad() == x.value());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pairBiasPerHead(Var(ramp(10, 2)), 3));
    }
    void transposeSetsLayout() {
        Var x(ramp(2 * 3, 4), true);
        const Var y = transposeSets(x, 3);
        QCOMPARE(y.rows(), Index(8));
        QCOMPARE(y.cols(), Index(3));
        QCOMPARE(y.value()(4 + 1, 2), x.value()(3 + 2, 1));
        y.backward(y.value());
        QVERIFY(x.grad() == x.value());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, transposeSets(Var(ramp(7, 2)), 3));
    }
    void outputShapes_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addRow("pdat") << "pdat";
        QTest::addRow("deepsets") << "deepsets";
    }
    void outputShapes() {
        QFETCH(QString, architecture);
        const auto config = tinyConfig(architecture.toStdString());
        auto model = makeQgModel(config, 3);
        const auto d = smallDataset();
        const std::vector<std::size_t> jets{0, 1, 2, 3, 4};
        const auto batch = buildFeatures(d, jets, featureOptionsFor(config));
        model->fitInputScaling(batch);
        const Var logits = model->forward(batch);
        QCOMPARE(logits.rows(), Index(5));
        QCOMPARE(logits.cols(), Index(1));
        QVERIFY(logits.value().allFinite());
        auto noPid = buildFeatures(d, jets, {.usePid = false});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, model->forward(noPid));
    }
    void paddingDoesNotChangeOutput_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("plan");
        for (const char* plan : {"fp32", "p-dat-bit", "all-linear-ternary"}) {
            QTest::addRow("pdat %s", plan) << "pdat" << plan;
            QTest::addRow("deepsets %s", plan) << "deepsets" << plan;
        }
    }
    void paddingDoesNotChangeOutput() {
        QFETCH(QString, architecture);
        QFETCH(QString, plan);
        auto config = tinyConfig(architecture.toStdString());
        auto model = makeQgModel(config, 11);
        resolveJetPlan(plan.toStdString()).apply(*model);
        const auto d = smallDataset();
        const std::vector<std::size_t> jets{5, 6, 7};
        auto options = featureOptionsFor(config);
        const auto tight = buildFeatures(d, jets, options);
        model->fitInputScaling(tight);
        options.maxParticles = tight.particles + 17;  // 17 extra padded rows per jet
        const auto padded = buildFeatures(d, jets, options);
        QCOMPARE(padded.particles, tight.particles + 17);
        model->setTraining(false);
        const Matrix a = model->forward(tight).value(), b = model->forward(padded).value();
        for (Index r = 0; r < a.rows(); ++r)
            QVERIFY2(std::abs(a(r, 0) - b(r, 0)) < kPaddingTolerance,
                     qPrintable(QString::number(a(r, 0) - b(r, 0))));
        // Each jet alone gives what it gives in the batch: no leakage between jets.
        const auto single = buildFeatures(d, std::vector<std::size_t>{jets[1]}, featureOptionsFor(config));
        QVERIFY(std::abs(model->forward(single).value()(0, 0) - a(1, 0)) < kPaddingTolerance);
    }
    void countInputReachesTheHead_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<bool>("countInput");
        for (bool on : {true, false}) {
            QTest::addRow("pdat %s", on ? "on" : "off") << "pdat" << on;
            QTest::addRow("deepsets %s", on ? "on" : "off") << "deepsets" << on;
        }
    }
    void countInputReachesTheHead() {
        QFETCH(QString, architecture);
        QFETCH(bool, countInput);
        auto config = tinyConfig(architecture.toStdString());
        config.countInput = countInput;
        config.maxParticles = 10;  // every jet truncated: only the count input still sees the rest
        auto model = makeQgModel(config, 5);
        model->setTraining(false);
        const auto d = smallDataset();
        const std::vector<std::size_t> jets{0, 1, 2, 3};
        auto batch = buildFeatures(d, jets, featureOptionsFor(config));
        for (std::size_t b = 0; b < jets.size(); ++b) {
            QCOMPARE(batch.multiplicity[b], float(d.multiplicity(jets[b])));
            QVERIFY(batch.multiplicity[b] > 10.0f);
        }
        model->fitInputScaling(batch);
        const Matrix before = model->forward(batch).value();
        for (auto& m : batch.multiplicity) m *= 2.0f;
        const Matrix after = model->forward(batch).value();
        QCOMPARE((before - after).cwiseAbs().maxCoeff() > 1e-6f, countInput);
        batch.multiplicity.clear();
        if (countInput) QVERIFY_THROWS_EXCEPTION(std::invalid_argument, model->forward(batch));
    }
    void configWithoutCountInputLoadsAsBefore() {
        auto j = nlohmann::json::parse(tinyConfig("pdat").toJson());
        QCOMPARE(j["count_input"].get<bool>(), true);  // the default for new models
        j.erase("count_input");                        // as checkpoints before the count input
        const auto legacy = JetModelConfig::fromJson(j.dump());
        QVERIFY(!legacy.countInput);
        const auto headInputs = [](const JetModelConfig& c) {
            auto model = makeQgModel(c, 1);  // alive while its layers are read
            for (const auto& [path, layer] : model->modulesOfType<nn::BitLinear>())
                if (path == "head.fc0") return layer->in();
            return Index(-1);
        };
        QCOMPARE(headInputs(legacy), Index(16));              // the pooled width only
        QCOMPARE(headInputs(tinyConfig("pdat")), Index(17));  // pooled width + the count
    }
    void checkpointRestoresPredictions() {
        const auto config = tinyConfig("pdat");
        auto model = makeQgModel(config, 5);
        const auto plan = resolveJetPlan("p-dat-bit");
        plan.apply(*model);
        const auto batch =
            buildFeatures(smallDataset(), std::vector<std::size_t>{0, 1, 2}, featureOptionsFor(config));
        model->fitInputScaling(batch);
        model->setTraining(false);
        const Matrix before = model->forward(batch).value();
        const auto file = std::filesystem::temp_directory_path() / "tst_qg_models_checkpoint.h5";
        io::saveCheckpoint(file, *model, config.toJson(), &plan);
        const auto info = io::readCheckpointInfo(file);
        auto restored = makeQgModel(JetModelConfig::fromJson(info.modelConfigJson), 99);  // other weights
        io::loadCheckpoint(file, *restored);
        restored->setTraining(false);
        QVERIFY(restored->forward(batch).value() == before);  // incl. input scaling and precisions
        std::filesystem::remove(file);
    }
    void configRoundTrip() {
        const auto c = tinyConfig("pdat");
        const auto back = JetModelConfig::fromJson(c.toJson());
        QCOMPARE(back.toJson(), c.toJson());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, JetModelConfig::fromJson("{}"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, JetModelConfig::fromJson("not json"));
        auto bad = c;
        bad.heads = 3;  // 16 does not split into 3 heads
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeQgModel(bad, 1));
        bad = c;
        bad.architecture = "cnn";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeQgModel(bad, 1));
    }
    void plansQuantizeTheNamedLayers_data() {
        QTest::addColumn<QString>("plan");
        QTest::addColumn<int>("precision");  // of the attention linears
        QTest::addColumn<bool>("everything");
        QTest::addRow("fp32") << "fp32" << int(quant::Precision::Fp32) << false;
        QTest::addRow("p-dat-bit") << "p-dat-bit" << int(quant::Precision::Ternary) << false;
        QTest::addRow("all-linear-ternary") << "all-linear-ternary" << int(quant::Precision::Ternary) << true;
        QTest::addRow("attention-only-binary")
            << "attention-only-binary" << int(quant::Precision::Binary) << false;
    }
    void plansQuantizeTheNamedLayers() {
        QFETCH(QString, plan);
        QFETCH(int, precision);
        QFETCH(bool, everything);
        registerJetPlans();
        QVERIFY(quant::QuantPlanRegistry::instance().contains(plan.toStdString()));
        auto model = makeQgModel(tinyConfig("pdat"), 1);
        resolveJetPlan(plan.toStdString()).apply(*model);
        int attention = 0, others = 0;
        for (const auto& [path, layer] : model->modulesOfType<nn::BitLinear>()) {
            const bool inAttention = path.find("_attn.") != std::string::npos;
            const auto expected =
                inAttention || everything ? quant::Precision(precision) : quant::Precision::Fp32;
            QVERIFY2(layer->precision() == expected, path.c_str());
            (inAttention ? attention : others)++;
        }
        QCOMPARE(attention, 2 * 8);           // 2 blocks × (particle + channel) × q, k, v, o
        QCOMPARE(others, 2 + 2 + 2 * 4 + 2);  // embed, pair_embed, 2 × (ff1, ff2), head
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resolveJetPlan("no-such-plan"));
    }
    void layerPathsAreStable() {
        auto model = makeQgModel(tinyConfig("pdat"), 1);
        std::set<std::string> paths;
        for (const auto& [path, layer] : model->modulesOfType<nn::BitLinear>()) paths.insert(path);
        for (const char* p : {"embed.fc0", "pair_embed.fc1", "blocks.0.particle_attn.q",
                              "blocks.1.channel_attn.o", "blocks.1.ff2.fc1", "head.fc1"}) {
            QVERIFY2(paths.count(p) == 1, p);
        }
    }
};

QTEST_APPLESS_MAIN(TstQgModels)
#include "tst_qg_models.moc"
