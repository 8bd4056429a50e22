#pragma once
// Reading JSON that comes from files or settings (projects, lessons, checkpoint attributes,
// model and plan configurations) under the one size rule: parsing refuses nesting deeper than a
// bound (a 200 000-deep array otherwise overflows the stack when copied or walked), and numbers
// are converted only when they fit — an integer field takes an exact integer inside its stated
// range, never a wrapped -1, a truncated 2³²+5 or an undefined 1e300 → int.
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace bithep::io {

// Nesting deeper than this is refused; our own files nest at most 8 levels.
inline constexpr int kMaxJsonDepth = 64;

// Parses `text`; throws std::runtime_error "<context>: not valid JSON (...)" for malformed text,
// numbers outside double's range, or nesting deeper than maxDepth.
nlohmann::json parseJsonBounded(std::string_view text, const std::string& context, int maxDepth = kMaxJsonDepth);

// First characters of v.dump() for messages (a hostile value may be megabytes long).
std::string jsonExcerpt(const nlohmann::json& v);

// An integer in [lo, hi]: a JSON integer, or a float with an integral value (1e3). Anything else
// throws std::invalid_argument "<what> must be an integer in [lo, hi], not <value>".
template <class T>
T jsonInteger(const nlohmann::json& v, T lo, T hi, const std::string& what) {
    static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>);
    auto refuse = [&]() -> T {
        throw std::invalid_argument(what + " must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                                    "], not " + jsonExcerpt(v));
    };
    if (v.is_number_unsigned()) {
        const std::uint64_t x = v.get<std::uint64_t>();
        return std::cmp_less(x, lo) || std::cmp_greater(x, hi) ? refuse() : static_cast<T>(x);
    }
    if (v.is_number_integer()) {
        const std::int64_t x = v.get<std::int64_t>();
        return std::cmp_less(x, lo) || std::cmp_greater(x, hi) ? refuse() : static_cast<T>(x);
    }
    if (v.is_number_float()) {
        const double x = v.get<double>();
        // Beyond 2^53 a double is no longer an exact integer, and the casts below must not overflow.
        constexpr double kExact = 9007199254740992.0;
        if (!std::isfinite(x) || x != std::floor(x) || std::fabs(x) > kExact) return refuse();
        const auto i = static_cast<std::int64_t>(x);
        return std::cmp_less(i, lo) || std::cmp_greater(i, hi) ? refuse() : static_cast<T>(i);
    }
    return refuse();
}

// A finite number in [lo, hi]; throws std::invalid_argument naming `what` otherwise.
double jsonNumber(const nlohmann::json& v, const std::string& what,
                  double lo = -std::numeric_limits<double>::max(), double hi = std::numeric_limits<double>::max());

// A number of type T anywhere in T's range (integral types exactly, as jsonInteger); bool takes
// a JSON true or false only.
template <class T>
T jsonValueOf(const nlohmann::json& v, const std::string& what) {
    if constexpr (std::is_same_v<T, bool>) {
        if (!v.is_boolean()) throw std::invalid_argument(what + " must be true or false, not " + jsonExcerpt(v));
        return v.get<bool>();
    } else if constexpr (std::is_integral_v<T>)
        return jsonInteger<T>(v, std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), what);
    else
        return static_cast<T>(jsonNumber(v, what, std::numeric_limits<T>::lowest(), std::numeric_limits<T>::max()));
}

}  // namespace bithep::io
