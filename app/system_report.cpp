#include "app/system_report.h"

#include <QtGlobal>

#include "core/platform/build_info.h"
#include "core/platform/cpu_features.h"

namespace bithep::app {

SystemReport SystemReport::collect() {
    SystemReport r;
    r.versions.append({"BitHEP Explorer", QString::fromStdString(platform::projectVersion())});
    r.versions.append({"Qt", QString::fromLatin1(qVersion())});
    for (const auto& [name, version] : platform::libraryVersions())
        r.versions.append({QString::fromStdString(name), QString::fromStdString(version)});
    const auto& cpu = platform::cpuFeatures();
    r.cpuBrand = QString::fromStdString(cpu.brand);
    r.compiler = QString::fromStdString(platform::compilerVersion());
    r.logicalCores = cpu.logicalCores;
    r.cpuFeatures = {{"AVX2", cpu.avx2},
                     {"FMA", cpu.fma},
                     {"AVX-512 (F/BW/VL)", cpu.avx512f && cpu.avx512bw && cpu.avx512vl},
                     {"AVX-512 VNNI", cpu.avx512vnni},
                     {"AVX-VNNI", cpu.avxvnni}};
    return r;
}

QString SystemReport::toText() const {
    QString s;
    for (const auto& [name, version] : versions) s += QStringLiteral("%1: %2\n").arg(name, -16).arg(version);
    s += QStringLiteral("%1: %2\n").arg("Compiler", -16).arg(compiler);
    s += QStringLiteral("%1: %2 (%3 logical cores)\n").arg("CPU", -16).arg(cpuBrand).arg(logicalCores);
    for (const auto& [name, present] : cpuFeatures)
        s += QStringLiteral("  %1 %2\n").arg(name, -20).arg(present ? "yes" : "no");
    return s;
}

QString SystemReport::toHtml() const {
    QString s = "<table cellspacing='4'>";
    for (const auto& [name, version] : versions)
        s += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(name.toHtmlEscaped(), version.toHtmlEscaped());
    s += QStringLiteral("<tr><td><b>Compiler</b></td><td>%1</td></tr>").arg(compiler.toHtmlEscaped());
    s += QStringLiteral("<tr><td><b>CPU</b></td><td>%1 (%2 logical cores)</td></tr>")
             .arg(cpuBrand.toHtmlEscaped()).arg(logicalCores);
    for (const auto& [name, present] : cpuFeatures)
        s += QStringLiteral("<tr><td>&nbsp;&nbsp;%1</td><td>%2</td></tr>").arg(name, present ? "yes" : "no");
    return s + "</table>";
}

}  // namespace bithep::app
