#include "core/tasks/smeft/eft_scan_analysis.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numbers>
#include <stdexcept>

namespace bithep::tasks::smeft {

namespace {

double totalWidth(const std::vector<metrics::ConfidenceInterval>& intervals) {
    double w = 0.0;
    for (const auto& i : intervals) w += i.high - i.low;
    return w;
}

}  // namespace

int EftBinning::bin(double phi, double pt) const {
    if (pt < ptEdges.front()) return -1;
    const auto slice =
        static_cast<std::size_t>(std::upper_bound(ptEdges.begin(), ptEdges.end(), pt) - ptEdges.begin()) - 1;
    const double p = std::fmod(std::fmod(phi, std::numbers::pi) + std::numbers::pi, std::numbers::pi);
    const auto phiBin =
        std::min(static_cast<std::size_t>(p / std::numbers::pi * double(phiBins)), phiBins - 1);
    return static_cast<int>(slice * phiBins + phiBin);
}

void EftBinning::validate() const {
    if (phiBins == 0) throw std::invalid_argument("EftBinning: phiBins must be positive");
    if (ptEdges.empty()) throw std::invalid_argument("EftBinning: ptEdges is empty");
    for (std::size_t i = 1; i < ptEdges.size(); ++i)
        if (!(ptEdges[i] > ptEdges[i - 1]))
            throw std::invalid_argument("EftBinning: ptEdges not strictly increasing at index " +
                                        std::to_string(i));
}

nlohmann::json EftScanSettings::toJson() const {
    return {{"luminosity_fb", luminosityFb},
            {"c_true", cTrue},
            {"c_max", cMax},
            {"grid_points", gridPoints},
            {"phi_bins", binning.phiBins},
            {"pt_edges", binning.ptEdges}};
}

void EftScanSettings::validate() const {
    if (!(luminosityFb > 0.0 && std::isfinite(luminosityFb)))
        throw std::invalid_argument("EFT scan: luminosity must be a positive number");
    if (!std::isfinite(cTrue)) throw std::invalid_argument("EFT scan: c_true must be finite");
    if (!(cMax >= 0.0 && std::isfinite(cMax))) throw std::invalid_argument("EFT scan: c_max must be >= 0");
    if (gridPoints < 3) throw std::invalid_argument("EFT scan: the grid needs at least 3 points");
    binning.validate();
}

double EftEstimatorScan::width68() const {
    return totalWidth(quadratic.at68);
}
double EftEstimatorScan::width95() const {
    return totalWidth(quadratic.at95);
}

nlohmann::json EftEstimatorScan::toJson() const {
    return {{"label", label},
            {"fisher_information", fisherInformation},
            {"width68", width68()},
            {"width95", width95()},
            {"linear", linear.toJson()},
            {"quadratic", quadratic.toJson()}};
}

EftScanAnalysis::EftScanAnalysis(const SmeftDataset& data, std::vector<std::size_t> events,
                                 EftScanSettings settings)
    : m_data(data), m_events(std::move(events)), m_settings(std::move(settings)) {
    m_settings.validate();
    if (m_events.empty()) throw std::invalid_argument("EFT scan: no events");
    double sub = 0.0;
    for (std::size_t e : m_events) {
        if (e >= data.size())
            throw std::out_of_range("EFT scan: event " + std::to_string(e) + " outside the dataset");
        sub += data.events[e].w0;
    }
    if (!(sub > 0.0)) throw std::invalid_argument("EFT scan: the events carry no SM weight");
    m_scale = data.fiducialSigmaFb() / sub;
    double half = m_settings.cMax;
    if (half == 0.0) {  // five standard deviations of the truth-level measurement
        const double info = model({}, false).fisherInformation(0.0);
        if (!(info > 0.0) || !std::isfinite(info))
            throw std::invalid_argument("EFT scan: no sensitivity to c at truth level; set c_max");
        half = 5.0 / std::sqrt(info);
    }
    m_grid.resize(m_settings.gridPoints);
    for (std::size_t i = 0; i < m_grid.size(); ++i)
        m_grid[i] = m_settings.cTrue - half + 2.0 * half * double(i) / double(m_grid.size() - 1);
}

metrics::LikelihoodScan EftScanAnalysis::model(std::span<const double> phi, bool quadratic) const {
    if (!phi.empty() && phi.size() != m_events.size())
        throw std::invalid_argument("EFT scan: " + std::to_string(phi.size()) + " angles for " +
                                    std::to_string(m_events.size()) + " events");
    std::vector<int> bins(m_events.size());
    std::vector<double> w0(bins.size()), w1(bins.size()), w2(bins.size());
    for (std::size_t i = 0; i < m_events.size(); ++i) {
        const SmeftEvent& e = m_data.events[m_events[i]];
        bins[i] = m_settings.binning.bin(phi.empty() ? e.phi : phi[i], e.jetPt);
        w0[i] = m_scale * e.w0, w1[i] = m_scale * e.w1, w2[i] = m_scale * e.w2;
    }
    return metrics::LikelihoodScan::fromEvents(m_settings.binning.binCount(), bins, w0, w1, w2,
                                               m_settings.luminosityFb, quadratic);
}

EftEstimatorScan EftScanAnalysis::run(const std::string& label, const metrics::LikelihoodScan& linear,
                                      const metrics::LikelihoodScan& quadratic) const {
    EftEstimatorScan s;
    s.label = label;
    // Asimov data from the full model at the true c; the linear model is then fitted to it.
    const auto data = quadratic.asimovData(m_settings.cTrue);
    s.linear = linear.scan(m_grid, data);
    s.quadratic = quadratic.scan(m_grid, data);
    s.fisherInformation = quadratic.fisherInformation(0.0);
    return s;
}

EftEstimatorScan EftScanAnalysis::scan(const std::string& label, std::span<const double> phi) const {
    if (phi.size() != m_events.size())
        throw std::invalid_argument("EFT scan '" + label + "': " + std::to_string(phi.size()) +
                                    " angles for " + std::to_string(m_events.size()) + " events");
    return run(label, model(phi, false), model(phi, true));
}

EftEstimatorScan EftScanAnalysis::truth() const {
    return run("truth φ", model({}, false), model({}, true));
}

EftEstimatorScan EftScanAnalysis::rateOnly() const {
    return run("rate only", model({}, false).rateOnly(), model({}, true).rateOnly());
}

double EftScanAnalysis::expectedSmEvents() const {
    double n = 0.0;
    for (double mu : model({}, true).expected(0.0)) n += mu;
    return n;
}

}  // namespace bithep::tasks::smeft
