#pragma once
// Live training curves: training and validation loss per epoch, continuing across "retrain"
// calls (a fine-tune after a precision change appears as the continuation of the same curve,
// with a marker line where it started) and cleared when a network is trained from scratch; below
// it the learning rate of each epoch, so the one-cycle or cosine schedule is visible.
#include <QWidget>

namespace bithep::widgets {
class LineChart;
}

namespace bithep::app {

class TrainingView : public QWidget {
    Q_OBJECT
public:
    explicit TrainingView(QWidget* parent = nullptr);
    void clear();
    void startSegment(const QString& label);  // a new training call from the current weights
    void addEpoch(float trainLoss, float validationLoss, float learningRate);
    int epochs() const { return m_epochs; }

private:
    void redraw();

    widgets::LineChart* m_chart;
    widgets::LineChart* m_lrChart;
    std::vector<double> m_x, m_train, m_validation, m_lr;
    std::vector<std::pair<double, QString>> m_segments;
    int m_epochs = 0;
};

}  // namespace bithep::app
