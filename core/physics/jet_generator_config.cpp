// JetGeneratorConfig: validation and the JSON form stored with every generated dataset.
#include <nlohmann/json.hpp>
#include <set>

#include "core/io/json_fields.h"

#include "core/physics/jet_generator.h"

namespace bithep::physics {

namespace {

using nlohmann::json;

void fail(const std::string& what) { throw std::invalid_argument("JetGeneratorConfig: " + what); }

// Reads obj[key] into value if present; a value of the wrong type names the key.
template <typename T>
void readKey(const json& obj, const char* section, const char* key, T& value) {
    const auto it = obj.find(key);
    if (it == obj.end()) return;
    const std::string name = std::string("'") + section + key + "'";
    try {
        value = io::jsonValueOf<T>(*it, name);
    } catch (const std::invalid_argument& e) {
        fail(e.what());
    }
}

void rejectUnknown(const json& obj, const std::string& section, const std::set<std::string>& known) {
    if (!obj.is_object()) fail("'" + section + "' must be an object");
    for (const auto& [key, value] : obj.items())
        if (!known.count(key)) fail("unknown key '" + section + key + "'");
}

}  // namespace

ShowerConfig calibratedQgShower() {
    ShowerConfig s;
    s.lambdaQcd = 0.10;  // one-loop αs(M_Z) = 0.118 with n_f = 5
    s.kTCutoff = 1.42;
    s.thetaMax = 0.94;
    return s;
}

FragmentationConfig calibratedQgFragmentation() {
    FragmentationConfig f;
    f.ffA = 0.38;
    f.gluonShareWidth = 0.11;
    f.stopMomentum = 3.4;
    f.sigmaPt = 0.25;
    f.vectorFraction = 0.66;
    return f;
}

JetGeneratorConfig JetGeneratorConfig::uncalibrated() {
    JetGeneratorConfig c;
    c.shower = ShowerConfig{};
    c.fragmentation = FragmentationConfig{};
    c.underlyingEvent.density = 0.0;
    return c;
}

void JetGeneratorConfig::validate() const {
    if (!(jetPtMin > 0.0 && jetPtMax > jetPtMin)) fail("need 0 < jetPtMin < jetPtMax");
    if (!(jetAbsRapidityMax > 0.0)) fail("jetAbsRapidityMax must be > 0");
    if (!(jetRadius > 0.0 && jetRadius < 1.5)) fail("jetRadius must be in (0, 1.5)");
    if (!(partonPtMin > 0.0 && partonPtMax > partonPtMin)) fail("need 0 < partonPtMin < partonPtMax");
    if (!(spectrumPower >= 0.0 && spectrumPower < 20.0)) fail("spectrumPower must be in [0, 20)");
    if (!(quarkFraction >= 0.0 && quarkFraction <= 1.0)) fail("quarkFraction must be in [0, 1]");
    if (threads < 1 || threads > 256) fail("threads must be in 1..256");
    if (!(underlyingEvent.density >= 0.0 && underlyingEvent.density <= 20.0))
        fail("underlyingEvent.density must be in [0, 20] particles per unit area");
    if (!(underlyingEvent.meanPt > 0.0 && underlyingEvent.meanPt <= 10.0))
        fail("underlyingEvent.meanPt must be in (0, 10] GeV");
    shower.validate();
    fragmentation.validate();
}

std::string JetGeneratorConfig::toJson() const {
    const json j = {
        {"jetPtMin", jetPtMin}, {"jetPtMax", jetPtMax}, {"jetAbsRapidityMax", jetAbsRapidityMax},
        {"jetRadius", jetRadius}, {"partonPtMin", partonPtMin}, {"partonPtMax", partonPtMax},
        {"spectrumPower", spectrumPower}, {"quarkFraction", quarkFraction}, {"threads", threads},
        {"shower", {{"lambdaQcd", shower.lambdaQcd}, {"nfRunning", shower.nfRunning},
                    {"nfSplitting", shower.nfSplitting}, {"kTCutoff", shower.kTCutoff},
                    {"thetaMax", shower.thetaMax}}},
        {"fragmentation", {{"ffA", fragmentation.ffA}, {"stopMomentum", fragmentation.stopMomentum},
                           {"sigmaPt", fragmentation.sigmaPt},
                           {"gluonShareWidth", fragmentation.gluonShareWidth}, {"strangeness", fragmentation.strangeness},
                           {"diquarkFraction", fragmentation.diquarkFraction},
                           {"vectorFraction", fragmentation.vectorFraction},
                           {"decupletFraction", fragmentation.decupletFraction},
                           {"lastHadronTakesRest", fragmentation.lastHadronTakesRest}}},
        {"underlyingEvent", {{"density", underlyingEvent.density}, {"meanPt", underlyingEvent.meanPt}}}};
    return j.dump();
}

JetGeneratorConfig JetGeneratorConfig::fromJson(const std::string& text) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) fail("not valid JSON");
    rejectUnknown(j, "", {"jetPtMin", "jetPtMax", "jetAbsRapidityMax", "jetRadius", "partonPtMin",
                          "partonPtMax", "spectrumPower", "quarkFraction", "threads", "shower",
                          "fragmentation", "underlyingEvent"});
    JetGeneratorConfig c;
    readKey(j, "", "jetPtMin", c.jetPtMin);
    readKey(j, "", "jetPtMax", c.jetPtMax);
    readKey(j, "", "jetAbsRapidityMax", c.jetAbsRapidityMax);
    readKey(j, "", "jetRadius", c.jetRadius);
    readKey(j, "", "partonPtMin", c.partonPtMin);
    readKey(j, "", "partonPtMax", c.partonPtMax);
    readKey(j, "", "spectrumPower", c.spectrumPower);
    readKey(j, "", "quarkFraction", c.quarkFraction);
    readKey(j, "", "threads", c.threads);
    if (j.contains("shower")) {
        const auto& s = j["shower"];
        rejectUnknown(s, "shower.", {"lambdaQcd", "nfRunning", "nfSplitting", "kTCutoff", "thetaMax"});
        readKey(s, "shower.", "lambdaQcd", c.shower.lambdaQcd);
        readKey(s, "shower.", "nfRunning", c.shower.nfRunning);
        readKey(s, "shower.", "nfSplitting", c.shower.nfSplitting);
        readKey(s, "shower.", "kTCutoff", c.shower.kTCutoff);
        readKey(s, "shower.", "thetaMax", c.shower.thetaMax);
    }
    if (j.contains("fragmentation")) {
        const auto& f = j["fragmentation"];
        rejectUnknown(f, "fragmentation.", {"ffA", "stopMomentum", "sigmaPt", "strangeness",
                                            "diquarkFraction", "vectorFraction", "decupletFraction",
                                            "gluonShareWidth", "lastHadronTakesRest"});
        readKey(f, "fragmentation.", "ffA", c.fragmentation.ffA);
        readKey(f, "fragmentation.", "stopMomentum", c.fragmentation.stopMomentum);
        readKey(f, "fragmentation.", "sigmaPt", c.fragmentation.sigmaPt);
        readKey(f, "fragmentation.", "gluonShareWidth", c.fragmentation.gluonShareWidth);
        readKey(f, "fragmentation.", "strangeness", c.fragmentation.strangeness);
        readKey(f, "fragmentation.", "diquarkFraction", c.fragmentation.diquarkFraction);
        readKey(f, "fragmentation.", "vectorFraction", c.fragmentation.vectorFraction);
        readKey(f, "fragmentation.", "decupletFraction", c.fragmentation.decupletFraction);
        readKey(f, "fragmentation.", "lastHadronTakesRest", c.fragmentation.lastHadronTakesRest);
    }
    if (j.contains("underlyingEvent")) {
        const auto& u = j["underlyingEvent"];
        rejectUnknown(u, "underlyingEvent.", {"density", "meanPt"});
        readKey(u, "underlyingEvent.", "density", c.underlyingEvent.density);
        readKey(u, "underlyingEvent.", "meanPt", c.underlyingEvent.meanPt);
    }
    c.validate();
    return c;
}

}  // namespace bithep::physics
