#include "app/lesson.h"

#include <nlohmann/json.hpp>
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

namespace {

QString text(const nlohmann::json& j, const char* key, bool required = true) {
    if (!j.contains(key)) {
        if (required) throw std::invalid_argument(std::string("missing '") + key + "'");
        return {};
    }
    return QString::fromStdString(j.at(key).get<std::string>());
}

LessonStep parseStep(const nlohmann::json& j) {
    LessonStep s;
    s.title = text(j, "title");
    s.text = text(j, "text");
    s.model = text(j, "model", false);
    s.plan = text(j, "plan", false);
    if (j.contains("dataset"))
        s.dataset = tasks::DatasetSettings{j.at("dataset").at("samples").get<std::size_t>(),
                                           j.at("dataset").at("seed").get<std::uint64_t>()};
    if (j.contains("training")) s.training = tasks::SessionTrainSettings::fromJson(j.at("training"));
    if (j.contains("controls")) {
        if (!j.at("controls").is_object()) throw std::invalid_argument("'controls' is not an object");
        for (const auto& [id, value] : j.at("controls").items()) {
            if (!value.is_number()) throw std::invalid_argument("control '" + id + "' is not a number");
            s.controls.emplace_back(QString::fromStdString(id), value.get<double>());
        }
    }
    const QString action = text(j, "action");
    if (action == "train")
        s.action = LessonStep::Action::Train;
    else if (action == "retrain")
        s.action = LessonStep::Action::Retrain;
    else if (action == "compare")
        s.action = LessonStep::Action::Compare;
    else
        throw std::invalid_argument("action '" + action.toStdString() + "' is not train, retrain or compare");
    return s;
}

}  // namespace

Lesson parseLesson(const QByteArray& json, const QString& name) {
    try {
        const auto j = nlohmann::json::parse(json.toStdString());
        Lesson l;
        l.id = text(j, "id");
        l.title = text(j, "title");
        l.task = text(j, "task");
        l.summary = text(j, "summary");
        const auto& steps = j.at("steps");
        for (std::size_t i = 0; i < steps.size(); ++i) {
            try {
                l.steps.push_back(parseStep(steps[i]));
            } catch (const std::exception& e) {
                throw std::invalid_argument("step " + std::to_string(i + 1) + ": " + e.what());
            }
        }
        if (l.steps.empty()) throw std::invalid_argument("no steps");
        return l;
    } catch (const std::exception& e) {
        throw std::invalid_argument("lesson " + name.toStdString() + ": " + e.what());
    }
}

std::vector<Lesson> builtinLessons() {
    initLessonResources();
    std::vector<Lesson> out;
    const QDir dir(":/bithep/lessons");
    for (const QString& file : dir.entryList({"*.json"}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            throw std::invalid_argument("lesson " + file.toStdString() + ": cannot be read");
        out.push_back(parseLesson(f.readAll(), file));
    }
    return out;
}

}  // namespace bithep::app
