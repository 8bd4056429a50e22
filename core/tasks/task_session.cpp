#include "core/tasks/task_session.h"

#include <stdexcept>

namespace bithep::tasks {

nlohmann::json SessionTrainSettings::toJson() const {
    return {{"epochs", epochs},
            {"batch_size", batchSize},
            {"learning_rate", learningRate},
            {"weight_decay", weightDecay},
            {"schedule", schedule},
            {"seed", seed}};
}

SessionTrainSettings SessionTrainSettings::fromJson(const nlohmann::json& j) {
    if (!j.is_object()) throw std::invalid_argument("training settings: expected a JSON object");
    SessionTrainSettings s;
    auto need = [&](const char* key) -> const nlohmann::json& {
        if (!j.contains(key))
            throw std::invalid_argument(std::string("training settings: missing '") + key + "'");
        return j.at(key);
    };
    try {
        s.epochs = need("epochs").get<int>();
        s.batchSize = need("batch_size").get<long>();
        s.learningRate = need("learning_rate").get<float>();
        s.weightDecay = need("weight_decay").get<float>();
        s.schedule = need("schedule").get<std::string>();
        s.seed = need("seed").get<std::uint64_t>();
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("training settings: wrong type: ") + e.what());
    }
    if (s.epochs < 1 || s.epochs > 10000)
        throw std::invalid_argument("training settings: epochs must be 1-10000");
    if (s.batchSize < 1) throw std::invalid_argument("training settings: batch_size must be positive");
    if (!(s.learningRate > 0.0f) || !(s.learningRate < 10.0f))
        throw std::invalid_argument("training settings: learning_rate must be in (0, 10)");
    if (!(s.weightDecay >= 0.0f)) throw std::invalid_argument("training settings: weight_decay must be >= 0");
    if (s.schedule != "one-cycle" && s.schedule != "cosine")
        throw std::invalid_argument("training settings: schedule must be 'one-cycle' or 'cosine'");
    return s;
}

void TaskSession::setControl(const std::string& id, double) {
    throw std::invalid_argument("this task has no result control '" + id + "'");
}

SessionEvaluation TaskSession::redraw(const nlohmann::json&) const {
    throw std::invalid_argument("this task keeps no state to redraw its results from");
}

}  // namespace bithep::tasks
