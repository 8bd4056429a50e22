// TrainSettings, the one description of a training: JSON round trip (and project files written
// before the validation share and clipping were stored), every bad field named, the Trainer's
// configuration, the batch's key=value form; trainOnItems, the one training loop: it trains on
// exactly the given items, refuses too few, and equals AdamW + Trainer written out by hand.
#include <algorithm>
#include <set>

#include <QtTest>

#include "core/autograd/ops.h"
#include "core/nn/mlp.h"
#include "core/tasks/batch_settings.h"
#include "core/train/train_settings.h"

namespace ag = bithep::autograd;
namespace tr = bithep::train;
using ag::Matrix;
using bithep::tensor::Index;

namespace {

// A linear target y = x₀ − 2x₁ on 64 rows; the model is a one-hidden-layer MLP.
struct Toy {
    Matrix x{64, 2}, y{64, 1};
    Toy() {
        bithep::tensor::Rng rng(5);
        for (Index i = 0; i < 64; ++i) {
            x(i, 0) = bithep::tensor::standardNormal(rng);
            x(i, 1) = bithep::tensor::standardNormal(rng);
            y(i, 0) = x(i, 0) - 2.0f * x(i, 1);
        }
    }
    ag::Var loss(bithep::nn::Mlp& model, const std::vector<std::size_t>& rows) const {
        Matrix xb(static_cast<Index>(rows.size()), 2), yb(static_cast<Index>(rows.size()), 1);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            xb.row(static_cast<Index>(r)) = x.row(static_cast<Index>(rows[r]));
            yb(static_cast<Index>(r), 0) = y(static_cast<Index>(rows[r]), 0);
        }
        return ag::mse(model.forward(ag::constant(std::move(xb))), ag::constant(std::move(yb)));
    }
};

bithep::nn::Mlp makeModel() {
    bithep::tensor::Rng rng(3);
    return bithep::nn::Mlp({2, 8, 1}, bithep::nn::Activation::ReLU, rng);
}

tr::TrainSettings small() {
    tr::TrainSettings s;
    s.epochs = 3;
    s.batchSize = 8;
    s.learningRate = 1e-2f;
    s.seed = 11;
    return s;
}

}  // namespace

class TstTrainSettings : public QObject {
    Q_OBJECT
private slots:
    void jsonRoundTrip() {
        tr::TrainSettings s = small();
        s.schedule = "cosine";
        s.weightDecay = 0.5f;
        s.validationFraction = 0.3;
        s.gradClipNorm = 0.0f;
        const tr::TrainSettings back = tr::TrainSettings::fromJson(s.toJson());
        QCOMPARE(back.toJson(), s.toJson());
        QCOMPARE(s.toJson().at("optimizer"), "AdamW");
    }

    void olderFilesTakeTheFallbackForTheNewFields() {
        nlohmann::json j = small().toJson();
        j.erase("validation_fraction");
        j.erase("grad_clip_norm");
        tr::TrainSettings fallback;
        fallback.validationFraction = 0.1;
        fallback.gradClipNorm = 2.0f;
        const tr::TrainSettings s = tr::TrainSettings::fromJson(j, fallback);
        QCOMPARE(s.validationFraction, 0.1);
        QCOMPARE(s.gradClipNorm, 2.0f);
        QCOMPARE(s.epochs, 3);  // the stored fields win over the fallback
    }

