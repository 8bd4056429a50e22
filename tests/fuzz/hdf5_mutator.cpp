#include "tests/fuzz/hdf5_mutator.h"

#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace bithep::fuzz {

namespace {

// Names our readers look for, so edits hit the fields that matter more often than chance would.
const std::vector<std::string> kAttributeNames = {
    "format", "version", "format_version", "model_config", "quant_plan", "layers", "plan", "provenance", "pid_known",
    "seed", "generator_config", "source", "shape", "precision", "activation_bits", "scale", "bits_per_weight", "type",
    "step_count", "learning_rate"};
const std::vector<std::string> kDatasetNames = {"particles", "labels", "showers", "incident_energies", "weights",
                                                "weights_packed", "bias"};

struct Objects {
    std::vector<std::string> all, datasets;
};

herr_t collect(hid_t, const char* name, const H5O_info_t* info, void* data) {
    auto* objects = static_cast<Objects*>(data);
    objects->all.emplace_back(name);
    if (info->type == H5O_TYPE_DATASET) objects->datasets.emplace_back(name);
    return 0;
}

template <class T>
const T& pick(FuzzedDataProvider& fdp, const std::vector<T>& from) {
    return from[fdp.ConsumeIntegralInRange<std::size_t>(0, from.size() - 1)];
}

hid_t pickType(FuzzedDataProvider& fdp) {
    const hid_t types[] = {H5T_NATIVE_FLOAT, H5T_NATIVE_DOUBLE, H5T_NATIVE_UINT8, H5T_NATIVE_INT8,
                           H5T_NATIVE_INT32, H5T_NATIVE_INT64,  H5T_NATIVE_UINT64};
    return types[fdp.ConsumeIntegralInRange<int>(0, 6)];
}

hsize_t pickExtent(FuzzedDataProvider& fdp, hsize_t original) {
    switch (fdp.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: return original;
    case 1: return original + 1;
    case 2: return original > 0 ? original - 1 : 0;
    case 3: return hsize_t(1) << 31;
    case 4: return (hsize_t(1) << 62) + 1;
    case 5: return fdp.ConsumeIntegral<std::uint32_t>();
    case 6: return 1025;
    default: return fdp.ConsumeIntegralInRange<hsize_t>(0, 16);
    }
}

// Values for n elements of `type`: raw fuzzer bytes, so NaN, infinities and negatives appear.
std::vector<unsigned char> values(FuzzedDataProvider& fdp, hid_t type, std::size_t n) {
    std::vector<unsigned char> bytes(n * H5Tget_size(type));
    const auto given = fdp.ConsumeBytes<unsigned char>(bytes.size());
    std::copy(given.begin(), given.end(), bytes.begin());
    // Mostly plausible numbers: small positive floats, so deeper checks are reached.
    if (!bytes.empty() && fdp.ConsumeBool() && H5Tequal(type, H5T_NATIVE_FLOAT) > 0)
        for (std::size_t i = 0; i < n; ++i) {
            const float v = float(bytes[i * 4] % 100) * 0.5f;
            std::memcpy(&bytes[i * 4], &v, 4);
        }
    return bytes;
}

std::string splice(FuzzedDataProvider& fdp, const std::string& original) {
    if (original.empty() || fdp.ConsumeBool()) return fdp.ConsumeRandomLengthString(512);
    const std::size_t at = fdp.ConsumeIntegralInRange<std::size_t>(0, original.size());
    const std::size_t len = fdp.ConsumeIntegralInRange<std::size_t>(0, original.size() - at);
    return original.substr(0, at) + fdp.ConsumeRandomLengthString(64) + original.substr(at + len);
}

std::string stringAttribute(hid_t object, const char* name) {
    if (H5Aexists(object, name) <= 0) return {};
    const hid_t a = H5Aopen(object, name, H5P_DEFAULT);
    const hid_t t = H5Aget_type(a);
    std::string out;
    if (H5Tget_class(t) == H5T_STRING && H5Tis_variable_str(t) > 0 &&
        H5Sget_simple_extent_npoints(H5Aget_space(a)) == 1) {
        char* text = nullptr;
        const hid_t mem = H5Tcopy(H5T_C_S1);
        H5Tset_size(mem, H5T_VARIABLE);
        if (H5Aread(a, mem, &text) >= 0 && text) out = text;
        H5free_memory(text);
        H5Tclose(mem);
    }
    H5Tclose(t);
    H5Aclose(a);
    return out;
}

void setAttribute(hid_t object, FuzzedDataProvider& fdp) {
    const std::string name = fdp.ConsumeBool() ? pick(fdp, kAttributeNames) : fdp.ConsumeRandomLengthString(16);
    if (name.empty()) return;
    const std::string previous = stringAttribute(object, name.c_str());
    if (H5Aexists(object, name.c_str()) > 0) H5Adelete(object, name.c_str());
    const hsize_t n = fdp.ConsumeIntegralInRange<hsize_t>(0, 3);
    const hid_t space = n == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &n, nullptr);
    const std::size_t count = n == 0 ? 1 : std::size_t(n);
    if (fdp.ConsumeBool()) {  // a variable-length string, usually the old value spliced
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, H5T_VARIABLE);
        std::vector<std::string> texts(count);
        std::vector<const char*> pointers;
        for (auto& t : texts) pointers.push_back((t = splice(fdp, previous)).c_str());
        const hid_t a = H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
        if (a >= 0) H5Awrite(a, type, pointers.data()), H5Aclose(a);
        H5Tclose(type);
    } else {
        const hid_t type = pickType(fdp);
        const auto bytes = values(fdp, type, count);
        const hid_t a = H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
        if (a >= 0) H5Awrite(a, type, bytes.data()), H5Aclose(a);
    }
    H5Sclose(space);
}

