#include "core/tasks/smeft/lhe_reader.h"

#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <zlib.h>

namespace bithep::tasks::smeft {

namespace {

// The whole file as text; gzip is recognised by its magic bytes, so the name does not matter.
std::string readText(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path))
        throw std::runtime_error("LHE file '" + path.string() + "': does not exist");
    gzFile f = gzopen(path.string().c_str(), "rb");  // reads plain files unchanged
    if (!f) throw std::runtime_error("LHE file '" + path.string() + "': cannot be opened");
    std::string text;
    char buffer[1 << 16];
    int n = 0;
    while ((n = gzread(f, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
    const bool failed = n < 0;
    gzclose(f);
    if (failed) throw std::runtime_error("LHE file '" + path.string() + "': corrupt gzip data");
    return text;
}

// The value of attribute `name` ('...' or "...") inside a tag, empty if absent.
std::string attribute(const std::string& tag, const std::string& name) {
    const auto at = tag.find(name + "=");
    if (at == std::string::npos || at + name.size() + 1 >= tag.size()) return {};
    const char quote = tag[at + name.size() + 1];
    const auto end = tag.find(quote, at + name.size() + 2);
    return end == std::string::npos ? std::string()
                                    : tag.substr(at + name.size() + 2, end - at - name.size() - 2);
}

struct Parser {
    const std::filesystem::path& path;
    std::istringstream in;
    std::size_t line = 0;

    bool next(std::string& s) {
        if (!std::getline(in, s)) return false;
        ++line;
        return true;
    }
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("LHE file '" + path.string() + "', line " + std::to_string(line) + ": " +
                                 what);
    }
    LheEvent event();
};

LheEvent Parser::event() {
    LheEvent ev;
    ev.line = line;
    std::string s;
    if (!next(s)) fail("file ends inside <event>");
    std::istringstream head(s);
    int n = 0, process = 0;
    if (!(head >> n >> process >> ev.weight) || n <= 0 || n > 10000) fail("bad event header '" + s + "'");
    for (int i = 0; i < n; ++i) {
        if (!next(s)) fail("file ends inside <event>");
        std::istringstream row(s);
        LheParticle p;
        int c1 = 0, c2 = 0;
        if (!(row >> p.id >> p.status >> p.mother1 >> p.mother2 >> c1 >> c2 >> p.px >> p.py >> p.pz >> p.e >>
              p.m))
            fail("bad particle line '" + s + "'");
        if (p.mother1 < 0 || p.mother1 > n || p.mother2 < 0 || p.mother2 > n)
            fail("mother index out of range");
        ev.particles.push_back(p);
    }
    while (next(s)) {
        if (s.find("</event>") != std::string::npos) return ev;
        const auto at = s.find("<wgt");
        if (at == std::string::npos) continue;
        const auto close = s.find('>', at), end = s.find("</wgt>", at);
        if (close == std::string::npos || end == std::string::npos) fail("malformed <wgt> line");
        const std::string id = attribute(s.substr(at, close - at), "id");
        try {
            ev.reweights[id] = std::stod(s.substr(close + 1, end - close - 1));
        } catch (const std::exception&) {
            fail("weight '" + id + "' is not a number");
        }
    }
    fail("file ends inside <event>");
}

}  // namespace

LheFile readLhe(const std::filesystem::path& path) {
    Parser p{path, std::istringstream(readText(path))};
    LheFile file;
    std::string s;
    bool header = false;
    while (p.next(s)) {
        if (s.find("<LesHouchesEvents") != std::string::npos) header = true;
        if (s.find("<weight ") != std::string::npos || s.find("<weight\t") != std::string::npos)
            file.weightIds.push_back(attribute(s, "id"));
        if (s.find("<event") != std::string::npos && s.find("<eventgroup") == std::string::npos) {
            if (!header) p.fail("<event> before the <LesHouchesEvents> tag: not an LHE file");
            file.events.push_back(p.event());
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
            const DecayAngles angles = decayAngles(vp, momentum(*daughters[0]));
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
            d.events.push_back(std::move(e));
            break;
        }
    }
    d.attempts = file.events.size();
    return d;
}

}  // namespace bithep::tasks::smeft
