#include "core/tasks/smeft/lhe_reader.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string_view>
#include <zlib.h>

#include "core/io/size_limits.h"

namespace bithep::tasks::smeft {

namespace {

// A hostile file must not make one line the whole file: MadGraph writes lines of < 300 bytes,
// and the longest legitimate ones (<initrwgt> weight descriptions) stay far below this.
constexpr std::size_t kMaxLineBytes = std::size_t(1) << 20;

// Lines of a plain or gzip file (gzip is recognised by its magic bytes, so the name does not
// matter), read as a stream: never the whole file in memory, never more than one line of it.
class LineReader {
public:
    explicit LineReader(const std::filesystem::path& path) : m_path(path) {
        if (!std::filesystem::exists(path))
            throw std::runtime_error("LHE file '" + path.string() + "': does not exist");
        m_file = gzopen(path.string().c_str(), "rb");  // reads plain files unchanged
        if (!m_file) throw std::runtime_error("LHE file '" + path.string() + "': cannot be opened");
        gzbuffer(m_file, 1 << 17);
    }
    ~LineReader() { gzclose(m_file); }
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    // The next line without its newline; false at the end of the file. Throws for corrupt gzip
    // data (including a damaged or missing trailer), an overlong line, or a decompression bomb.
    bool next(std::string& s) {
        s.clear();
        char buffer[1 << 12];
        while (gzgets(m_file, buffer, sizeof buffer)) {
            s += buffer;
            if (s.size() > kMaxLineBytes) {
                ++m_line;  // the line being read is the one to name
                fail("line longer than " + std::to_string(kMaxLineBytes) + " bytes");
            }
            if (!s.empty() && s.back() == '\n') {
                s.pop_back();
                if (!s.empty() && s.back() == '\r') s.pop_back();
                ++m_line;
                checkExpansion();
                return true;
            }
        }
        int code = Z_OK;
        const char* message = gzerror(m_file, &code);
        if (code != Z_OK && code != Z_STREAM_END)
            throw std::runtime_error("LHE file '" + m_path.string() + "': corrupt or truncated gzip data (" + message +
                                     ")");
        if (s.empty()) return false;
        ++m_line;  // a last line without a newline
        return true;
    }
    std::size_t line() const { return m_line; }
    // Names the line read last.
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("LHE file '" + m_path.string() + "', line " + std::to_string(m_line) + ": " + what);
    }

private:
    void checkExpansion() const {
        const z_off_t text = gztell(m_file), stored = gzoffset(m_file);
        if (text > 0 && stored >= 0)
            io::checkStoredBytes(static_cast<std::uint64_t>(text), static_cast<std::uint64_t>(stored),
                                 "LHE file '" + m_path.string() + "'", "its gzip stream");
    }
    std::filesystem::path m_path;
    gzFile m_file = nullptr;
    std::size_t m_line = 0;
};

// The value of attribute `name` ('...' or "...") inside a tag, empty if absent.
std::string attribute(const std::string& tag, const std::string& name) {
    const auto at = tag.find(name + "=");
    if (at == std::string::npos || at + name.size() + 1 >= tag.size()) return {};
    const char quote = tag[at + name.size() + 1];
    const auto end = tag.find(quote, at + name.size() + 2);
    return end == std::string::npos ? std::string()
                                    : tag.substr(at + name.size() + 2, end - at - name.size() - 2);
}

// Whitespace-separated fields of a record line.
std::vector<std::string_view> fields(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        const std::size_t start = i;
        while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        if (i > start) out.push_back(s.substr(start, i - start));
    }
    return out;
}

// The whole text as a number, or nothing: "0.6abc", "", "nan" and "1e999" are not numbers.
template <class T>
bool parseExactly(std::string_view text, T& out) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);  // Fortran writes +1.0E+00
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return false;
    if constexpr (std::is_floating_point_v<T>) return std::isfinite(out);
    return true;
}

bool opensEvent(const std::string& s) {
    const auto at = s.find("<event");
    return at != std::string::npos && s.find("<eventgroup") == std::string::npos &&
           (at + 6 == s.size() || s[at + 6] == '>' || std::isspace(static_cast<unsigned char>(s[at + 6])));
}

LheEvent readEvent(LineReader& in) {
    LheEvent ev;
    ev.line = in.line();
    std::string s;
    if (!in.next(s)) in.fail("file ends inside <event>");
    const auto head = fields(s);
    int n = 0, process = 0;
    if (head.size() < 3 || !parseExactly(head[0], n) || !parseExactly(head[1], process) ||
        !parseExactly(head[2], ev.weight) || n <= 0 || n > 10000)
        in.fail("bad event header '" + s.substr(0, 80) + "'");
    for (int i = 0; i < n; ++i) {
        if (!in.next(s)) in.fail("file ends inside <event>");
        const auto f = fields(s);
        LheParticle p;
        int c1 = 0, c2 = 0;
        if (f.size() < 11 || !parseExactly(f[0], p.id) || !parseExactly(f[1], p.status) ||
            !parseExactly(f[2], p.mother1) || !parseExactly(f[3], p.mother2) || !parseExactly(f[4], c1) ||
            !parseExactly(f[5], c2) || !parseExactly(f[6], p.px) || !parseExactly(f[7], p.py) ||
            !parseExactly(f[8], p.pz) || !parseExactly(f[9], p.e) || !parseExactly(f[10], p.m))
            in.fail("bad particle line '" + s.substr(0, 80) + "'");
        if (p.mother1 < 0 || p.mother1 > n || p.mother2 < 0 || p.mother2 > n) in.fail("mother index out of range");
        ev.particles.push_back(p);
    }
    while (in.next(s)) {
        if (s.find("</event>") != std::string::npos) return ev;
        if (opensEvent(s)) in.fail("<event> opened before the event of line " + std::to_string(ev.line) + " closed");
        const auto at = s.find("<wgt");
        if (at == std::string::npos) continue;
        const auto close = s.find('>', at), end = s.find("</wgt>", at);
        if (close == std::string::npos || end == std::string::npos || end < close) in.fail("malformed <wgt> line");
        const std::string id = attribute(s.substr(at, close - at), "id");
        double value = 0.0;
        if (!parseExactly(std::string_view(s).substr(close + 1, end - close - 1), value))
            in.fail("weight '" + id + "' is not a finite number");
        ev.reweights[id] = value;
    }
    in.fail("file ends inside <event>");
}

}  // namespace

