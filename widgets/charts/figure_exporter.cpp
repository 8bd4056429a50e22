#include "widgets/charts/figure_exporter.h"

#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace bithep::widgets {

namespace {
constexpr double kScreenDpi = 96.0;  // logical pixels per inch Qt assumes for widget geometry
}

bool figureFormatFromPath(const QString& path, FigureFormat* format) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("png")) *format = FigureFormat::Png;
    else if (suffix == QStringLiteral("svg")) *format = FigureFormat::Svg;
    else if (suffix == QStringLiteral("pdf")) *format = FigureFormat::Pdf;
    else return false;
    return true;
}

FigureExporter::FigureExporter(Provenance provenance, FigureExportOptions options)
    : m_provenance(std::move(provenance)), m_options(options) {}

bool FigureExporter::exportWidget(QWidget* widget, const QString& path) {
    m_error.clear();
    FigureFormat format{};
    if (!widget) {
        m_error = QStringLiteral("nothing to export: no figure is shown");
        return false;
    }
    if (!figureFormatFromPath(path, &format)) {
        m_error = QStringLiteral("cannot export '%1': use a .png, .svg or .pdf file name").arg(path);
        return false;
    }
    if (widget->width() <= 0 || widget->height() <= 0) {
        m_error = QStringLiteral("cannot export '%1': the figure has no size").arg(path);
        return false;
    }
    bool ok = false;
    switch (format) {
    case FigureFormat::Png: ok = writePng(widget, path); break;
    case FigureFormat::Svg: ok = writeSvg(widget, path); break;
    case FigureFormat::Pdf: ok = writePdf(widget, path); break;
    }
    if (!ok) return false;
    if (m_options.writeSidecar) {
        QSaveFile sidecar(path + QStringLiteral(".json"));
        if (!sidecar.open(QIODevice::WriteOnly) ||
            sidecar.write(QJsonDocument(m_provenance.toJson()).toJson()) < 0 || !sidecar.commit()) {
            m_error = QStringLiteral("figure written, but '%1.json': %2").arg(path, sidecar.errorString());
            return false;
        }
    }
    return true;
}

bool FigureExporter::writePng(QWidget* widget, const QString& path) {
    const double scale = m_options.dpi / kScreenDpi;
    QImage image(widget->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    image.setDotsPerMeterX(qRound(m_options.dpi / 0.0254));
    image.setDotsPerMeterY(qRound(m_options.dpi / 0.0254));
    image.setText(QStringLiteral("Software"), QStringLiteral("BitHEP Explorer"));
    image.setText(QStringLiteral("Provenance"), m_provenance.toCompactString());
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(scale, scale);
        widget->render(&painter);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        m_error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool FigureExporter::writeSvg(QWidget* widget, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(widget->size());
    svg.setViewBox(QRect(QPoint(0, 0), widget->size()));
    svg.setTitle(QFileInfo(path).completeBaseName());
    svg.setDescription(m_provenance.toCompactString());
    {
        QPainter painter(&svg);
        widget->render(&painter);
    }
    if (!file.commit()) {
        m_error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool FigureExporter::writePdf(QWidget* widget, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter pdf(&file);
        pdf.setTitle(QFileInfo(path).completeBaseName());
        pdf.setCreator(QStringLiteral("BitHEP Explorer ") + m_provenance.toCompactString());
        pdf.setResolution(static_cast<int>(kScreenDpi));
        // Page exactly the figure's size: 1 logical pixel = 1/96 inch = 0.75 pt.
        pdf.setPageSize(QPageSize(QSizeF(widget->width() * 0.75, widget->height() * 0.75),
                                  QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&pdf);
        widget->render(&painter);
    }
    if (!file.commit()) {
        m_error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

}  // namespace bithep::widgets