    void badFieldsAreNamed_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");  // JSON text
        QTest::newRow("epochs zero") << "epochs" << "0";
        QTest::newRow("batch too large") << "batch_size" << "100000";
        QTest::newRow("learning rate 10") << "learning_rate" << "10";
        QTest::newRow("negative decay") << "weight_decay" << "-1";
        QTest::newRow("unknown schedule") << "schedule" << "\"linear\"";
        QTest::newRow("schedule not text") << "schedule" << "3";
        QTest::newRow("validation 1") << "validation_fraction" << "1.0";
        QTest::newRow("seed text") << "seed" << "\"x\"";
    }
    void badFieldsAreNamed() {
        QFETCH(QString, key);
        QFETCH(QString, value);
        nlohmann::json j = small().toJson();
        j[key.toStdString()] = nlohmann::json::parse(value.toStdString());
        try {
            (void)tr::TrainSettings::fromJson(j);
            QFAIL("accepted");
        } catch (const std::invalid_argument& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("training settings") != std::string::npos, e.what());
        }
        nlohmann::json missing = small().toJson();
        missing.erase("epochs");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tr::TrainSettings::fromJson(missing));
    }

    void validateNamesTheContext() {
        tr::TrainSettings s = small();
        s.validationFraction = -0.1;
        try {
            s.validate("smeft training");
            QFAIL("accepted");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(std::string(e.what()), std::string("smeft training: validation fraction must be in [0, 1)"));
        }
    }

    void configCarriesEveryLoopSetting() {
        tr::TrainSettings s = small();
        s.schedule = "cosine";
        s.validationFraction = 0.25;
        s.gradClipNorm = 0.5f;
        const tr::TrainConfig c = s.config("test");
        QCOMPARE(c.epochs, 3);
        QCOMPARE(c.batchSize, Index(8));
        QCOMPARE(c.validationFraction, 0.25);
        QCOMPARE(c.gradClipNorm, 0.5f);
        QCOMPARE(c.seed, std::uint64_t(11));
        QVERIFY(c.schedule.kind == tr::LrSchedule::Kind::Cosine);
        QCOMPARE(c.schedule.baseLr, 1e-2f);
    }

    void batchKeysSetTheSameFields() {
        tr::TrainSettings s;
        for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
                 {"epochs", "7"}, {"batch", "32"}, {"lr", "0.002"}, {"weight-decay", "0.1"},
                 {"schedule", "cosine"}, {"validation", "0.2"}, {"grad-clip", "0"}})
            QVERIFY(bithep::tasks::applyTrainSetting(s, "qg batch", key, value));
        QCOMPARE(s.epochs, 7);
        QCOMPARE(s.batchSize, Index(32));
        QCOMPARE(s.learningRate, 0.002f);
        QCOMPARE(s.weightDecay, 0.1f);
        QCOMPARE(s.schedule, std::string("cosine"));
        QCOMPARE(s.validationFraction, 0.2);
        QCOMPARE(s.gradClipNorm, 0.0f);
        QVERIFY(!bithep::tasks::applyTrainSetting(s, "qg batch", "jets", "100"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bithep::tasks::applyTrainSetting(s, "qg batch", "lr", "fast"));
    }

    void trainsOnExactlyTheGivenItems() {
        const Toy toy;
        auto model = makeModel();
        std::vector<std::size_t> items;
        for (std::size_t i = 0; i < 64; i += 2) items.push_back(i);  // the even rows only
        std::set<std::size_t> seen;
        const tr::TrainResult r = tr::trainOnItems(
            model, items,
            [&](const std::vector<std::size_t>& rows) {
                seen.insert(rows.begin(), rows.end());
                return toy.loss(model, rows);
            },
            small(), "toy training");
        QVERIFY(r.ok);
        QCOMPARE(r.trainLosses.size(), std::size_t(3));
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](std::size_t i) { return i % 2 == 0; }));
        QCOMPARE(seen.size(), items.size());  // training and validation items together
    }

    void refusesTooFewItemsAndBadSettings() {
        const Toy toy;
        auto model = makeModel();
        const auto loss = [&](const std::vector<std::size_t>& rows) { return toy.loss(model, rows); };
        try {
            (void)tr::trainOnItems(model, {0, 1, 2}, loss, small(), "toy training");
            QFAIL("accepted");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(std::string(e.what()), std::string("toy training: 3 training samples, at least 4 needed"));
        }
        tr::TrainSettings bad = small();
        bad.schedule = "step";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tr::trainOnItems(model, {0, 1, 2, 3, 4}, loss, bad, "toy"));
    }

    // The loop every task now uses is AdamW + Trainer with the settings' configuration: the same
    // losses, bit for bit, as that written out by hand on all rows.
    void equalsTheHandWrittenLoop() {
        const Toy toy;
        tr::TrainSettings s = small();
        s.weightDecay = 0.05f;
        std::vector<std::size_t> all(64);
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
        auto a = makeModel();
        const tr::TrainResult viaItems = tr::trainOnItems(
            a, all, [&](const std::vector<std::size_t>& rows) { return toy.loss(a, rows); }, s, "toy");
        auto b = makeModel();
        tr::AdamW optimizer(b.namedParameters(), s.learningRate, 0.9f, 0.999f, 1e-8f, s.weightDecay);
        tr::Trainer trainer(b, optimizer, s.config("toy"));
        const tr::TrainResult byHand = trainer.fit(64, [&](const std::vector<Index>& rows, bool) {
            return toy.loss(b, std::vector<std::size_t>(rows.begin(), rows.end()));
        });
        QCOMPARE(viaItems.batchLosses, byHand.batchLosses);
        QCOMPARE(viaItems.validationLosses, byHand.validationLosses);
    }
};

QTEST_GUILESS_MAIN(TstTrainSettings)
#include "tst_train_settings.moc"
