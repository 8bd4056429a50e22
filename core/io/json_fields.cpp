#include "core/io/json_fields.h"

namespace bithep::io {

nlohmann::json parseJsonBounded(std::string_view text, const std::string& context, int maxDepth) {
    const auto limitDepth = [maxDepth, &context](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > maxDepth)
            throw std::runtime_error(context + ": JSON nested deeper than " + std::to_string(maxDepth) + " levels");
        return true;
    };
    try {
        return nlohmann::json::parse(text.begin(), text.end(), limitDepth);
    } catch (const nlohmann::json::exception& e) {
        // parse_error, and out_of_range for a number such as 1e400.
        throw std::runtime_error(context + ": not valid JSON (" + e.what() + ")");
    }
}

std::string jsonExcerpt(const nlohmann::json& v) {
    constexpr std::size_t kShown = 40;
    // Containers are described, not dumped: a hostile one may be huge or deeply nested.
    if (v.is_array()) return "a list of " + std::to_string(v.size());
    if (v.is_object()) return "an object";
    std::string s = v.dump();
    if (s.size() > kShown) s = s.substr(0, kShown) + "...";
    return s;
}

double jsonNumber(const nlohmann::json& v, const std::string& what, double lo, double hi) {
    if (!v.is_number()) throw std::invalid_argument(what + " must be a number, not " + jsonExcerpt(v));
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < lo || x > hi)
        throw std::invalid_argument(what + " must be a finite number in [" + jsonExcerpt(lo) + ", " + jsonExcerpt(hi) +
                                    "], not " + jsonExcerpt(v));
    return x;
}

}  // namespace bithep::io
