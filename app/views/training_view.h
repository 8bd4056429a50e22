#pragma once
// Live training curves: training and validation loss per epoch, continuing across "retrain"
// calls (a fine-tune after a precision change appears as the continuation of the same curve,
// with a marker line where it started) and cleared when a network is trained from scratch; below
// it the task's own metric on the validation samples (e.g. AUC) when the task reports one, and the
// learning rate of each epoch, so the one-cycle or cosine schedule is visible.
#include <cmath>
#include <vector>

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
    // The name of the task's epoch metric ("AUC"); empty hides its chart.
    void setMetricName(const QString& name);
    void addEpoch(float trainLoss, float validationLoss, float learningRate, double metric = std::nan(""));
    int epochs() const { return m_epochs; }

private:
    void redraw();

    widgets::LineChart* m_chart;
    widgets::LineChart* m_metricChart;
    widgets::LineChart* m_lrChart;
    QString m_metricName;
    std::vector<double> m_x, m_train, m_validation, m_lr, m_metric;
    std::vector<std::pair<double, QString>> m_segments;
    int m_epochs = 0;
};

}  // namespace bithep::app
