#pragma once
// True when f() throws std::invalid_argument: the metrics' contract for every bad input.
#include <stdexcept>

template <typename F>
bool throwsInvalid(F&& f) {
    try {
        f();
    } catch (const std::invalid_argument&) {
        return true;
    }
    return false;
}
