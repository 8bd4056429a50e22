#pragma once
// Colours for curves and bars: the Okabe–Ito palette, distinguishable with the common forms of
// colour blindness, in an order where neighbours contrast. Used by every chart so overlays of
// runs look the same in the app and in batch figures.
#include <QAbstractAxis>
#include <QChart>
#include <QColor>

namespace bithep::widgets {

inline QColor seriesColor(int index) {
    static const QColor kColors[] = {
        QColor(0, 114, 178),   // blue
        QColor(213, 94, 0),    // vermillion
        QColor(0, 158, 115),   // bluish green
        QColor(204, 121, 167), // reddish purple
        QColor(230, 159, 0),   // orange
        QColor(86, 180, 233),  // sky blue
        QColor(0, 0, 0),       // black
        QColor(240, 228, 66),  // yellow (last: weak on white)
    };
    constexpr int n = sizeof(kColors) / sizeof(kColors[0]);
    return kColors[((index % n) + n) % n];
}

// Every chart redraws from scratch when its data change: series and axes go, axes are deleted
// (QChart::removeAxis hands ownership back to the caller).
inline void clearChart(QChart* chart) {
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

}  // namespace bithep::widgets
