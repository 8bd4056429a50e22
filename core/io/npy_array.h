#pragma once
// Reader for NumPy .npy arrays (format versions 1–3), the payload of the .npz files in which
// public HEP datasets such as energyflow's quark/gluon jets are distributed. Supports the
// little-endian float dtypes '<f8' and '<f4' in C order, converted to the requested element type
// while streaming, and rejects everything else with a message naming the source and the problem.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace bithep::io {

struct NpyHeader {
    std::string dtype;               // e.g. "<f8"
    bool fortranOrder = false;
    std::vector<std::size_t> shape;  // () for a scalar
    std::size_t headerBytes = 0;     // magic, length and dictionary: where the data starts
    std::size_t elementSize() const; // bytes per element of dtype
    // Product of shape, overflow-checked against SizeBounds::kArrayElements; throws naming context.
    std::size_t count(const std::string& context = "npy array") const;
};

// The source's total size is not known (a pipe, a test): only the element bound applies.
inline constexpr std::uint64_t kUnknownSourceBytes = ~std::uint64_t(0);

template <typename T>
struct NpyArray {
    std::vector<std::size_t> shape;
    std::vector<T> values;  // row-major
};

// Pulls up to n bytes into dst and returns how many it delivered (0 at the end).
using ByteSource = std::function<std::size_t(char* dst, std::size_t n)>;

// Parses the magic, version and header dictionary from `source`. `context` names the file (and
// array) in error messages. Throws std::runtime_error on anything malformed or unsupported.
NpyHeader readNpyHeader(const ByteSource& source, const std::string& context);

// Reads header and data. With allowNaN false, a NaN or infinity is an error naming its index.
// sourceBytes, when known (file or archive member size), must equal header plus data exactly:
// the shape is checked against it before anything is allocated.
template <typename T>
NpyArray<T> readNpy(const ByteSource& source, const std::string& context, bool allowNaN = false,
                    std::uint64_t sourceBytes = kUnknownSourceBytes);

// A .npy file on disk.
template <typename T>
NpyArray<T> readNpyFile(const std::filesystem::path& path, bool allowNaN = false);

}  // namespace bithep::io
