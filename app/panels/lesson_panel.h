#pragma once
// The lesson dock: pick a lesson, read each step, and let the explorer do it ("Do this step"
// sets task, dataset, network, plan and training, then runs the step's action).
#include <QWidget>

#include <vector>

#include "app/lesson.h"

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTextBrowser;

namespace bithep::app {

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);
    const std::vector<Lesson>& lessons() const { return m_lessons; }
    int currentLesson() const;
    int currentStep() const;
    void setCurrent(int lesson, int step);
    void setBusy(bool busy);

signals:
    void stepRequested(int lesson, int step);

private:
    void showLesson();
    void showStep();

    std::vector<Lesson> m_lessons;
    QComboBox* m_choice;
    QLabel* m_summary;
    QListWidget* m_steps;
    QTextBrowser* m_text;
    QPushButton* m_do;
    QPushButton* m_next;
};

}  // namespace bithep::app
