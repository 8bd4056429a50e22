#include "app/views/result_controls_bar.h"

#include <algorithm>
#include <cmath>

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTimer>

namespace bithep::app {

namespace {
constexpr int kSettleMs = 150;  // a drag redraws once it rests this long

QString formatValue(double v) {
    return std::fabs(v) >= 100 ? QString::number(v, 'f', 0) : QString::number(v, 'g', 3);
}
}  // namespace

ResultControlsBar::ResultControlsBar(QWidget* parent) : QWidget(parent) {
    setObjectName("resultControls");
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(6, 2, 6, 2);
    m_settle = new QTimer(this);
    m_settle->setSingleShot(true);
    m_settle->setInterval(kSettleMs);
    connect(m_settle, &QTimer::timeout, this, [this] {
        if (m_pending < 0) return;
        const auto& c = m_controls[std::size_t(m_pending)];
        emit sliderChanged(QString::fromStdString(c.id), c.value);
        m_pending = -1;
    });
    hide();
}

double ResultControlsBar::valueAt(const tasks::ResultControl& c, int position) {
    const double t = std::clamp(position, 0, kSteps) / double(kSteps);
    if (c.logarithmic && c.minimum > 0 && c.maximum > 0)
        return std::exp(std::log(c.minimum) + t * (std::log(c.maximum) - std::log(c.minimum)));
    return c.minimum + t * (c.maximum - c.minimum);
}

int ResultControlsBar::positionOf(const tasks::ResultControl& c, double value) {
    double t = 0;
    if (c.logarithmic && c.minimum > 0 && c.maximum > c.minimum && value > 0)
        t = (std::log(value) - std::log(c.minimum)) / (std::log(c.maximum) - std::log(c.minimum));
    else if (c.maximum > c.minimum)
        t = (value - c.minimum) / (c.maximum - c.minimum);
    return static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * kSteps));
}

void ResultControlsBar::clearControls() {
    m_settle->stop();
    m_pending = -1;
    for (QWidget* w : m_widgets) delete w;
    m_widgets.clear();
    while (QLayoutItem* item = m_layout->takeAt(0)) delete item;
    m_controls.clear();
}

QWidget* ResultControlsBar::makeSlider(std::size_t i) {
    const auto& c = m_controls[i];
    auto* box = new QWidget(this);
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(QString::fromStdString(c.label), box);
    auto* slider = new QSlider(Qt::Horizontal, box);
    slider->setObjectName(QString::fromStdString(c.id));
    slider->setAccessibleName(QString::fromStdString(c.label));
    slider->setRange(0, kSteps);
    slider->setValue(positionOf(c, c.value));
    slider->setMinimumWidth(220);
    auto* value = new QLabel(formatValue(c.value), box);
    value->setObjectName(QString::fromStdString(c.id) + QStringLiteral("Value"));
    value->setMinimumWidth(value->fontMetrics().horizontalAdvance(QStringLiteral("00000.0")));
    for (QWidget* w :
         {static_cast<QWidget*>(label), static_cast<QWidget*>(slider), static_cast<QWidget*>(value)})
        w->setToolTip(QString::fromStdString(c.tooltip));
    row->addWidget(label);
    row->addWidget(slider, 1);
    row->addWidget(value);
    connect(slider, &QSlider::valueChanged, this, [this, i, value](int position) {
        auto& control = m_controls[i];
        control.value = valueAt(control, position);
        value->setText(formatValue(control.value));
        m_pending = static_cast<int>(i);
        m_settle->start();
    });
    return box;
}

void ResultControlsBar::setControls(const std::vector<tasks::ResultControl>& controls) {
    clearControls();
    m_controls = controls;
    for (std::size_t i = 0; i < m_controls.size(); ++i) {
        const auto& c = m_controls[i];
        QWidget* w = nullptr;
        if (c.kind == tasks::ResultControl::Kind::Slider) {
            w = makeSlider(i);
        } else {
            auto* button = new QPushButton(QString::fromStdString(c.label), this);
            button->setObjectName(QString::fromStdString(c.id));
            button->setToolTip(QString::fromStdString(c.tooltip));
            const QString id = QString::fromStdString(c.id);
            connect(button, &QPushButton::clicked, this, [this, id] { emit buttonPressed(id); });
            w = button;
        }
        m_widgets.push_back(w);
        m_layout->addWidget(w, c.kind == tasks::ResultControl::Kind::Slider ? 1 : 0);
    }
    m_layout->addStretch();
    setVisible(!m_controls.empty());
}

bool ResultControlsBar::setSliderValue(const QString& id, double v) {
    for (std::size_t i = 0; i < m_controls.size(); ++i) {
        if (QString::fromStdString(m_controls[i].id) != id ||
            m_controls[i].kind != tasks::ResultControl::Kind::Slider)
            continue;
        auto* slider = m_widgets[i]->findChild<QSlider*>(id);
        slider->setValue(positionOf(m_controls[i], v));
        m_controls[i].value = std::clamp(v, m_controls[i].minimum, m_controls[i].maximum);
        m_settle->stop();
        m_pending = -1;
        emit sliderChanged(id, m_controls[i].value);
        return true;
    }
    return false;
}

double ResultControlsBar::sliderValue(const QString& id) const {
    for (const auto& c : m_controls)
        if (QString::fromStdString(c.id) == id) return c.value;
    return std::nan("");
}

}  // namespace bithep::app
