#include "core/train/lr_schedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace bithep::train {

namespace {
// Cosine interpolation from a (t = 0) to b (t = 1).
float cosineAnneal(float a, float b, double t) {
    return static_cast<float>(b + (a - b) * 0.5 * (1.0 + std::cos(std::numbers::pi * t)));
}
}  // namespace

float LrSchedule::at(long step, long totalSteps) const {
    if (totalSteps <= 0) throw std::invalid_argument("LrSchedule: total steps must be positive");
    step = std::clamp(step, 0L, totalSteps);
    switch (kind) {
        case Kind::Constant: return baseLr;
        case Kind::Step: {
            if (stepSize <= 0) throw std::invalid_argument("LrSchedule: step size must be positive");
            const long decays = step / stepSize;  // whole periods: the floor is the point
            return baseLr * std::pow(gamma, static_cast<float>(decays));
        }
        case Kind::Cosine: {
            if (step < warmupSteps) return baseLr * static_cast<float>(step + 1) / static_cast<float>(warmupSteps);
            const long span = std::max(1L, totalSteps - warmupSteps);
            return cosineAnneal(baseLr, minLr, static_cast<double>(step - warmupSteps) / static_cast<double>(span));
        }
        case Kind::OneCycle: {
            if (!(pctStart > 0.0f && pctStart < 1.0f)) throw std::invalid_argument("LrSchedule: pctStart must be in (0, 1)");
            const float start = baseLr / divFactor;
            const float end = start / finalDivFactor;
            const double rise = std::max(1.0, double(pctStart) * double(totalSteps) - 1.0);
            const double s = static_cast<double>(step);
            if (s <= rise) return cosineAnneal(start, baseLr, s / rise);
            const double fall = std::max(1.0, double(totalSteps) - 1.0 - rise);
            return cosineAnneal(baseLr, end, std::min(1.0, (s - rise) / fall));
        }
    }
    return baseLr;
}

std::string LrSchedule::toString(Kind k) {
    switch (k) {
        case Kind::Constant: return "constant";
        case Kind::Step: return "step";
        case Kind::Cosine: return "cosine";
        case Kind::OneCycle: return "one-cycle";
    }
    return "?";
}

LrSchedule::Kind LrSchedule::trainingKind(const std::string& name, const std::string& context) {
    if (name == "one-cycle") return Kind::OneCycle;
    if (name == "cosine") return Kind::Cosine;
    throw std::invalid_argument(context + ": schedule '" + name + "' is not one-cycle or cosine");
}

LrSchedule::Kind LrSchedule::kindFromString(const std::string& s) {
    for (Kind k : {Kind::Constant, Kind::Step, Kind::Cosine, Kind::OneCycle}) {
        if (toString(k) == s) return k;
    }
    throw std::invalid_argument("unknown learning-rate schedule '" + s + "'");
}

}  // namespace bithep::train
