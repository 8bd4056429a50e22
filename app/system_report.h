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
    QString build;       // "native (...)" or "portable (...)": what the library was compiled for
    QString fp32Path;    // the fp32 products' variant in use, e.g. "avx512 (native build)"
    QString ternaryPath; // the ternary kernels' path in use, e.g. "avx512vnni"
    QString samples;     // the sample folder File > Open sample lists (sample_directory.h)
    int logicalCores = 1;

    static SystemReport collect();
    QString toText() const;
    QString toHtml() const;
};

}  // namespace bithep::app
