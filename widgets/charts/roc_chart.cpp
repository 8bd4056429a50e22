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
    chart()->legend()->setAlignment(Qt::AlignTop);
    rebuild();
}

void RocChart::setTitle(const QString& title) { chart()->setTitle(title); }

void RocChart::setSeries(const QVector<RocSeries>& series) {
    m_series = series;
    rebuild();
}

void RocChart::rebuild() {
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    auto* x = new QValueAxis;
    x->setRange(0.0, 1.0);
    x->setTitleText(tr("Signal efficiency ε_S"));
    x->setLabelFormat("%.1f");
    auto* y = new QLogValueAxis;
    y->setBase(10);
    y->setTitleText(tr("Background rejection 1/ε_B"));
    y->setLabelFormat("%g");
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
}

}  // namespace bithep::widgets