void replaceDataset(hid_t file, const std::string& path, FuzzedDataProvider& fdp) {
    std::vector<hsize_t> original;
    if (H5Lexists(file, path.c_str(), H5P_DEFAULT) > 0) {
        const hid_t ds = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
        if (ds >= 0) {
            const hid_t space = H5Dget_space(ds);
            original.resize(std::size_t(std::max(H5Sget_simple_extent_ndims(space), 0)));
            H5Sget_simple_extent_dims(space, original.data(), nullptr);
            H5Sclose(space);
            H5Dclose(ds);
        }
        H5Ldelete(file, path.c_str(), H5P_DEFAULT);
    }
    const int rank = fdp.ConsumeBool() && !original.empty() ? int(original.size()) : fdp.ConsumeIntegralInRange<int>(0, 3);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    double total = 1.0;
    for (int i = 0; i < rank; ++i) {
        dims[std::size_t(i)] = pickExtent(fdp, std::size_t(i) < original.size() ? original[std::size_t(i)] : 4);
        total *= double(dims[std::size_t(i)]);
    }
    const hid_t type = pickType(fdp);
    const hid_t space = rank == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(rank, dims.data(), nullptr);
    const hid_t props = H5Pcreate(H5P_DATASET_CREATE);
    const bool small = total <= 4096.0;
    if (!small) {  // chunks of one element, never written: a few kB whatever the shape
        const std::vector<hsize_t> chunk(std::size_t(rank), 1);
        H5Pset_chunk(props, rank, chunk.data());
    }
    const hid_t ds = H5Dcreate2(file, path.c_str(), type, space, H5P_DEFAULT, props, H5P_DEFAULT);
    if (ds >= 0) {
        if (small && total > 0) {
            const auto bytes = values(fdp, type, std::size_t(total));
            H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data());
        }
        H5Dclose(ds);
    }
    H5Pclose(props);
    H5Sclose(space);
}

}  // namespace

std::string mutateHdf5(const std::string& image, FuzzedDataProvider& fdp, int maxEdits) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    const hid_t access = H5Pcreate(H5P_FILE_ACCESS);
    H5Pset_fapl_core(access, 1 << 16, false);
    H5Pset_file_image(access, const_cast<char*>(image.data()), image.size());
    const hid_t file = H5Fopen("fuzz-image", H5F_ACC_RDWR, access);
    H5Pclose(access);
    if (file < 0) return image;
    Objects objects;
    H5Ovisit(file, H5_INDEX_NAME, H5_ITER_NATIVE, collect, &objects);  // "." is the root
    const int edits = fdp.ConsumeIntegralInRange<int>(0, maxEdits);
    for (int e = 0; e < edits && !objects.all.empty(); ++e) {
        const std::string target = pick(fdp, objects.all);
        switch (fdp.ConsumeIntegralInRange<int>(0, 3)) {
        case 0:
            if (target != ".") H5Ldelete(file, target.c_str(), H5P_DEFAULT);
            break;
        case 1: {
            const hid_t object = H5Oopen(file, target.c_str(), H5P_DEFAULT);
            if (object < 0) break;
            H5O_info_t info;
            if (H5Oget_info2(object, &info, H5O_INFO_NUM_ATTRS) >= 0 && info.num_attrs > 0)
                H5Adelete_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_NATIVE,
                                 fdp.ConsumeIntegralInRange<hsize_t>(0, info.num_attrs - 1), H5P_DEFAULT);
            H5Oclose(object);
            break;
        }
        case 2: {
            const hid_t object = H5Oopen(file, target.c_str(), H5P_DEFAULT);
            if (object < 0) break;
            setAttribute(object, fdp);
            H5Oclose(object);
            break;
        }
        default: {
            std::string ds = objects.datasets.empty() || fdp.ConsumeBool() ? pick(fdp, kDatasetNames) : pick(fdp, objects.datasets);
            replaceDataset(file, ds, fdp);
            break;
        }
        }
        objects = {};
        H5Ovisit(file, H5_INDEX_NAME, H5_ITER_NATIVE, collect, &objects);
    }
    H5Fflush(file, H5F_SCOPE_GLOBAL);
    std::string edited(static_cast<std::size_t>(std::max<ssize_t>(H5Fget_file_image(file, nullptr, 0), 0)), '\0');
    if (!edited.empty()) H5Fget_file_image(file, edited.data(), edited.size());
    H5Fclose(file);
    return edited.empty() ? image : edited;
}

std::string scratchFile(const std::string& name) {
    // Removed when the process exits (libFuzzer ends a timed run with exit()).
    struct Folder {
        std::filesystem::path path = std::filesystem::path("/dev/shm") / ("bithep-fuzz-" + std::to_string(::getpid()));
        Folder() { std::filesystem::create_directories(path); }
        ~Folder() {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    };
    static const Folder folder;
    return (folder.path / name).string();
}

std::string readFileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace bithep::fuzz