LheFile readLhe(const std::filesystem::path& path) {
    LineReader in(path);
    LheFile file;
    std::string s;
    bool header = false;
    while (in.next(s)) {
        if (s.find("<LesHouchesEvents") != std::string::npos) header = true;
        if (s.find("<weight ") != std::string::npos || s.find("<weight\t") != std::string::npos)
            file.weightIds.push_back(attribute(s, "id"));
        if (opensEvent(s)) {
            if (!header) in.fail("<event> before the <LesHouchesEvents> tag: not an LHE file");
            file.events.push_back(readEvent(in));
        }
    }
    if (!header) throw std::runtime_error("LHE file '" + path.string() + "': no <LesHouchesEvents> tag");
    return file;
}

namespace {

physics::FourVector momentum(const LheParticle& p) {
    return {p.px, p.py, p.pz, p.e};
}

bool wanted(int id, bool hadronic) {
    const int a = std::abs(id);
    return hadronic ? a >= 1 && a <= 6 : a >= 11 && a <= 16;
}

// A V or daughter momentum the decay angles can be computed from: finite, E > |p| for the V
// (a boost to its rest frame exists), below 100 TeV (far above any collider's reach).
void requirePhysical(const LheParticle& p, const LheEvent& ev, const std::string& source) {
    constexpr double kMaxEnergy = 1e5;  // GeV
    const double p2 = p.px * p.px + p.py * p.py + p.pz * p.pz;
    const bool isV = std::abs(p.id) == 23 || std::abs(p.id) == 24;
    const bool ok = std::isfinite(p2) && std::isfinite(p.e) && p.e > 0.0 && p.e < kMaxEnergy &&
                    (isV ? p.e * p.e > p2 : p.e * p.e >= p2 * (1.0 - 1e-9));
    if (!ok)
        throw std::runtime_error("LHE file '" + source + "', event at line " + std::to_string(ev.line) + ": particle " +
                                 std::to_string(p.id) + " has an unphysical momentum (E " + std::to_string(p.e) +
                                 " GeV, |p|^2 " + std::to_string(p2) + ")");
}

double weight(const LheEvent& ev, const std::string& id, const std::string& source) {
    const auto it = ev.reweights.find(id);
    if (it == ev.reweights.end())
        throw std::runtime_error("LHE file '" + source + "', event at line " + std::to_string(ev.line) +
                                 ": no reweighting weight '" + id + "'");
    return it->second;
}

}  // namespace

SmeftDataset lheToDataset(const LheFile& file, const LheEftWeights& ids, bool hadronic, double scale,
                          const std::string& source) {
    SmeftDataset d;
    d.source = source;
    d.maxConstituents = 0;
    for (const auto& ev : file.events) {
        for (std::size_t v = 0; v < ev.particles.size(); ++v) {
            const int a = std::abs(ev.particles[v].id);
            if (a != 23 && a != 24) continue;
            std::vector<const LheParticle*> daughters;
            for (const auto& p : ev.particles)
                if (p.mother1 == static_cast<int>(v) + 1 && wanted(p.id, hadronic)) daughters.push_back(&p);
            if (daughters.size() != 2) continue;
            const physics::FourVector vp = momentum(ev.particles[v]);
            requirePhysical(ev.particles[v], ev, source);
            requirePhysical(*daughters[0], ev, source);
            const DecayAngles angles = decayAngles(vp, momentum(*daughters[0]));
            if (!std::isfinite(angles.phi) || !std::isfinite(angles.cosTheta) || !std::isfinite(vp.rapidity()))
                throw std::runtime_error("LHE file '" + source + "', event at line " + std::to_string(ev.line) +
                                         ": the decay angles of the V are not finite");
            SmeftEvent e;
            e.boson = ev.particles[v].id;
            e.ptV = e.jetPt = vp.pt();
            e.yV = e.jetY = vp.rapidity();
            e.massV = e.jetMass = vp.mass();
            e.cosThetaStar = angles.cosTheta;
            e.phi = angles.phi;
            const double w0 = weight(ev, ids.smId, source), wp = weight(ev, ids.plusId, source),
                         wm = weight(ev, ids.minusId, source);
            e.w0 = scale * w0;
            e.w1 = scale * 0.5 * (wp - wm);
            e.w2 = scale * (0.5 * (wp + wm) - w0);
            if (!std::isfinite(e.w0) || !std::isfinite(e.w1) || !std::isfinite(e.w2))
                throw std::runtime_error("LHE file '" + source + "', event at line " + std::to_string(ev.line) +
                                         ": its weights times the scale " + std::to_string(scale) + " overflow");
            d.events.push_back(std::move(e));
            break;
        }
    }
    d.attempts = file.events.size();
    return d;
}

}  // namespace bithep::tasks::smeft
