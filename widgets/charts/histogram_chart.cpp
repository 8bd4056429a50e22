#include "widgets/charts/histogram_chart.h"

#include <QAreaSeries>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "widgets/charts/palette.h"

namespace bithep::widgets {

namespace {

// Step outline of a histogram: (e0,0) (e0,h0) (e1,h0) (e1,h1) ... (en,h_{n-1}) (en,0).
// On a log axis zero is not drawable, so empty bins drop to `floor`.
QList<QPointF> stepPoints(const std::vector<double>& edges, const std::vector<double>& heights, double floor) {
    QList<QPointF> pts;
    pts.reserve(static_cast<qsizetype>(2 * heights.size() + 2));
    pts.append({edges.front(), floor});
    for (size_t i = 0; i < heights.size(); ++i) {
        const double h = std::max(heights[i], floor);
        pts.append({edges[i], h});
        pts.append({edges[i + 1], h});
    }
    pts.append({edges.back(), floor});
    return pts;
}

}  // namespace

HistogramChart::HistogramChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    setProperty("bithepFigure", true);
    chart()->legend()->setAlignment(Qt::AlignTop);
    m_yTitle = tr("Normalised entries");
    rebuild();
}

void HistogramChart::setSeries(const QVector<HistogramSeries>& series) {
    m_series = series;
    rebuild();
}
void HistogramChart::setAxisTitles(const QString& x, const QString& y) {
    m_xTitle = x;
    m_yTitle = y;
    rebuild();
}
void HistogramChart::setNormalised(bool density) {
    m_normalised = density;
    rebuild();
}
void HistogramChart::setLogY(bool logY) {
    m_logY = logY;
    rebuild();
}
void HistogramChart::setTitle(const QString& title) { chart()->setTitle(title); }

void HistogramChart::rebuild() {
    QChart* c = chart();
    clearChart(c);
    double xMin = 0, xMax = 1, yMax = 0, yMinPositive = 1e300;
    bool first = true;
    QVector<std::vector<double>> heights;
    for (const auto& s : m_series) {
        const auto& h = s.histogram;
        std::vector<double> v = (m_normalised && h.integral() > 0) ? h.density() : h.contents();
        for (double x : v) {
            yMax = std::max(yMax, x);
            if (x > 0) yMinPositive = std::min(yMinPositive, x);
        }
        xMin = first ? h.edges().front() : std::min(xMin, h.edges().front());
        xMax = first ? h.edges().back() : std::max(xMax, h.edges().back());
        first = false;
        heights.push_back(std::move(v));
    }
    auto* x = new QValueAxis;
    x->setTitleText(m_xTitle);
    x->setRange(xMin, xMax);
    x->setLabelFormat(QStringLiteral("%g"));
    QAbstractAxis* y = nullptr;
    double floor = 0;
    if (m_logY) {
        auto* logAxis = new QLogValueAxis;
        logAxis->setLabelFormat(QStringLiteral("%g"));
        floor = yMinPositive < 1e300 ? yMinPositive / 2 : 1e-3;
        logAxis->setRange(floor, std::max(yMax * 2, floor * 10));
        y = logAxis;
    } else {
        auto* linAxis = new QValueAxis;
        linAxis->setRange(0, yMax > 0 ? yMax * 1.15 : 1.0);
        linAxis->applyNiceNumbers();  // round tick values instead of 0.0294-style labels
        linAxis->setLabelFormat(QStringLiteral("%g"));
        y = linAxis;
    }
    y->setTitleText(m_yTitle);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);

    int colorIndex = 0;
    for (int i = 0; i < m_series.size(); ++i) {
        const auto& s = m_series[i];
        auto* line = new QLineSeries;
        line->append(stepPoints(s.histogram.edges(), heights[i], floor));
        QAbstractSeries* shown = line;
        if (s.filled) {
            auto* area = new QAreaSeries(line);
            area->setColor(QColor(190, 190, 190));
            area->setBorderColor(QColor(120, 120, 120));
            shown = area;
        } else {
            QPen pen(seriesColor(colorIndex++));
            pen.setWidthF(2.0);
            line->setPen(pen);
        }
        shown->setName(s.label);
        c->addSeries(shown);
        shown->attachAxis(x);
        shown->attachAxis(y);
    }
}

}  // namespace bithep::widgets
