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
    std::size_t elementSize() const; // bytes per element of dtype
    std::size_t count() const;       // product of shape
};

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
template <typename T>
NpyArray<T> readNpy(const ByteSource& source, const std::string& context, bool allowNaN = false);

// A .npy file on disk.
template <typename T>
NpyArray<T> readNpyFile(const std::filesystem::path& path, bool allowNaN = false);

}  // namespace bithep::io
