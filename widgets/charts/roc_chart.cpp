#include "widgets/charts/roc_chart.h"

#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <cmath>
#include <limits>

#include "widgets/charts/palette.h"

namespace bithep::widgets {

namespace {
constexpr double kMinEfficiency = 0.05;  // below this ε_S the rejection is statistics-limited noise

QString formatRejection(double r) {
    if (!std::isfinite(r)) return QStringLiteral("∞");
    return r >= 100 ? QString::number(r, 'f', 0) : QString::number(r, 'f', 1);
}
}  // namespace

RocSeries RocSeries::fromCurve(const QString& label, const metrics::RocCurve& curve) {
    RocSeries s;
    s.label = label;
    s.points = curve.downsampled(500);
    s.auc = curve.auc();
    s.rejection30 = curve.rejectionAt(0.3).rejection;
    s.rejection50 = curve.rejectionAt(0.5).rejection;
    return s;
}

QString RocSeries::legendText() const {
    return QStringLiteral("%1: AUC %2 · 1/ε_B %3 @30%, %4 @50%")
        .arg(label, QString::number(auc, 'f', 3), formatRejection(rejection30), formatRejection(rejection50));
}

RocChart::RocChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    setProperty("bithepFigure", true);
    setAccessibleName(tr("ROC curve: background rejection against signal efficiency"));
    setToolTip(tr("ε_S: fraction of signal (quark) jets kept by a cut on the score.\n"
                  "1/ε_B: background rejection, one over the fraction of background (gluon) jets kept.\n"
                  "Higher is better; AUC is the area under ε_B(ε_S) read as P(score_S > score_B)."));
    chart()->setTitle(tr("ROC"));
    // The legend lines are long (metrics included), so they sit stacked inside the empty
    // upper-right corner of the plot instead of being cut off in a row above it.
    chart()->legend()->detachFromChart();
    chart()->legend()->setAlignment(Qt::AlignRight);
    chart()->legend()->setBackgroundVisible(true);
    chart()->legend()->setBrush(QColor(255, 255, 255, 230));
    chart()->legend()->setPen(QPen(QColor(180, 180, 180)));
    rebuild();
}

void RocChart::setTitle(const QString& title) { chart()->setTitle(title); }

void RocChart::setSeries(const QVector<RocSeries>& series) {
    m_series = series;
    rebuild();
}

void RocChart::rebuild() {
    QChart* c = chart();
    clearChart(c);
    auto* x = new QValueAxis;
    x->setRange(0.0, 1.0);
    x->setTitleText(tr("Signal efficiency ε_S"));
    x->setLabelFormat(QStringLiteral("%.1f"));
    x->setTickCount(11);
    auto* y = new QLogValueAxis;
    y->setBase(10);
    y->setTitleText(tr("Background rejection 1/ε_B"));
    y->setLabelFormat(QStringLiteral("%g"));
    y->setMinorTickCount(-1);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);

    double maxRejection = 10.0;
    for (int i = 0; i < m_series.size(); ++i) {
        const RocSeries& s = m_series[i];
        auto* line = new QLineSeries;
        line->setName(s.legendText());
        QPen pen(seriesColor(i));
        pen.setWidthF(2.0);
        line->setPen(pen);
        for (const auto& p : s.points) {
            if (p.signalEfficiency < kMinEfficiency || p.backgroundEfficiency <= 0.0) continue;
            const double r = 1.0 / p.backgroundEfficiency;
            line->append(p.signalEfficiency, r);
            maxRejection = std::max(maxRejection, r);
        }
        c->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
    y->setRange(1.0, std::pow(10.0, std::ceil(std::log10(maxRejection))));
    placeLegend();
}

void RocChart::resizeEvent(QResizeEvent* event) {
    QChartView::resizeEvent(event);
    placeLegend();
}

void RocChart::placeLegend() {
    QLegend* legend = chart()->legend();
    legend->setVisible(!m_series.isEmpty());
    if (m_series.isEmpty()) return;
    const QRectF plot = chart()->plotArea();
    const QFontMetricsF metrics(legend->font());
    double textWidth = 0;
    for (const auto& s : m_series) textWidth = std::max(textWidth, metrics.horizontalAdvance(s.legendText()));
    // Marker, spacing and margins take about 70 px beside the text; each row ~1.9 line heights.
    const double width = std::min(plot.width() - 16, textWidth + 70);
    const double height = m_series.size() * metrics.height() * 1.9 + 16;
    legend->setGeometry(QRectF(plot.right() - width - 8, plot.top() + 8, width, height));
    legend->update();
}

}  // namespace bithep::widgets
