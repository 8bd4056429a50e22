// Lesson files (resources/lessons/*.json and lessons a teacher writes).
#include <QByteArray>
#include <cstdint>

#include "app/lesson.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bithep;
    fuzz::expectHandled([&] {
        app::parseLesson(QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)), "fuzz.json");
    });
    return 0;
}
