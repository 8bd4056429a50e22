#include "core/tasks/task_session.h"

#include <stdexcept>

#include "core/io/json_fields.h"

namespace bithep::tasks {

namespace {

const nlohmann::json& needKey(const nlohmann::json& j, const char* key, const char* what) {
    if (!j.is_object()) throw std::invalid_argument(std::string(what) + ": expected a JSON object");
    if (!j.contains(key)) throw std::invalid_argument(std::string(what) + ": missing '" + key + "'");
    return j.at(key);
}

}  // namespace

DatasetSettings DatasetSettings::fromJson(const nlohmann::json& j) {
    DatasetSettings d;
    d.samples = io::jsonInteger<std::size_t>(needKey(j, "samples", "dataset"), 0, kMaxSamples, "dataset: 'samples'");
    d.seed = io::jsonInteger<std::uint64_t>(needKey(j, "seed", "dataset"), 0, ~std::uint64_t(0), "dataset: 'seed'");
    if (j.contains("particle_ids")) {
        if (!j.at("particle_ids").is_boolean())
            throw std::invalid_argument("dataset: 'particle_ids' must be true or false");
        d.particleIds = j.at("particle_ids").get<bool>();
    }
    return d;
}

void requireIndicesBelow(const std::vector<std::size_t>& indices, std::size_t count, const std::string& context,
                         const std::string& sample) {
    for (std::size_t i : indices)
        if (i >= count)
            throw std::invalid_argument(context + ": " + sample + " index " + std::to_string(i) + " outside the " +
                                        std::to_string(count) + " " + sample + "s of the dataset");
}

NetworkListing TaskSession::networkListing() {
    NetworkListing out;
    nn::Module* m = model();
    if (!m) return out;
    const nn::ModelListing listing = nn::describeModel(*m, rowsPerSample());
    for (const nn::LayerInfo& l : listing.layers) {
        out.layers.push_back({l.path, l.type, static_cast<long>(l.in), static_cast<long>(l.out),
                              static_cast<long>(l.parameters), l.macsPerSample});
        out.totalMacsPerSample += l.macsPerSample;
    }
    for (const nn::ComputeInfo& c : listing.compute) out.totalMacsPerSample += c.flopsPerSample / 2;  // 2 FLOPs per MAC
    return out;
}

quant::PrecisionMap TaskSession::precisions() {
    nn::Module* m = model();
    return m ? quant::PrecisionMap::capture(*m) : quant::PrecisionMap();
}

bool TaskSession::setPrecisions(const quant::PrecisionMap& target) {
    nn::Module* m = model();
    if (!m) return false;
    const quant::PrecisionMap before = quant::PrecisionMap::capture(*m);
    const quant::PrecisionMap after = before.updatedWith(target);
    if (after == before) return false;
    after.applyTo(*m);
    return true;
}

std::string TaskSession::matchingPlan() {
    const quant::PrecisionMap now = precisions();
    if (now.empty()) return {};
    std::vector<quant::QuantPlan> plans;
    for (const std::string& name : planNames()) plans.push_back(plan(name));
    return now.matchingPlan(plans).value_or(std::string());
}

std::vector<quant::LayerQuantStats> TaskSession::layerStats() {
    std::vector<quant::LayerQuantStats> out;
    if (nn::Module* m = model()) {
        for (auto& s : quant::collectQuantStats(*m))
            if (s.precision != quant::Precision::Fp32) out.push_back(std::move(s));
    }
    return out;
}

void TaskSession::setControl(const std::string& id, double) {
    throw std::invalid_argument("this task has no result control '" + id + "'");
}

SessionEvaluation TaskSession::redraw(const nlohmann::json&) const {
    throw std::invalid_argument("this task keeps no state to redraw its results from");
}

}  // namespace bithep::tasks
