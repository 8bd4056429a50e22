#include "core/io/npy_array.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "core/io/size_limits.h"

namespace bithep::io {

namespace {

[[noreturn]] void fail(const std::string& context, const std::string& what) {
    throw std::runtime_error(context + ": " + what);
}

void readExactly(const ByteSource& source, char* dst, std::size_t n, const std::string& context,
                 const char* what) {
    std::size_t got = 0;
    while (got < n) {
        const std::size_t k = source(dst + got, n - got);
        if (k == 0) fail(context, std::string("truncated ") + what + " (" + std::to_string(got) + " of " +
                                      std::to_string(n) + " bytes)");
        got += k;
    }
}

// Value of key in the header dictionary, e.g. "'descr': '<f8'" → "'<f8'" (up to the next comma
// outside parentheses).
std::string dictValue(const std::string& header, const std::string& key, const std::string& context) {
    const auto pos = header.find("'" + key + "'");
    if (pos == std::string::npos) fail(context, "npy header has no '" + key + "' field");
    auto i = header.find(':', pos);
    if (i == std::string::npos) fail(context, "npy header field '" + key + "' has no value");
    ++i;
    while (i < header.size() && header[i] == ' ') ++i;
    int depth = 0;
    std::size_t j = i;
    for (; j < header.size(); ++j) {
        if (header[j] == '(') ++depth;
        if (header[j] == ')') --depth;
        if ((header[j] == ',' || header[j] == '}') && depth == 0) break;
    }
    return header.substr(i, j - i);
}

std::vector<std::size_t> parseShape(const std::string& text, const std::string& context) {
    if (text.size() < 2 || text.front() != '(' || text.back() != ')')
        fail(context, "npy header shape '" + text + "' is not a tuple");
    std::vector<std::size_t> shape;
    std::size_t i = 1;
    while (i < text.size() - 1) {
        while (i < text.size() - 1 && (text[i] == ' ' || text[i] == ',')) ++i;
        if (i >= text.size() - 1) break;
        std::size_t value = 0, digits = 0;
        while (i < text.size() - 1 && text[i] >= '0' && text[i] <= '9') {
            if (value > std::numeric_limits<std::size_t>::max() / 10) fail(context, "npy shape overflows");
            value = value * 10 + static_cast<std::size_t>(text[i++] - '0');
            ++digits;
        }
        if (digits == 0) fail(context, "npy header shape '" + text + "' has a non-integer entry");
        shape.push_back(value);
    }
    return shape;
}

template <typename Src, typename T>
void convert(const char* bytes, std::size_t n, T* out) {
    for (std::size_t i = 0; i < n; ++i) {
        Src v;
        std::memcpy(&v, bytes + i * sizeof(Src), sizeof(Src));
        out[i] = static_cast<T>(v);
    }
}

}  // namespace

std::size_t NpyHeader::elementSize() const { return dtype == "<f8" ? 8 : dtype == "<f4" ? 4 : 0; }

std::size_t NpyHeader::count(const std::string& context) const {
    const std::vector<std::uint64_t> dims(shape.begin(), shape.end());
    return static_cast<std::size_t>(checkedProduct(dims, SizeBounds::kArrayElements, context, "npy array"));
}

NpyHeader readNpyHeader(const ByteSource& source, const std::string& context) {
    static_assert(std::endian::native == std::endian::little, "npy reader assumes a little-endian host");
    char magic[8];
    readExactly(source, magic, 8, context, "npy magic");
    if (std::memcmp(magic, "\x93NUMPY", 6) != 0) fail(context, "not an npy array (bad magic)");
    const int major = static_cast<unsigned char>(magic[6]);
    if (major < 1 || major > 3) fail(context, "unsupported npy format version " + std::to_string(major));
    unsigned char lenBytes[4] = {0, 0, 0, 0};
    const std::size_t lenSize = major == 1 ? 2 : 4;
    readExactly(source, reinterpret_cast<char*>(lenBytes), lenSize, context, "npy header length");
    const std::size_t headerLen = lenBytes[0] | (lenBytes[1] << 8) | (static_cast<std::size_t>(lenBytes[2]) << 16) |
                                  (static_cast<std::size_t>(lenBytes[3]) << 24);
    if (headerLen > (1u << 20)) fail(context, "npy header length " + std::to_string(headerLen) + " is implausible");
    std::string header(headerLen, '\0');
    readExactly(source, header.data(), headerLen, context, "npy header");
    NpyHeader h;
    const std::string descr = dictValue(header, "descr", context);
    if (descr.size() < 2 || (descr.front() != '\'' && descr.front() != '"'))
        fail(context, "npy dtype " + descr + " is not a simple type string");
    h.dtype = descr.substr(1, descr.size() - 2);
    const std::string order = dictValue(header, "fortran_order", context);
    if (order != "False" && order != "True") fail(context, "npy fortran_order '" + order + "' is not a bool");
    h.fortranOrder = order == "True";
    h.shape = parseShape(dictValue(header, "shape", context), context);
    if (h.elementSize() == 0)
        fail(context, "unsupported dtype '" + h.dtype + "' (supported: '<f8', '<f4')");
    if (h.fortranOrder) fail(context, "Fortran-ordered arrays are not supported (save with C order)");
    h.headerBytes = 8 + lenSize + headerLen;
    return h;
}

template <typename T>
NpyArray<T> readNpy(const ByteSource& source, const std::string& context, bool allowNaN, std::uint64_t sourceBytes) {
    const NpyHeader h = readNpyHeader(source, context);
    NpyArray<T> array;
    array.shape = h.shape;
    const std::size_t n = h.count(context), size = h.elementSize();
    // n <= 2^31 and size <= 8: the byte count cannot overflow.
    const std::uint64_t dataBytes = static_cast<std::uint64_t>(n) * size;
    if (sourceBytes != kUnknownSourceBytes && sourceBytes != h.headerBytes + dataBytes) {
        const std::vector<std::uint64_t> dims(h.shape.begin(), h.shape.end());
        fail(context, "header declares shape " + shapeText(dims) + " = " + std::to_string(dataBytes) +
                          " bytes of data, but " +
                          (sourceBytes < h.headerBytes ? std::string("the source is shorter than its header")
                                                       : "the source holds " +
                                                             std::to_string(sourceBytes - h.headerBytes)));
    }
    // With the source's size checked, the data is there: allocate once. Without it (a pipe),
    // grow with what arrives, so a header alone cannot claim gigabytes.
    if (sourceBytes != kUnknownSourceBytes) array.values.resize(n);
    constexpr std::size_t kChunk = 1 << 16;  // elements per read: bounded scratch memory
    std::vector<char> buffer(kChunk * size);
    for (std::size_t done = 0; done < n;) {
        const std::size_t k = std::min(kChunk, n - done);
        readExactly(source, buffer.data(), k * size, context,
                    ("data (element " + std::to_string(done) + " of " + std::to_string(n) + ")").c_str());
        if (array.values.size() < done + k) array.values.resize(done + k);
        if (size == 8) convert<double>(buffer.data(), k, array.values.data() + done);
        else convert<float>(buffer.data(), k, array.values.data() + done);
        if (!allowNaN)
            for (std::size_t i = done; i < done + k; ++i)
                if (!std::isfinite(array.values[i]))
                    fail(context, "non-finite value (NaN or inf) at flat index " + std::to_string(i));
        done += k;
    }
    char extra;
    if (source(&extra, 1) != 0) fail(context, "unexpected bytes after the array data");
    return array;
}

template <typename T>
NpyArray<T> readNpyFile(const std::filesystem::path& path, bool allowNaN) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open npy file '" + path.string() + "'");
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path, ec);
    const ByteSource source = [&in](char* dst, std::size_t n) {
        in.read(dst, static_cast<std::streamsize>(n));
        return static_cast<std::size_t>(in.gcount());
    };
    return readNpy<T>(source, "npy file '" + path.string() + "'", allowNaN,
                      ec ? kUnknownSourceBytes : static_cast<std::uint64_t>(bytes));
}

template NpyArray<float> readNpy<float>(const ByteSource&, const std::string&, bool, std::uint64_t);
template NpyArray<double> readNpy<double>(const ByteSource&, const std::string&, bool, std::uint64_t);
template NpyArray<float> readNpyFile<float>(const std::filesystem::path&, bool);
template NpyArray<double> readNpyFile<double>(const std::filesystem::path&, bool);

}  // namespace bithep::io
