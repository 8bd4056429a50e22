#include "app/panels/lesson_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace bithep::app {

LessonPanel::LessonPanel(QWidget* parent) : QWidget(parent) {
    setObjectName("lessonPanel");
    m_choice = new QComboBox(this);
    m_choice->setObjectName("lessonChoice");
    m_choice->setAccessibleName(tr("Lesson"));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_steps = new QListWidget(this);
    m_steps->setObjectName("lessonSteps");
    m_steps->setAccessibleName(tr("Steps of the lesson"));
    m_text = new QTextBrowser(this);
    m_text->setObjectName("lessonText");
    m_do = new QPushButton(tr("&Do this step"), this);
    m_do->setObjectName("doStepButton");
    m_do->setToolTip(tr("Set the task, data, network, precisions and training as the step says, and run it"));
    m_next = new QPushButton(tr("&Next step"), this);
    m_next->setObjectName("nextStepButton");
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_do);
    buttons->addWidget(m_next);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_choice);
    layout->addWidget(m_summary);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_text, 2);
    layout->addLayout(buttons);

    try {
        m_lessons = builtinLessons();
    } catch (const std::exception& e) {
        m_summary->setText(tr("The lessons could not be loaded: %1").arg(QString::fromUtf8(e.what())));
    }
    for (const auto& l : m_lessons) m_choice->addItem(l.title);
    connect(m_choice, &QComboBox::currentIndexChanged, this, &LessonPanel::showLesson);
    connect(m_steps, &QListWidget::currentRowChanged, this, &LessonPanel::showStep);
    connect(m_do, &QPushButton::clicked, this, [this] { emit stepRequested(currentLesson(), currentStep()); });
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (currentStep() + 1 < m_steps->count()) m_steps->setCurrentRow(currentStep() + 1);
    });
    showLesson();
}

int LessonPanel::currentLesson() const { return m_choice->currentIndex(); }
int LessonPanel::currentStep() const { return m_steps->currentRow(); }

void LessonPanel::setCurrent(int lesson, int step) {
    m_choice->setCurrentIndex(lesson);
    m_steps->setCurrentRow(step);
}

void LessonPanel::setBusy(bool busy) { m_do->setEnabled(!busy && currentLesson() >= 0 && currentStep() >= 0); }

void LessonPanel::showLesson() {
    m_steps->clear();
    const int i = currentLesson();
    if (i < 0 || i >= static_cast<int>(m_lessons.size())) return;
    m_summary->setText(m_lessons[std::size_t(i)].summary);
    for (std::size_t s = 0; s < m_lessons[std::size_t(i)].steps.size(); ++s)
        m_steps->addItem(QStringLiteral("%1. %2").arg(s + 1).arg(m_lessons[std::size_t(i)].steps[s].title));
    m_steps->setCurrentRow(0);
}

void LessonPanel::showStep() {
    const int l = currentLesson(), s = currentStep();
    if (l < 0 || s < 0) {
        m_text->clear();
        return;
    }
    m_text->setPlainText(m_lessons[std::size_t(l)].steps[std::size_t(s)].text);
    m_next->setEnabled(s + 1 < m_steps->count());
}

}  // namespace bithep::app
