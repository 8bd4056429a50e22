#pragma once
// Writes any widget (a chart view, a shower panel) as PNG at a chosen DPI, SVG or PDF, with the
// provenance embedded in the file and written beside it as <name>.json. The same code renders
// offscreen for the batch CLI, so figures in papers and in the app look the same.
#include <QString>
#include <QWidget>

#include "widgets/charts/provenance.h"

namespace bithep::widgets {

enum class FigureFormat { Png, Svg, Pdf };

// Picks the format from the file suffix (.png, .svg, .pdf); returns false for anything else.
bool figureFormatFromPath(const QString& path, FigureFormat* format);

struct FigureExportOptions {
    int dpi = 150;            // PNG only; the widget's logical size is rendered at dpi/96 scale
    bool writeSidecar = true; // <path>.json with the provenance
};

class FigureExporter {
public:
    explicit FigureExporter(Provenance provenance, FigureExportOptions options = {});

    // Renders `widget` to `path` atomically. On failure returns false and errorString() says why.
    bool exportWidget(QWidget* widget, const QString& path);
    QString errorString() const { return m_error; }

private:
    bool writePng(QWidget* widget, const QString& tmpPath);
    bool writeSvg(QWidget* widget, const QString& tmpPath);
    bool writePdf(QWidget* widget, const QString& tmpPath);

    Provenance m_provenance;
    FigureExportOptions m_options;
    QString m_error;
};

}  // namespace bithep::widgets
