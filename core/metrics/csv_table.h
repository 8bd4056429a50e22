#pragma once
// A small CSV writer for metric tables and the data behind figures: a header and rows of
// numbers or text, numbers written in the shortest form that reads back to the same double,
// files replaced atomically so a half-written table never replaces a good one.
#include <concepts>
#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace bithep::metrics {

// One CSV field. Integers stay integers (counts), doubles round-trip exactly, text is quoted
// where RFC 4180 needs it.
class CsvCell {
public:
    CsvCell(double value) : m_value(value) {}  // NOLINT(google-explicit-constructor)
    template <std::integral T>
    CsvCell(T value) : m_value(static_cast<std::int64_t>(value)) {}  // NOLINT
    CsvCell(std::string text) : m_value(std::move(text)) {}          // NOLINT
    CsvCell(const char* text) : m_value(std::string(text)) {}        // NOLINT

    // The field as it appears in the file (quoted when it holds a comma, quote or newline).
    std::string toField() const;
    const std::variant<double, std::int64_t, std::string>& value() const { return m_value; }

private:
    std::variant<double, std::int64_t, std::string> m_value;
};

class CsvTable {
public:
    explicit CsvTable(std::vector<std::string> header);

    // Throws std::invalid_argument when the row's length differs from the header's.
    void addRow(std::vector<CsvCell> row);

    const std::vector<std::string>& header() const { return m_header; }
    const std::vector<std::vector<CsvCell>>& rows() const { return m_rows; }

    // Lines end with '\n'; the first line is the header.
    std::string toString() const;
    // Writes toString() atomically; throws std::runtime_error naming the file on failure.
    void write(const std::filesystem::path& file) const;

    // Shortest decimal form that parses back to exactly `value`; "inf", "-inf", "nan" otherwise.
    static std::string formatNumber(double value);

private:
    std::vector<std::string> m_header;
    std::vector<std::vector<CsvCell>> m_rows;
};

}  // namespace bithep::metrics
