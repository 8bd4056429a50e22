#pragma once
// Overlaid 1-D histograms drawn as steps, the way HEP papers show distributions: a reference
// filled in grey, the others as coloured step lines, each optionally normalised to unit area so
// shapes compare. Used for score histograms, CaloChallenge features and φ residuals.
#include <QChartView>
#include <QVector>

#include "core/metrics/histogram_1d.h"

namespace bithep::widgets {

struct HistogramSeries {
    QString label;
    metrics::Histogram1D histogram;
    bool filled = false;  // the reference: filled area instead of a line
};

class HistogramChart : public QChartView {
    Q_OBJECT
public:
    explicit HistogramChart(QWidget* parent = nullptr);

    void setSeries(const QVector<HistogramSeries>& series);
    void setAxisTitles(const QString& x, const QString& y);
    void setNormalised(bool density);  // divide by area (default on)
    void setLogY(bool logY);
    void setTitle(const QString& title);
    const QVector<HistogramSeries>& series() const { return m_series; }

private:
    void rebuild();

    QVector<HistogramSeries> m_series;
    QString m_xTitle, m_yTitle;
    bool m_normalised = true;
    bool m_logY = false;
};

}  // namespace bithep::widgets
