#pragma once
// The `key=value` settings every task's batch run accepts, from the command line
// (BatchRequest::arguments) and from BatchRequest::options, parsed the same way for all tasks so
// a bad value gives the same kind of message everywhere ("qg batch: value 'x' of 'epochs' ...").
#include <charconv>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "core/tasks/batch_run.h"
#include "core/train/train_settings.h"

namespace bithep::tasks {

// `context` prefixes the message, e.g. "qg batch". Throws std::invalid_argument for text that is
// not entirely a number of type T (trailing characters, overflow, empty) or not finite.
template <class T>
T parseSettingNumber(const std::string& context, const std::string& key, const std::string& value) {
    T out{};
    const char* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, out);
    if (ec != std::errc() || ptr != end)
        throw std::invalid_argument(context + ": value '" + value + "' of '" + key + "' is not a valid number");
    // from_chars reads "inf" and "nan"; no setting means either, and they fail much later.
    if constexpr (std::is_floating_point_v<T>)
        if (!std::isfinite(out))
            throw std::invalid_argument(context + ": value '" + value + "' of '" + key + "' is not a finite number");
    return out;
}

// Calls apply(key, value) for every "key=value" argument, then every option (booleans as 1/0,
// strings as they are, numbers as JSON text). Throws std::invalid_argument for an argument
// without '=' or with an empty key.
inline void forEachSetting(const BatchRequest& request, const std::string& context,
                           const std::function<void(const std::string&, const std::string&)>& apply) {
    for (const std::string& argument : request.arguments) {
        const auto eq = argument.find('=');
        if (eq == std::string::npos || eq == 0)
            throw std::invalid_argument(context + ": argument '" + argument + "' is not key=value");
        apply(argument.substr(0, eq), argument.substr(eq + 1));
    }
    if (!request.options.is_object()) return;
    for (const auto& [key, value] : request.options.items()) {
        apply(key, value.is_string()    ? value.get<std::string>()
                   : value.is_boolean() ? (value.get<bool>() ? "1" : "0")
                                        : value.dump());
    }
}

// The training keys every task's batch run accepts, for the "known:" list of its messages.
inline constexpr const char* kTrainSettingKeys = "epochs, batch, lr, weight-decay, schedule, validation, grad-clip";

// Sets the training field `key` names (one of kTrainSettingKeys) and returns true; false for any
// other key. The values are checked later, all together, by TrainSettings::validate.
inline bool applyTrainSetting(train::TrainSettings& s, const std::string& context, const std::string& key,
                              const std::string& value) {
    if (key == "epochs")
        s.epochs = parseSettingNumber<int>(context, key, value);
    else if (key == "batch")
        s.batchSize = parseSettingNumber<tensor::Index>(context, key, value);
    else if (key == "lr")
        s.learningRate = parseSettingNumber<float>(context, key, value);
    else if (key == "weight-decay")
        s.weightDecay = parseSettingNumber<float>(context, key, value);
    else if (key == "schedule")
        s.schedule = value;
    else if (key == "validation")
        s.validationFraction = parseSettingNumber<double>(context, key, value);
    else if (key == "grad-clip")
        s.gradClipNorm = parseSettingNumber<float>(context, key, value);
    else
        return false;
    return true;
}

}  // namespace bithep::tasks
