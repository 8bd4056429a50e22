#include "app/lesson.h"

#include <stdexcept>

#include <QDir>
#include <QFile>

// The lessons live in the .qrc of the static bithep_app library, which only registers itself
// when asked; tests use the lessons without going through runApplication().
static void initLessonResources() {
    static const bool done = [] {
        Q_INIT_RESOURCE(resources);
        return true;
    }();
    (void)done;
}

namespace bithep::app {

std::vector<Lesson> builtinLessons() {
    initLessonResources();
    std::vector<Lesson> out;
    const QDir dir(QStringLiteral(":/bithep/lessons"));
    for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            throw std::invalid_argument("lesson " + file.toStdString() + ": cannot be read");
        out.push_back(parseLesson(f.readAll(), file));
    }
    return out;
}

}  // namespace bithep::app
