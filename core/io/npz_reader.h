#pragma once
// Reader for NumPy .npz archives: a zip (stored or deflated members, via libzip) of .npy arrays,
// the format of the public energyflow quark/gluon datasets. Arrays are streamed straight from
// the archive into memory, converted to float or double; see npy_array.h for supported dtypes.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/io/npy_array.h"

namespace bithep::io {

class NpzReader {
public:
    // Opens the archive; throws std::runtime_error naming the file if it is missing or not a zip.
    explicit NpzReader(const std::filesystem::path& path);
    // An archive held in memory (bytes are copied); `name` stands for the file in messages.
    static NpzReader fromMemory(std::string_view bytes, const std::string& name);
    ~NpzReader();
    NpzReader(const NpzReader&) = delete;
    NpzReader& operator=(const NpzReader&) = delete;
    NpzReader(NpzReader&&) noexcept;
    NpzReader& operator=(NpzReader&&) noexcept;

    // Array names ("X" for member "X.npy"), in archive order.
    std::vector<std::string> names() const;
    bool contains(const std::string& name) const;
    // Header only (dtype, shape), without reading data.
    NpyHeader header(const std::string& name) const;
    // Throws std::runtime_error naming the file and array if missing, malformed or truncated.
    template <typename T>
    NpyArray<T> read(const std::string& name, bool allowNaN = false) const;
    const std::filesystem::path& path() const { return m_path; }

private:
    struct Archive;
    NpzReader(std::filesystem::path name, std::unique_ptr<Archive> archive);
    std::filesystem::path m_path;
    std::unique_ptr<Archive> m_archive;
};

}  // namespace bithep::io
