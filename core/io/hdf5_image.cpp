#include "core/io/hdf5_image.h"

#include <algorithm>

#include "core/io/size_limits.h"

namespace bithep::io::h5 {

H5::H5File openImage(std::string_view bytes) {
    H5::FileAccPropList access;
    // Grow in 1 MiB steps, never write a backing file: the image lives and dies in memory.
    access.setCore(1 << 20, false);
    if (H5Pset_file_image(access.getId(), const_cast<char*>(bytes.data()), bytes.size()) < 0)
        throw H5::FileIException("openImage", "cannot attach the file image");
    return H5::H5File("in-memory", H5F_ACC_RDONLY, H5::FileCreatPropList::DEFAULT, access);
}

std::vector<std::uint64_t> dims(const H5::DataSet& ds) {
    const H5::DataSpace space = ds.getSpace();
    const int rank = space.getSimpleExtentNdims();
    std::vector<hsize_t> d(static_cast<std::size_t>(rank > 0 ? rank : 0));
    if (rank > 0) space.getSimpleExtentDims(d.data());
    return {d.begin(), d.end()};
}

std::uint64_t checkedCount(const H5::DataSet& ds, std::uint64_t bound, std::uint64_t elementBytes,
                           const std::string& context, const std::string& field) {
    const std::vector<std::uint64_t> d = dims(ds);
    const std::uint64_t n = checkedProduct(d, bound, context, "dataset '" + field + "'");
    // bound <= 2^31 and elementBytes <= 8 in every caller: no overflow.
    const std::uint64_t fileBytes = n * std::max<std::uint64_t>(ds.getDataType().getSize(), 1);
    checkStoredBytes(std::max(fileBytes, n * elementBytes), ds.getStorageSize(), context,
                     "dataset '" + field + "' of shape " + shapeText(d));
    return n;
}

}  // namespace bithep::io::h5
