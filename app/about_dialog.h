#pragma once
// Help → About: what BitHEP Explorer is, the library versions it runs with, and the CPU vector
// features the ternary kernels can use on this machine.
#include <QDialog>

class QLabel;

namespace bithep::app {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
    QString reportText() const;  // the plain-text system report shown in the dialog

private:
    QLabel* m_report = nullptr;
};

}  // namespace bithep::app
