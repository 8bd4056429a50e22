// Figure export writes valid PNG/SVG/PDF files carrying their provenance, atomically.
#include <QtTest>

#include <QChartView>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QJsonDocument>
#include <QLineSeries>
#include <QSvgRenderer>

#include "widgets/charts/figure_exporter.h"

using bithep::widgets::FigureExporter;
using bithep::widgets::Provenance;

class TstFigureExporter : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QChartView* m_view = nullptr;

    Provenance provenance() const {
        Provenance p;
        p.settings.insert("seed", 1234);
        p.settings.insert("plan", "p-dat-bit");
        return p;
    }
    QString path(const QString& name) const { return QDir(m_dir.path()).filePath(name); }

private slots:
    void initTestCase() {
        auto* series = new QLineSeries;
        for (int i = 0; i < 20; ++i) series->append(i, i * i);
        auto* chart = new QChart;
        chart->addSeries(series);
        chart->createDefaultAxes();
        m_view = new QChartView(chart);
        m_view->resize(400, 300);
    }
    void cleanupTestCase() { delete m_view; }

    void pngHasRequestedDpiAndProvenance() {
        FigureExporter exporter(provenance(), {.dpi = 192, .writeSidecar = true});
        QVERIFY2(exporter.exportWidget(m_view, path("roc.png")), qPrintable(exporter.errorString()));
        QImageReader reader(path("roc.png"));
        const QImage image = reader.read();
        QCOMPARE(image.size(), QSize(800, 600));  // 192 dpi = 2x the 96-dpi logical size
        QVERIFY(image.text("Provenance").contains("\"seed\":1234"));
        QFile sidecar(path("roc.png.json"));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const auto json = QJsonDocument::fromJson(sidecar.readAll()).object();
        QCOMPARE(json.value("plan").toString(), QString("p-dat-bit"));
        QVERIFY(json.contains("version"));
    }
    void svgIsValidAndDescribed() {
        FigureExporter exporter(provenance());
        QVERIFY2(exporter.exportWidget(m_view, path("roc.svg")), qPrintable(exporter.errorString()));
        QSvgRenderer renderer(path("roc.svg"));
        QVERIFY(renderer.isValid());
        QFile f(path("roc.svg"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("p-dat-bit"));
    }
    void pdfStartsWithPdfHeader() {
        FigureExporter exporter(provenance());
        QVERIFY2(exporter.exportWidget(m_view, path("roc.pdf")), qPrintable(exporter.errorString()));
        QFile f(path("roc.pdf"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.size() > 1000);
    }
    void unknownSuffixAndMissingWidgetAreErrors() {
        FigureExporter exporter(provenance());
        QVERIFY(!exporter.exportWidget(m_view, path("roc.bmp")));
        QVERIFY(exporter.errorString().contains(".png"));
        QVERIFY(!exporter.exportWidget(nullptr, path("x.png")));
        QVERIFY(!QFile::exists(path("x.png")));
    }
    void unwritableTargetKeepsNothingHalfWritten() {
        FigureExporter exporter(provenance());
        QVERIFY(!exporter.exportWidget(m_view, path("missing-dir/roc.png")));
        QVERIFY(exporter.errorString().contains("missing-dir"));
    }
};

QTEST_MAIN(TstFigureExporter)
#include "tst_figure_exporter.moc"
