// The result-controls bar: the slider's position maps evenly in log(value) for logarithmic
// controls and back, a drag reports one value once the slider rests, a button reports its id,
// and a task without controls hides the bar.
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

#include "app/views/result_controls_bar.h"

using bithep::app::ResultControlsBar;
using bithep::tasks::ResultControl;

namespace {
constexpr double kTolerance = 1e-9;

ResultControl luminosity() {
    ResultControl c;
    c.id = "luminosity";
    c.label = "Luminosity [fb^-1]";
    c.kind = ResultControl::Kind::Slider;
    c.minimum = 10;
    c.maximum = 1000;
    c.value = 100;
    c.logarithmic = true;
    return c;
}
}  // namespace

class TstResultControlsBar : public QObject {
    Q_OBJECT
private slots:
    void logarithmicMapping() {
        const ResultControl c = luminosity();
        QCOMPARE(ResultControlsBar::positionOf(c, 10), 0);
        QCOMPARE(ResultControlsBar::positionOf(c, 1000), ResultControlsBar::kSteps);
        QCOMPARE(ResultControlsBar::positionOf(c, 100),
                 ResultControlsBar::kSteps / 2);  // the geometric middle
        QVERIFY(std::fabs(ResultControlsBar::valueAt(c, ResultControlsBar::kSteps / 2) - 100.0) < 1e-9 * 100);
        QCOMPARE(ResultControlsBar::positionOf(c, 1e6), ResultControlsBar::kSteps);  // clamped
        QCOMPARE(ResultControlsBar::positionOf(c, -5), 0);
    }

    void linearMapping() {
        ResultControl c = luminosity();
        c.logarithmic = false;
        c.minimum = -2;
        c.maximum = 2;
        QCOMPARE(ResultControlsBar::positionOf(c, 0), ResultControlsBar::kSteps / 2);
        QVERIFY(std::fabs(ResultControlsBar::valueAt(c, ResultControlsBar::kSteps / 4) + 1.0) < kTolerance);
    }

    void dragReportsOnceItRests() {
        ResultControlsBar bar;
        bar.setControls({luminosity()});
        QVERIFY(!bar.isHidden());
        auto* slider = bar.findChild<QSlider*>("luminosity");
        QVERIFY(slider);
        QCOMPARE(slider->value(), ResultControlsBar::kSteps / 2);
        QSignalSpy changed(&bar, &ResultControlsBar::sliderChanged);
        for (int p = 500; p <= 1000; p += 100) slider->setValue(p);
        QCOMPARE(changed.count(), 0);  // still moving
        QVERIFY(changed.wait(2000));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toString(), QString("luminosity"));
        QVERIFY(std::fabs(changed.first().at(1).toDouble() - 1000.0) < 1e-6);
        QVERIFY(std::fabs(bar.sliderValue("luminosity") - 1000.0) < 1e-6);
    }

    void setSliderValueReportsAtOnce() {
        ResultControlsBar bar;
        bar.setControls({luminosity()});
        QSignalSpy changed(&bar, &ResultControlsBar::sliderChanged);
        QVERIFY(bar.setSliderValue("luminosity", 300));
        QCOMPARE(changed.count(), 1);
        QVERIFY(std::fabs(changed.first().at(1).toDouble() - 300.0) < 1e-9);
        QVERIFY(!bar.setSliderValue("no-such-slider", 1));
    }

    void buttonReportsItsId() {
        ResultControl c;
        c.id = "resample";
        c.label = "Sample again";
        c.kind = ResultControl::Kind::Button;
        ResultControlsBar bar;
        bar.setControls({luminosity(), c});
        QCOMPARE(bar.controlCount(), 2);
        QSignalSpy pressed(&bar, &ResultControlsBar::buttonPressed);
        auto* button = bar.findChild<QPushButton*>("resample");
        QVERIFY(button);
        button->click();
        QCOMPARE(pressed.count(), 1);
        QCOMPARE(pressed.first().at(0).toString(), QString("resample"));
        QVERIFY(!bar.setSliderValue("resample", 1));  // a button is not a slider
    }

    void noControlsHidesTheBar() {
        ResultControlsBar bar;
        bar.setControls({luminosity()});
        bar.setControls({});
        QCOMPARE(bar.controlCount(), 0);
        QVERIFY(bar.isHidden());
        QVERIFY(!bar.findChild<QSlider*>("luminosity"));
    }
};

QTEST_MAIN(TstResultControlsBar)
#include "tst_result_controls_bar.moc"
