#include "app/views/training_view.h"

#include <QHBoxLayout>
#include <QVBoxLayout>

#include "widgets/charts/line_chart.h"

namespace bithep::app {

TrainingView::TrainingView(QWidget* parent) : QWidget(parent) {
    setObjectName("trainingView");
    m_chart = new widgets::LineChart(this);
    m_chart->setObjectName("lossChart");
    m_chart->setProperty("bithepFigure", true);
    m_chart->setAccessibleName(tr("Training and validation loss per epoch"));
    m_metricChart = new widgets::LineChart(this);
    m_metricChart->setObjectName("epochMetricChart");
    m_metricChart->setProperty("bithepFigure", true);
    m_metricChart->setAccessibleName(tr("Task metric on the validation samples per epoch"));
    m_metricChart->hide();
    m_lrChart = new widgets::LineChart(this);
    m_lrChart->setObjectName("learningRateChart");
    m_lrChart->setProperty("bithepFigure", true);
    m_lrChart->setAccessibleName(tr("Learning rate per epoch"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chart, 3);
    // The task metric and the learning rate side by side: stacked, neither had room for its axes.
    auto* lower = new QHBoxLayout;
    lower->addWidget(m_metricChart, 1);
    lower->addWidget(m_lrChart, 1);
    layout->addLayout(lower, 2);
    redraw();
}

void TrainingView::clear() {
    m_x.clear();
    m_train.clear();
    m_validation.clear();
    m_lr.clear();
    m_metric.clear();
    m_segments.clear();
    m_epochs = 0;
    redraw();
}

void TrainingView::startSegment(const QString& label) {
    if (m_epochs > 0) m_segments.emplace_back(m_epochs + 0.5, label);
}

void TrainingView::setMetricName(const QString& name) {
    m_metricName = name;
    m_metricChart->setVisible(!name.isEmpty());
    redraw();
}

void TrainingView::addEpoch(float trainLoss, float validationLoss, float learningRate, double metric) {
    ++m_epochs;
    m_x.push_back(m_epochs);
    m_metric.push_back(metric);
    m_lr.push_back(learningRate);
    m_train.push_back(trainLoss);
    m_validation.push_back(validationLoss);
    redraw();
}

void TrainingView::redraw() {
    tasks::LineFigure f;
    f.xLabel = "Epoch";
    f.yLabel = "Loss";
    f.lines.push_back({"training", m_x, m_train, false, true});
    f.lines.push_back({"validation", m_x, m_validation, true, true});
    // A retrain marker as a short vertical dashed segment spanning the plotted losses.
    if (!m_train.empty()) {
        double lo = m_train.front(), hi = lo;
        for (double v : m_train) lo = std::min(lo, v), hi = std::max(hi, v);
        for (double v : m_validation) lo = std::min(lo, v), hi = std::max(hi, v);
        for (const auto& [x, label] : m_segments)
            f.lines.push_back({label.toStdString(), {x, x}, {lo, hi}, true, false});
    }
    m_chart->setFigure(f);
    m_chart->setTitle(tr("Loss per epoch"));
    tasks::LineFigure lr;
    lr.xLabel = "Epoch";
    lr.yLabel = "Learning rate";
    lr.lines.push_back({"at the end of each epoch", m_x, m_lr, false, true});
    m_lrChart->setFigure(lr);
    if (!m_metricName.isEmpty()) {
        tasks::LineFigure metric;
        metric.xLabel = "Epoch";
        metric.yLabel = m_metricName.toStdString();
        std::vector<double> x, y;  // epochs without a value (NaN) are left out
        for (std::size_t i = 0; i < m_metric.size(); ++i)
            if (std::isfinite(m_metric[i])) x.push_back(m_x[i]), y.push_back(m_metric[i]);
        metric.lines.push_back(
            {(m_metricName + tr(" on the validation samples")).toStdString(), x, y, false, true});
        m_metricChart->setFigure(metric);
        m_metricChart->setTitle(tr("%1 per epoch").arg(m_metricName));
    }
    m_lrChart->setTitle(tr("Learning rate"));
}

}  // namespace bithep::app
