#pragma once
// Provenance travels with every output: the seed and configuration that made a figure, table or
// weight file, plus the program version and CPU, as one JSON object. Exporters embed it in the
// file's own metadata (PNG text chunk, SVG <desc>, PDF subject) and write it beside as JSON.
#include <QJsonObject>
#include <QString>

namespace bithep::widgets {

struct Provenance {
    QJsonObject settings;  // task, plan, hyper-parameters, seed ... as the caller knows them

    // settings plus "program", "version", "cpu", "created" (UTC ISO-8601).
    QJsonObject toJson() const;
    QString toCompactString() const;
};

}  // namespace bithep::widgets
