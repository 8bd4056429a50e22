#include "core/metrics/csv_table.h"

#include <array>
#include <charconv>
#include <stdexcept>

#include "core/platform/atomic_file.h"

namespace bithep::metrics {

namespace {
std::string quoteIfNeeded(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';  // RFC 4180: a quote inside a quoted field is doubled
        out += c;
    }
    out += '"';
    return out;
}
}  // namespace

std::string CsvTable::formatNumber(double value) {
    std::array<char, 64> buf{};
    // to_chars without a precision gives the shortest round-trip form (and inf/nan spelled out).
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    return std::string(buf.data(), res.ptr);
}

std::string CsvCell::toField() const {
    if (const auto* d = std::get_if<double>(&m_value)) return CsvTable::formatNumber(*d);
    if (const auto* i = std::get_if<std::int64_t>(&m_value)) return std::to_string(*i);
    return quoteIfNeeded(std::get<std::string>(m_value));
}

CsvTable::CsvTable(std::vector<std::string> header) : m_header(std::move(header)) {
    if (m_header.empty()) throw std::invalid_argument("CsvTable: the header has no columns");
}

void CsvTable::addRow(std::vector<CsvCell> row) {
    if (row.size() != m_header.size())
        throw std::invalid_argument("CsvTable: row " + std::to_string(m_rows.size()) + " has " +
                                    std::to_string(row.size()) + " fields but the header has " +
                                    std::to_string(m_header.size()));
    m_rows.push_back(std::move(row));
}

std::string CsvTable::toString() const {
    std::string out;
    for (std::size_t c = 0; c < m_header.size(); ++c) {
        if (c) out += ',';
        out += quoteIfNeeded(m_header[c]);
    }
    out += '\n';
    for (const auto& row : m_rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c) out += ',';
            out += row[c].toField();
        }
        out += '\n';
    }
    return out;
}

void CsvTable::write(const std::filesystem::path& file) const {
    platform::writeFileAtomically(file, toString());
}

}  // namespace bithep::metrics
