// CaloChallenge binning XML → layers, voxel offsets and voxel centres.
#include "core/tasks/calo/shower_geometry.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <numbers>
#include <pugixml.hpp>
#include <sstream>
#include <stdexcept>

#include "core/io/size_limits.h"
#include "core/tasks/calo/builtin_binnings.h"

namespace bithep::tasks::calo {

namespace {

// The official binnings have at most 50 radial and 50 angular bins and layer ids below 45.
constexpr std::size_t kMaxBinsPerAxis = 4096;
constexpr int kMaxLayerId = 1023;

double parseNumber(std::string_view text, const std::string& context) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        throw std::runtime_error(context + ": '" + std::string(text) + "' is not a number");
    return value;
}

// An integer attribute in [lo, hi]: "0.7", "1e300" and "2147483647" bins are refused, not cast.
int parseInteger(std::string_view text, int lo, int hi, const std::string& context, const char* field) {
    const double value = parseNumber(text, context);
    if (value != std::floor(value) || value < lo || value > hi)
        throw std::runtime_error(context + ": " + field + " must be an integer in [" + std::to_string(lo) + ", " +
                                 std::to_string(hi) + "], not '" + std::string(text) + "'");
    return static_cast<int>(value);
}

std::vector<double> parseEdges(std::string_view list, const std::string& context) {
    std::vector<double> edges;
    std::size_t start = 0;
    while (start <= list.size()) {
        if (edges.size() > kMaxBinsPerAxis)
            throw std::runtime_error(context + ": more than " + std::to_string(kMaxBinsPerAxis) + " radial bins");
        const std::size_t comma = std::min(list.find(',', start), list.size());
        edges.push_back(parseNumber(list.substr(start, comma - start), context));
        start = comma + 1;
    }
    for (std::size_t i = 1; i < edges.size(); ++i)
        if (!(edges[i] > edges[i - 1]))
            throw std::runtime_error(context + ": r_edges are not strictly increasing");
    return edges;
}

}  // namespace

std::vector<std::string> ShowerGeometry::builtinNames() {
    std::vector<std::string> names;
    for (const auto& b : builtinBinnings()) names.emplace_back(b.name);
    return names;
}

ShowerGeometry ShowerGeometry::builtin(const std::string& name) {
    for (const auto& b : builtinBinnings())
        if (b.name == name) return fromXml(b.xml, std::string(b.fileName));
    std::string known;
    for (const auto& n : builtinNames()) known += (known.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown calorimeter geometry '" + name + "' (known: " + known + ")");
}

ShowerGeometry ShowerGeometry::fromFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("binning file '" + path.string() + "': cannot be opened");
    std::error_code ec;
    // The official files are ~3 kB; a binning XML of megabytes is not one.
    if (std::filesystem::file_size(path, ec) > (std::uintmax_t(16) << 20) && !ec)
        throw std::runtime_error("binning file '" + path.string() + "': larger than 16 MiB");
    std::ostringstream text;
    text << in.rdbuf();
    return fromXml(text.str(), path.string());
}

ShowerGeometry ShowerGeometry::fromXml(std::string_view xml, const std::string& source) {
    const std::string context = "binning XML '" + source + "'";
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
    if (!parsed) throw std::runtime_error(context + ": not well-formed XML (" + parsed.description() + ")");
    const pugi::xml_node bin = doc.child("Bins").child("Bin");
    if (!bin) throw std::runtime_error(context + ": no <Bins><Bin> element");
    ShowerGeometry g;
    int layers = 0;
    std::uint64_t voxels = 0;
    g.m_name = bin.attribute("name").as_string();
    g.m_pid = bin.attribute("pid").as_int(0);
    for (const pugi::xml_node layer : bin.children("Layer")) {
        const std::string where = context + ", layer id=" + layer.attribute("id").as_string("?");
        const pugi::xml_attribute edges = layer.attribute("r_edges"), alpha = layer.attribute("n_bin_alpha");
        if (!layer.attribute("id") || !edges || !alpha)
            throw std::runtime_error(where + ": needs attributes id, r_edges and n_bin_alpha");
        CaloLayer l;
        l.id = parseInteger(layer.attribute("id").as_string(), 0, kMaxLayerId, where, "id");
        for (const CaloLayer& other : g.m_layers)
            if (other.id == l.id) throw std::runtime_error(where + ": layer id " + std::to_string(l.id) + " appears twice");
        if (++layers > kMaxLayerId + 1)
            throw std::runtime_error(context + ": more than " + std::to_string(kMaxLayerId + 1) + " layers");
        l.radialEdges = parseEdges(edges.as_string(), where);
        l.angularBins = parseInteger(alpha.as_string(), 1, static_cast<int>(kMaxBinsPerAxis), where, "n_bin_alpha");
        // Both factors are bounded by kMaxBinsPerAxis: the product cannot overflow.
        voxels += static_cast<std::uint64_t>(l.angularBins) * (l.radialEdges.size() - 1);
        if (voxels > io::SizeBounds::kVoxelsPerShower)
            throw std::runtime_error(context + ": more than " + std::to_string(io::SizeBounds::kVoxelsPerShower) +
                                     " voxels (the bound for a shower)");
        if (l.radialEdges.size() >= 2) g.m_layers.push_back(std::move(l));  // one edge: no voxels
    }
    if (g.m_layers.empty())
        throw std::runtime_error(context + ": no layer has voxels (every r_edges is a single edge)");
    g.finish();
    return g;
}

void ShowerGeometry::finish() {
    m_voxels = 0;
    m_centers.clear();
    m_voxelLayer.clear();
    for (std::size_t li = 0; li < m_layers.size(); ++li) {
        CaloLayer& l = m_layers[li];
        l.voxelOffset = m_voxels;
        m_voxels += l.voxels();
        for (int a = 0; a < l.angularBins; ++a) {
            const double alpha = l.angularBins == 1
                                     ? 0.0
                                     : -std::numbers::pi + 2.0 * std::numbers::pi * (a + 0.5) / l.angularBins;
            for (int r = 0; r < l.radialBins(); ++r) {
                const double rMid = 0.5 * (l.radialEdges[static_cast<std::size_t>(r)] +
                                           l.radialEdges[static_cast<std::size_t>(r) + 1]);
                m_centers.push_back({rMid, alpha, rMid * std::cos(alpha), rMid * std::sin(alpha)});
                m_voxelLayer.push_back(static_cast<int>(li));
            }
        }
    }
}

std::size_t ShowerGeometry::voxelIndex(std::size_t layer, int angularBin, int radialBin) const {
    const CaloLayer& l = m_layers.at(layer);
    if (angularBin < 0 || angularBin >= l.angularBins || radialBin < 0 || radialBin >= l.radialBins())
        throw std::out_of_range("voxel (alpha " + std::to_string(angularBin) + ", r " +
                                std::to_string(radialBin) + ") outside layer " + std::to_string(l.id));
    return l.voxelOffset + static_cast<std::size_t>(angularBin) * static_cast<std::size_t>(l.radialBins()) +
           static_cast<std::size_t>(radialBin);
}

int ShowerGeometry::layerIndexOfId(int id) const {
    for (std::size_t i = 0; i < m_layers.size(); ++i)
        if (m_layers[i].id == id) return static_cast<int>(i);
    return -1;
}

}  // namespace bithep::tasks::calo
