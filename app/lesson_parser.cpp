// Lesson JSON → Lesson. Kept apart from the compiled-in resources (lesson.cpp) so the parser
// needs nothing but Qt Core: the fuzz harness links it alone.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "app/lesson.h"
#include "core/io/json_fields.h"

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
        s.dataset = tasks::DatasetSettings::fromJson(j.at("dataset"));
    if (j.contains("training")) s.training = train::TrainSettings::fromJson(j.at("training"));
    if (j.contains("controls")) {
        if (!j.at("controls").is_object()) throw std::invalid_argument("'controls' is not an object");
        for (const auto& [id, value] : j.at("controls").items()) {
            s.controls.emplace_back(QString::fromStdString(id), io::jsonNumber(value, "control '" + id + "'"));
        }
    }
    const QString action = text(j, "action");
    if (action == QStringLiteral("train"))
        s.action = LessonStep::Action::Train;
    else if (action == QStringLiteral("retrain"))
        s.action = LessonStep::Action::Retrain;
    else if (action == QStringLiteral("compare"))
        s.action = LessonStep::Action::Compare;
    else
        throw std::invalid_argument("action '" + action.toStdString() + "' is not train, retrain or compare");
    return s;
}

}  // namespace

Lesson parseLesson(const QByteArray& json, const QString& name) {
    try {
        const auto j = io::parseJsonBounded(std::string_view(json.constData(), static_cast<std::size_t>(json.size())),
                                            "JSON");
        Lesson l;
        l.id = text(j, "id");
        l.title = text(j, "title");
        l.task = text(j, "task");
        l.summary = text(j, "summary");
        const auto& steps = j.at("steps");
        if (!steps.is_array()) throw std::invalid_argument("'steps' is not a list");
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

}  // namespace bithep::app
