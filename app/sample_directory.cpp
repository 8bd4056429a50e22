#include "app/sample_directory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace bithep::app {

QString sampleDirectory() {
    const QString installed =
        QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../share/bithep-explorer/samples"));
    if (QFileInfo(installed).isDir()) return QDir::cleanPath(installed);
    const QString source = QStringLiteral(BITHEP_SAMPLES_DIR);
    return QFileInfo(source).isDir() ? source : QString();
}

}  // namespace bithep::app
