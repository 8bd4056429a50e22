#include "app/about_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include "app/system_report.h"

namespace bithep::app {

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About BitHEP Explorer"));
    setObjectName("aboutDialog");
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("<h2>BitHEP Explorer</h2>"
                                "<p>A laboratory for low-precision (ternary, BitNet-style) neural "
                                "networks in high-energy physics: flip layers between full precision "
                                "and ternary weights, retrain, and see what it does to the physics "
                                "and to the computational cost.</p>"));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    const SystemReport report = SystemReport::collect();
    m_report = new QLabel(report.toHtml());
    m_report->setObjectName("systemReport");
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_report->setProperty("plainReport", report.toText());
    m_report->setAccessibleName(tr("Versions and CPU features"));
    layout->addWidget(m_report);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString AboutDialog::reportText() const { return m_report->property("plainReport").toString(); }

}  // namespace bithep::app
