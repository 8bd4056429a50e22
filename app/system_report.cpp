#include "app/system_report.h"

#include <QtGlobal>
#include <exception>
#include <string>

#include "app/sample_directory.h"
#include "core/kernels/fp32_gemm.h"
#include "core/kernels/kernel_path.h"
#include "core/platform/build_info.h"
#include "core/platform/cpu_features.h"

namespace bithep::app {

SystemReport SystemReport::collect() {
    SystemReport r;
    r.versions.append({QStringLiteral("BitHEP Explorer"), QString::fromStdString(platform::projectVersion())});
    r.versions.append({QStringLiteral("Qt"), QString::fromLatin1(qVersion())});
    for (const auto& [name, version] : platform::libraryVersions())
        r.versions.append({QString::fromStdString(name), QString::fromStdString(version)});
    const auto& cpu = platform::cpuFeatures();
    r.cpuBrand = QString::fromStdString(cpu.brand);
    r.compiler = QString::fromStdString(platform::compilerVersion());
    r.logicalCores = cpu.logicalCores;
    r.build = kernels::nativeBuild() ? QStringLiteral("native (compiled for the build machine's CPU)")
                                     : QStringLiteral("portable (baseline x86-64, per-ISA kernels chosen at run time)");
    r.fp32Path = QString::fromStdString(kernels::fp32Description());
    r.samples = sampleDirectory();
    try {
        r.ternaryPath = QString::fromStdString(std::string(kernels::kernelPathName(kernels::activeKernelPath())));
    } catch (const std::exception& e) {  // a bad BITHEP_KERNEL value: say so instead of failing
        r.ternaryPath = QString::fromStdString(e.what());
    }
    r.cpuFeatures = {{QStringLiteral("AVX2"), cpu.avx2},
                     {QStringLiteral("FMA"), cpu.fma},
                     {QStringLiteral("AVX-512 (F/BW/VL)"), cpu.avx512f && cpu.avx512bw && cpu.avx512vl},
                     {QStringLiteral("AVX-512 VNNI"), cpu.avx512vnni},
                     {QStringLiteral("AVX-VNNI"), cpu.avxvnni}};
    return r;
}

QString SystemReport::toText() const {
    QString s;
    for (const auto& [name, version] : versions) s += QStringLiteral("%1: %2\n").arg(name, -16).arg(version);
    s += QStringLiteral("%1: %2\n").arg(QStringLiteral("Compiler"), -16).arg(compiler);
    s += QStringLiteral("%1: %2\n").arg(QStringLiteral("Build"), -16).arg(build);
    s += QStringLiteral("%1: Eigen %2\n").arg(QStringLiteral("fp32 products"), -16).arg(fp32Path);
    s += QStringLiteral("%1: %2\n").arg(QStringLiteral("Ternary kernels"), -16).arg(ternaryPath);
    s += QStringLiteral("%1: %2\n").arg(QStringLiteral("Samples"), -16).arg(samples.isEmpty() ? QStringLiteral("(not found)") : samples);
    s += QStringLiteral("%1: %2 (%3 logical cores)\n").arg(QStringLiteral("CPU"), -16).arg(cpuBrand).arg(logicalCores);
    for (const auto& [name, present] : cpuFeatures)
        s += QStringLiteral("  %1 %2\n").arg(name, -20).arg(present ? QStringLiteral("yes") : QStringLiteral("no"));
    return s;
}

QString SystemReport::toHtml() const {
    QString s = QStringLiteral("<table cellspacing='4'>");
    for (const auto& [name, version] : versions)
        s += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(name.toHtmlEscaped(), version.toHtmlEscaped());
    s += QStringLiteral("<tr><td><b>Compiler</b></td><td>%1</td></tr>").arg(compiler.toHtmlEscaped());
    s += QStringLiteral("<tr><td><b>Build</b></td><td>%1</td></tr>").arg(build.toHtmlEscaped());
    s += QStringLiteral("<tr><td><b>fp32 products</b></td><td>Eigen %1</td></tr>").arg(fp32Path.toHtmlEscaped());
    s += QStringLiteral("<tr><td><b>Ternary kernels</b></td><td>%1</td></tr>").arg(ternaryPath.toHtmlEscaped());
    s += QStringLiteral("<tr><td><b>CPU</b></td><td>%1 (%2 logical cores)</td></tr>")
             .arg(cpuBrand.toHtmlEscaped()).arg(logicalCores);
    for (const auto& [name, present] : cpuFeatures)
        s += QStringLiteral("<tr><td>&nbsp;&nbsp;%1</td><td>%2</td></tr>").arg(name, present ? QStringLiteral("yes") : QStringLiteral("no"));
    return s + QStringLiteral("</table>");
}

}  // namespace bithep::app
