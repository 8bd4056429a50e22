#pragma once
// HDF5 files held in memory (HDF5's file-image feature with the core driver), so every reader
// that takes an open H5::H5File can read bytes that never touched the disk — what the fuzz
// harnesses feed it — and the size checks every HDF5 reader makes before allocating.
#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bithep::io::h5 {

// Opens `bytes` read-only as an HDF5 file (the bytes are copied). Throws H5::Exception for
// bytes that are not HDF5, like opening a file would.
H5::H5File openImage(std::string_view bytes);

// The dimensions of a dataset's simple dataspace.
std::vector<std::uint64_t> dims(const H5::DataSet& ds);

// Element count of `ds` under the one size rule (size_limits.h): overflow-checked, at most
// `bound` elements, and backed by the bytes the file really stores for it (a chunked dataset
// that was never written reads as fill values of any size). elementBytes is the in-memory size
// per element the reader will allocate. Throws std::runtime_error naming context and field.
std::uint64_t checkedCount(const H5::DataSet& ds, std::uint64_t bound, std::uint64_t elementBytes,
                           const std::string& context, const std::string& field);

}  // namespace bithep::io::h5
