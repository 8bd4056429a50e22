#pragma once
// Learning-rate schedules as plain values (so projects and checkpoints can store them):
// the rate for optimizer step s out of a run of S steps.
#include <string>

namespace bithep::train {

struct LrSchedule {
    enum class Kind { Constant, Step, Cosine, OneCycle };
    Kind kind = Kind::Constant;
    float baseLr = 1e-3f;   // Constant/Step/Cosine start; OneCycle peak
    long stepSize = 1000;   // Step: decay every stepSize steps
    float gamma = 0.1f;     // Step: decay factor
    float minLr = 0.0f;     // Cosine: floor
    long warmupSteps = 0;   // Cosine: linear warm-up from 0
    float pctStart = 0.3f;  // OneCycle: fraction of the run spent rising
    float divFactor = 25.0f;        // OneCycle: start at peak/divFactor
    float finalDivFactor = 1e4f;    // OneCycle: end at start/finalDivFactor

    // Throws std::invalid_argument for a non-positive total or inconsistent parameters.
    float at(long step, long totalSteps) const;
    static std::string toString(Kind k);
    static Kind kindFromString(const std::string& s);
    // The schedules a user picks for a training ("one-cycle", "cosine"): the one place their
    // names are parsed. Throws std::invalid_argument "<context>: schedule '<name>' is not
    // one-cycle or cosine".
    static Kind trainingKind(const std::string& name, const std::string& context);
};

}  // namespace bithep::train
