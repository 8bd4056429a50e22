#pragma once
// Test helper: builds .npy byte strings and writes .npz archives with libzip (stored or
// deflated members), so npz tests need no binary golden files.
#include <zip.h>

#include <cstring>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace bithep::testing {

// An npy v1 (or v2) file: header dict padded to a 64-byte boundary, then raw bytes.
inline std::string npyBytes(const std::string& descr, const std::string& shape, const std::string& data,
                            bool fortran = false, int version = 1) {
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': " + shape + ", }";
    const std::size_t prefix = version == 1 ? 10 : 12;
    while ((prefix + dict.size() + 1) % 64 != 0) dict += ' ';
    dict += '\n';
    std::string out("\x93NUMPY", 6);
    out += static_cast<char>(version);
    out += '\0';
    const std::size_t len = dict.size();
    out += static_cast<char>(len & 0xff);
    out += static_cast<char>((len >> 8) & 0xff);
    if (version != 1) out += std::string(2, '\0');
    return out + dict + data;
}

template <typename T>
std::string rawBytes(const std::vector<T>& values) {
    std::string s(values.size() * sizeof(T), '\0');
    std::memcpy(s.data(), values.data(), s.size());
    return s;
}

// members: archive name → bytes.
inline void writeZip(const std::filesystem::path& path, const std::map<std::string, std::string>& members,
                     bool deflate) {
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!zip) throw std::runtime_error("test: cannot create zip");
    for (const auto& [name, bytes] : members) {
        zip_source_t* src = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
        const zip_int64_t index = zip_file_add(zip, name.c_str(), src, ZIP_FL_OVERWRITE);
        if (index < 0) throw std::runtime_error("test: cannot add zip member");
        zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 9);
    }
    if (zip_close(zip) != 0) throw std::runtime_error("test: cannot write zip");
}

}  // namespace bithep::testing
