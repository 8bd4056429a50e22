#pragma once
// The ROC plot as HEP quotes it: background rejection 1/ε_B on a log axis against signal
// efficiency ε_S, one curve per classifier or run, with AUC and 1/ε_B at ε_S = 30 % and 50 % in
// the legend. Curves are drawn from down-sampled points so overlays of many runs stay fast.
#include <QChartView>
#include <QString>
#include <QVector>

#include "core/metrics/roc_curve.h"

namespace bithep::widgets {

struct RocSeries {
    QString label;
    std::vector<metrics::RocPoint> points;  // as from RocCurve::downsampled()
    double auc = 0.0;
    double rejection30 = 0.0;  // 1/ε_B at ε_S = 0.3 (inf when no background survives)
    double rejection50 = 0.0;

    static RocSeries fromCurve(const QString& label, const metrics::RocCurve& curve);
    QString legendText() const;  // "P-DAT: AUC 0.906 · 1/ε_B 67.5 @30%, 34.9 @50%"
};

class RocChart : public QChartView {
    Q_OBJECT
public:
    explicit RocChart(QWidget* parent = nullptr);

    void setSeries(const QVector<RocSeries>& series);
    const QVector<RocSeries>& series() const { return m_series; }
    void setTitle(const QString& title);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void placeLegend();

    QVector<RocSeries> m_series;
};

}  // namespace bithep::widgets
