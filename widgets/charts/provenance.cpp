#include "widgets/charts/provenance.h"

#include <QDateTime>
#include <QJsonDocument>

#include "core/platform/build_info.h"
#include "core/platform/cpu_features.h"

namespace bithep::widgets {

QJsonObject Provenance::toJson() const {
    QJsonObject out = settings;
    out.insert(QStringLiteral("program"), QStringLiteral("BitHEP Explorer"));
    out.insert(QStringLiteral("version"), QString::fromStdString(platform::projectVersion()));
    out.insert(QStringLiteral("cpu"), QString::fromStdString(platform::cpuFeatures().brand + " [" +
                                             platform::cpuFeatures().summary() + "]"));
    out.insert(QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    return out;
}

QString Provenance::toCompactString() const {
    return QString::fromUtf8(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
}

}  // namespace bithep::widgets
