#pragma once
// Lessons for teaching: short guided experiments stored as JSON in resources/lessons/ (compiled
// into the program). Each step says what to look at and sets the task, dataset, network, plan and
// training settings before running its action: train from scratch, retrain from the current
// weights, or compare the runs so far. Format documented in resources/lessons/README.md.
#include <optional>
#include <utility>
#include <vector>

#include <QByteArray>
#include <QString>

#include "core/tasks/task_session.h"

namespace bithep::app {

struct LessonStep {
    enum class Action { Train, Retrain, Compare };
    QString title, text;
    std::optional<tasks::DatasetSettings> dataset;
    QString model;  // empty: keep
    QString plan;   // empty: keep
    std::optional<train::TrainSettings> training;
    std::vector<std::pair<QString, double>> controls;  // result sliders to set, e.g. luminosity
    Action action = Action::Train;
};

struct Lesson {
    QString id, title, task, summary;
    std::vector<LessonStep> steps;
};

// Throws std::invalid_argument naming the lesson (`name`) and the field that is wrong.
Lesson parseLesson(const QByteArray& json, const QString& name);
// Every lesson compiled in, sorted by file name; a broken one throws (tests catch that).
std::vector<Lesson> builtinLessons();

}  // namespace bithep::app
