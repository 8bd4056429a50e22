#include "app/batch_output_writer.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryFile>
#include <memory>
#include <stdexcept>

#include "app/command_line.h"
#include "core/platform/atomic_file.h"
#include "widgets/charts/figure_exporter.h"
#include "widgets/charts/figure_view.h"

namespace bithep::app {

namespace {
constexpr int kFigureWidth = 900, kFigureHeight = 650;  // logical pixels; PNG at 150 dpi

QJsonObject toQt(const nlohmann::json& j) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(j.dump())).object();
}
}  // namespace

tasks::BatchRequest makeBatchRequest(const BatchOptions& options) {
    tasks::BatchRequest r;
    const QString dir = QDir(options.outDir).absolutePath();
    if (!QDir().mkpath(dir)) throw std::runtime_error("cannot create output directory '" + dir.toStdString() + "'");
    QTemporaryFile probe(QDir(dir).filePath(QStringLiteral(".write-test-XXXXXX")));
    if (!probe.open()) throw std::runtime_error("output directory '" + dir.toStdString() + "' is not writable");
    r.outDir = dir.toStdString();
    r.model = options.model.toStdString();
    r.plan = options.plan.toStdString();
    r.seed = options.seed;
    r.seeds = options.seeds;
    r.threads = options.threads;
    for (const QString& a : options.arguments) r.arguments.push_back(a.toStdString());
    return r;
}

void refuseUnknownArguments(const BatchOptions& options, const QString& job, const QStringList& allowed) {
    for (const QString& a : options.arguments)
        if (!allowed.contains(a))
            throw std::invalid_argument(job.toStdString() + ": unknown argument '" + a.toStdString() + "'" +
                                        (allowed.isEmpty() ? std::string(" (it takes none)")
                                                           : " (known: " + allowed.join(QStringLiteral(", ")).toStdString() + ")"));
}

QStringList writeBatchOutput(const tasks::BatchOutput& output, const QString& dirPath) {
    const QDir dir(dirPath);
    QStringList written;
    widgets::Provenance provenance{toQt(output.settings)};
    widgets::FigureExporter exporter(provenance, {.dpi = 150, .writeSidecar = false});
    for (const auto& figure : output.figures) {
        std::unique_ptr<QWidget> widget(widgets::createFigureWidget(figure));
        widget->resize(kFigureWidth, kFigureHeight);
        for (const char* suffix : {".png", ".svg"}) {
            const QString name = QString::fromStdString(figure.id) + QLatin1String(suffix);
            if (!exporter.exportWidget(widget.get(), dir.filePath(name)))
                throw std::runtime_error(exporter.errorString().toStdString());
            written << name;
        }
    }
    for (const auto& [name, table] : output.tables) {
        const QString file = QString::fromStdString(name) + QStringLiteral(".csv");
        table.write(dir.filePath(file).toStdString());
        written << file;
    }
    if (!output.metrics.is_null()) {
        platform::writeFileAtomically(dir.filePath(QStringLiteral("metrics.json")).toStdString(), output.metrics.dump(2) + "\n");
        written << QStringLiteral("metrics.json");
    }
    QJsonObject project = provenance.toJson();
    project.insert(QStringLiteral("outputs"), QJsonArray::fromStringList(written));
    platform::writeFileAtomically(dir.filePath(QStringLiteral("project.json")).toStdString(),
                                  QJsonDocument(project).toJson().toStdString());
    written << QStringLiteral("project.json");
    return written;
}

}  // namespace bithep::app
