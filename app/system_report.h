#pragma once
// What this build and this machine are: program and library versions, compiler, CPU and its
// vector features. Shown in the About dialog and printed by `--batch info` and `--version`.
#include <QList>
#include <QPair>
#include <QString>

namespace bithep::app {

struct SystemReport {
    QList<QPair<QString, QString>> versions;  // ("Qt", "6.4.2"), ("Eigen", "3.4.0"), ...
    QList<QPair<QString, bool>> cpuFeatures;  // ("AVX2", true), ("AVX-512 VNNI", false), ...
    QString cpuBrand;
    QString compiler;
    int logicalCores = 1;

    static SystemReport collect();
    QString toText() const;
    QString toHtml() const;
};

}  // namespace bithep::app
