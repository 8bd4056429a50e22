// SmeftGeneratorConfig: validation and the JSON form stored with every generated dataset. The
// shower and fragmentation sections use the quark/gluon generator's JSON so both parse alike.
#include <nlohmann/json.hpp>
#include <set>

#include "core/io/json_fields.h"

#include "core/tasks/smeft/smeft_event_generator.h"

namespace bithep::tasks::smeft {

namespace {

using nlohmann::json;

void fail(const std::string& what) {
    throw std::invalid_argument("SmeftGeneratorConfig: " + what);
}

template <typename T>
void readKey(const json& obj, const char* key, T& value) {
    const auto it = obj.find(key);
    if (it == obj.end()) return;
    const std::string name = std::string("'") + key + "'";
    try {
        value = io::jsonValueOf<T>(*it, name);
    } catch (const std::invalid_argument& e) {
        fail(e.what());
    }
}

}  // namespace

void SmeftGeneratorConfig::validate() const {
    if (!(ptMin > 0.0 && ptMax > ptMin)) fail("need 0 < ptMin < ptMax");
    if (!(spectrumPower >= 0.0 && spectrumPower < 20.0)) fail("spectrumPower must be in [0, 20)");
    if (!(absRapidityMax > 0.0 && absRapidityMax < 5.0)) fail("absRapidityMax must be in (0, 5)");
    if (!(wFraction >= 0.0 && wFraction <= 1.0)) fail("wFraction must be in [0, 1]");
    if (!(jetRadius > 0.0 && jetRadius < 1.5)) fail("jetRadius must be in (0, 1.5)");
    if (!(jetMassMin >= 0.0 && jetMassMax > jetMassMin)) fail("need 0 <= jetMassMin < jetMassMax");
    if (maxConstituents == 0) fail("maxConstituents must be positive");
    if (!(sigmaSmFb > 0.0 && std::isfinite(sigmaSmFb))) fail("sigmaSmFb must be a positive number");
    if (threads < 1 || threads > 256) fail("threads must be in 1..256");
    if (!(ueDensity >= 0.0 && ueDensity <= 50.0))
        fail("ueDensity must be in [0, 50] particles per unit area");
    if (!(ueMeanPt > 0.0 && ueMeanPt < 10.0)) fail("ueMeanPt must be in (0, 10) GeV");
    decay.validate();
    shower.validate();
    fragmentation.validate();
}

std::string SmeftGeneratorConfig::toJson() const {
    physics::JetGeneratorConfig qcd;
    qcd.shower = shower;
    qcd.fragmentation = fragmentation;
    const json pieces = json::parse(qcd.toJson());
    const json j = {{"ptMin", ptMin},
                    {"ptMax", ptMax},
                    {"spectrumPower", spectrumPower},
                    {"absRapidityMax", absRapidityMax},
                    {"wFraction", wFraction},
                    {"jetRadius", jetRadius},
                    {"jetMassMin", jetMassMin},
                    {"jetMassMax", jetMassMax},
                    {"maxConstituents", maxConstituents},
                    {"sigmaSmFb", sigmaSmFb},
                    {"ueDensity", ueDensity},
                    {"ueMeanPt", ueMeanPt},
                    {"threads", threads},
                    {"decay",
                     {{"longitudinalFraction", decay.longitudinalFraction},
                      {"kappa", decay.kappa},
                      {"lambdaGeV", decay.lambdaGeV}}},
                    {"shower", pieces["shower"]},
                    {"fragmentation", pieces["fragmentation"]}};
    return j.dump();
}

SmeftGeneratorConfig SmeftGeneratorConfig::fromJson(const std::string& text) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) fail("not a JSON object");
    const std::set<std::string> known{"ptMin",           "ptMax",     "spectrumPower", "absRapidityMax",
                                      "wFraction",       "jetRadius", "jetMassMin",    "jetMassMax",
                                      "maxConstituents", "sigmaSmFb", "ueDensity",     "ueMeanPt",
                                      "threads",         "decay",     "shower",        "fragmentation"};
    for (const auto& [key, value] : j.items())
        if (!known.count(key)) fail("unknown key '" + key + "'");
    SmeftGeneratorConfig c;
    readKey(j, "ptMin", c.ptMin);
    readKey(j, "ptMax", c.ptMax);
    readKey(j, "spectrumPower", c.spectrumPower);
    readKey(j, "absRapidityMax", c.absRapidityMax);
    readKey(j, "wFraction", c.wFraction);
    readKey(j, "jetRadius", c.jetRadius);
    readKey(j, "jetMassMin", c.jetMassMin);
    readKey(j, "jetMassMax", c.jetMassMax);
    readKey(j, "maxConstituents", c.maxConstituents);
    readKey(j, "sigmaSmFb", c.sigmaSmFb);
    readKey(j, "ueDensity", c.ueDensity);
    readKey(j, "ueMeanPt", c.ueMeanPt);
    readKey(j, "threads", c.threads);
    if (j.contains("decay")) {
        const auto& d = j["decay"];
        if (!d.is_object()) fail("'decay' must be an object");
        for (const auto& [key, value] : d.items())
            if (key != "longitudinalFraction" && key != "kappa" && key != "lambdaGeV")
                fail("unknown key 'decay." + key + "'");
        readKey(d, "longitudinalFraction", c.decay.longitudinalFraction);
        readKey(d, "kappa", c.decay.kappa);
        readKey(d, "lambdaGeV", c.decay.lambdaGeV);
    }
    // Missing keys keep this generator's defaults, not the quark/gluon generator's.
    physics::JetGeneratorConfig base;
    base.shower = c.shower;
    base.fragmentation = c.fragmentation;
    const json defaults = json::parse(base.toJson());
    json qcd = {{"shower", defaults["shower"]}, {"fragmentation", defaults["fragmentation"]}};
    for (const char* section : {"shower", "fragmentation"}) {
        if (!j.contains(section)) continue;
        if (!j[section].is_object()) fail(std::string("'") + section + "' must be an object");
        for (const auto& [key, value] : j[section].items()) qcd[section][key] = value;
    }
    try {
        const auto parsed = physics::JetGeneratorConfig::fromJson(qcd.dump());
        c.shower = parsed.shower;
        c.fragmentation = parsed.fragmentation;
    } catch (const std::invalid_argument& e) {
        fail(e.what());
    }
    c.validate();
    return c;
}

}  // namespace bithep::tasks::smeft
