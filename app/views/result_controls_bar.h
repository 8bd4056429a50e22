#pragma once
// The row of result controls above the result plots, built from the task session's
// ResultControl list: a slider (linear or logarithmic, with its value shown) or a push button
// each. A slider reports its value once it rests for a moment, so dragging it does not redraw
// every run at every pixel; the bar is hidden when the task has no controls.
#include <vector>

#include <QWidget>

#include "core/tasks/task_session.h"

class QHBoxLayout;
class QTimer;

namespace bithep::app {

class ResultControlsBar : public QWidget {
    Q_OBJECT
public:
    explicit ResultControlsBar(QWidget* parent = nullptr);
    void setControls(const std::vector<tasks::ResultControl>& controls);
    int controlCount() const { return static_cast<int>(m_controls.size()); }
    // Moves slider `id` to `value` (clamped) and reports it at once, as a user would; for tests
    // and lessons. False for an unknown slider.
    bool setSliderValue(const QString& id, double value);
    double sliderValue(const QString& id) const;

    // The slider's integer position ↔ value, evenly in log(value) for logarithmic sliders.
    static constexpr int kSteps = 1000;
    static double valueAt(const tasks::ResultControl& c, int position);
    static int positionOf(const tasks::ResultControl& c, double value);

signals:
    void sliderChanged(const QString& id, double value);
    void buttonPressed(const QString& id);

private:
    void clearControls();
    QWidget* makeSlider(std::size_t i);

    std::vector<tasks::ResultControl> m_controls;
    std::vector<QWidget*> m_widgets;
    QHBoxLayout* m_layout;
    QTimer* m_settle;
    int m_pending = -1;  // index of the slider whose value waits for m_settle
};

}  // namespace bithep::app
