#include "core/io/quantized_export.h"

#include <H5Cpp.h>

#include <set>
#include <stdexcept>

#include "core/io/hdf5_attributes.h"
#include "core/io/hdf5_image.h"
#include "core/io/size_limits.h"
#include "core/nn/linear.h"
#include "core/platform/atomic_file.h"

namespace bithep::io {

namespace {

constexpr const char* kWhat = "quantized-weight file";

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
    throw std::runtime_error(std::string(kWhat) + " " + file.string() + ": " + what);
}

template <class T>
void writeVector(H5::Group& g, const std::string& name, const std::vector<T>& v, const H5::PredType& type) {
    const hsize_t dims[1] = {v.size()};
    g.createDataSet(name, type, H5::DataSpace(1, dims)).write(v.data(), type);
}

template <class T>
std::vector<T> readVector(const H5::Group& g, const std::string& name, const H5::PredType& type, std::size_t expected,
                          const std::string& where, const std::filesystem::path& file) {
    if (!g.nameExists(name)) fail(file, "missing dataset " + where + "/" + name);
    const H5::DataSet ds = g.openDataSet(name);
    const H5::DataSpace space = ds.getSpace();
    if (space.getSimpleExtentNpoints() != static_cast<hssize_t>(expected))
        fail(file, "dataset " + where + "/" + name + " has " + std::to_string(space.getSimpleExtentNpoints()) +
                       " values, expected " + std::to_string(expected));
    h5::checkedCount(ds, SizeBounds::kArrayElements, sizeof(T), "quantized weights " + file.string(), where + "/" + name);
    std::vector<T> v(expected);
    if (expected > 0) ds.read(v.data(), type);
    return v;
}

int bitsPerWeight(quant::Precision p) {
    return p == quant::Precision::Ternary ? 2 : p == quant::Precision::Binary ? 1 : 32;
}

void writeLayer(H5::Group& layers, const std::string& path, const nn::Linear& layer) {
    H5::Group g = layers.createGroup(path);
    const auto& w = layer.weight().value();
    const quant::Precision p = layer.precision();
    const hsize_t shapeDims[1] = {2};
    const long long shape[2] = {static_cast<long long>(w.rows()), static_cast<long long>(w.cols())};
    g.createAttribute("shape", H5::PredType::NATIVE_LLONG, H5::DataSpace(1, shapeDims))
        .write(H5::PredType::NATIVE_LLONG, shape);
    h5::writeString(g, "precision", quant::toString(p));
    h5::writeString(g, "activation_bits", layer.activationBits() == quant::ActivationBits::Int8 ? "int8" : "fp32");
    h5::writeScalar(g, "bits_per_weight", H5::PredType::NATIVE_INT, bitsPerWeight(p));
    if (p == quant::Precision::Fp32) {
        const hsize_t dims[2] = {hsize_t(w.rows()), hsize_t(w.cols())};
        g.createDataSet("weights", H5::PredType::NATIVE_FLOAT, H5::DataSpace(2, dims)).write(w.data(), H5::PredType::NATIVE_FLOAT);
    } else {
        const quant::QuantizedWeights q = quant::quantizeWeights(w, p);
        h5::writeScalar(g, "scale", H5::PredType::NATIVE_FLOAT, q.beta);
        writeVector(g, "weights_packed", p == quant::Precision::Ternary ? packTernaryCodes(q.codes) : packBinaryCodes(q.codes),
                    H5::PredType::NATIVE_UINT8);
    }
    if (layer.bias().defined()) {
        const auto& b = layer.bias().value();
        writeVector(g, "bias", std::vector<float>(b.data(), b.data() + b.size()), H5::PredType::NATIVE_FLOAT);
    }
}

ExportedLayer readLayer(const H5::Group& g, const std::string& path, const std::filesystem::path& file) {
    const std::string where = "/layers/" + path;
    ExportedLayer l;
    l.path = path;
    try {
        l.precision = quant::precisionFromString(h5::readString(g, "precision", kWhat, file));
        l.activationBits = quant::activationBitsFromString(h5::readString(g, "activation_bits", kWhat, file));
    } catch (const std::invalid_argument& e) {
        fail(file, where + ": " + e.what());
    }
    if (!g.attrExists("shape")) fail(file, where + ": missing attribute 'shape'");
    long long shape[2] = {0, 0};
    const H5::Attribute a = g.openAttribute("shape");
    if (a.getSpace().getSimpleExtentNpoints() != 2) fail(file, where + ": attribute 'shape' must hold 2 values");
    a.read(H5::PredType::NATIVE_LLONG, shape);
    if (shape[0] <= 0 || shape[1] <= 0 || shape[0] > (1 << 24) || shape[1] > (1 << 24))
        fail(file, where + ": implausible shape " + std::to_string(shape[0]) + "x" + std::to_string(shape[1]));
    l.rows = int(shape[0]);
    l.cols = int(shape[1]);
    const std::size_t n = std::size_t(l.rows) * std::size_t(l.cols);
    if (l.precision == quant::Precision::Fp32) {
        l.weights = readVector<float>(g, "weights", H5::PredType::NATIVE_FLOAT, n, where, file);
    } else {
        l.scale = h5::readScalar<float>(g, "scale", H5::PredType::NATIVE_FLOAT, kWhat, file);
        const bool ternary = l.precision == quant::Precision::Ternary;
        const auto bytes = readVector<std::uint8_t>(g, "weights_packed", H5::PredType::NATIVE_UINT8,
                                                    ternary ? (n + 3) / 4 : (n + 7) / 8, where, file);
        try {
            l.codes = ternary ? unpackTernaryCodes(bytes, n) : unpackBinaryCodes(bytes, n);
        } catch (const std::invalid_argument& e) {
            fail(file, where + "/weights_packed: " + e.what());
        }
    }
    if (g.nameExists("bias")) l.bias = readVector<float>(g, "bias", H5::PredType::NATIVE_FLOAT, std::size_t(l.rows), where, file);
    return l;
}

}  // namespace

std::vector<std::uint8_t> packTernaryCodes(const std::vector<std::int8_t>& codes) {
    std::vector<std::uint8_t> bytes((codes.size() + 3) / 4, 0);
    for (std::size_t i = 0; i < codes.size(); ++i) {
        if (codes[i] < -1 || codes[i] > 1) throw std::invalid_argument("ternary code " + std::to_string(codes[i]) + " at " + std::to_string(i));
        bytes[i / 4] |= std::uint8_t((codes[i] + 1) << (2 * (i % 4)));
    }
    return bytes;
}

std::vector<std::int8_t> unpackTernaryCodes(const std::vector<std::uint8_t>& bytes, std::size_t count) {
    if (bytes.size() != (count + 3) / 4) throw std::invalid_argument("wrong number of packed bytes");
    std::vector<std::int8_t> codes(count);
    for (std::size_t i = 0; i < count; ++i) {
        const int code = (bytes[i / 4] >> (2 * (i % 4))) & 3;
        if (code == 3) throw std::invalid_argument("invalid 2-bit code 3 at weight " + std::to_string(i));
        codes[i] = std::int8_t(code - 1);
    }
    return codes;
}

std::vector<std::uint8_t> packBinaryCodes(const std::vector<std::int8_t>& codes) {
    std::vector<std::uint8_t> bytes((codes.size() + 7) / 8, 0);
    for (std::size_t i = 0; i < codes.size(); ++i) {
        if (codes[i] != 1 && codes[i] != -1) throw std::invalid_argument("binary code " + std::to_string(codes[i]) + " at " + std::to_string(i));
        if (codes[i] == 1) bytes[i / 8] |= std::uint8_t(1u << (i % 8));
    }
    return bytes;
}

std::vector<std::int8_t> unpackBinaryCodes(const std::vector<std::uint8_t>& bytes, std::size_t count) {
    if (bytes.size() != (count + 7) / 8) throw std::invalid_argument("wrong number of packed bytes");
    std::vector<std::int8_t> codes(count);
    for (std::size_t i = 0; i < count; ++i) codes[i] = (bytes[i / 8] >> (i % 8)) & 1 ? 1 : -1;
    return codes;
}

void exportQuantizedWeights(const std::filesystem::path& file, nn::Module& model, const std::string& modelConfigJson,
                            const std::string& planJson, const std::string& provenanceJson) {
    H5::Exception::dontPrint();
    platform::writeAtomically(file, [&](const std::filesystem::path& tmp) {
        H5::H5File f(tmp.string(), H5F_ACC_TRUNC);
        h5::writeString(f, "format", kQuantizedFormat);
        h5::writeScalar(f, "format_version", H5::PredType::NATIVE_INT, kQuantizedFormatVersion);
        h5::writeString(f, "model_config", modelConfigJson);
        h5::writeString(f, "plan", planJson);
        h5::writeString(f, "provenance", provenanceJson);
        H5::Group layers = f.createGroup("layers");
        std::set<std::string> exported;
        for (auto& [path, layer] : model.modulesOfType<nn::Linear>()) {
            writeLayer(layers, path, *layer);
            exported.insert(path + ".weight");
            exported.insert(path + ".bias");
        }
        H5::Group other = f.createGroup("parameters");
        for (const auto& [path, var] : model.namedParameters()) {
            if (exported.count(path)) continue;
            const auto& v = var.value();
            writeVector(other, path, std::vector<float>(v.data(), v.data() + v.size()), H5::PredType::NATIVE_FLOAT);
        }
    });
}

QuantizedModelFile readQuantizedWeights(const std::filesystem::path& file) {
    H5::Exception::dontPrint();
    if (!std::filesystem::exists(file)) fail(file, "no such file");
    QuantizedModelFile out;
    try {
        if (!H5::H5File::isHdf5(file.string())) fail(file, "not an HDF5 file");
        H5::H5File f(file.string(), H5F_ACC_RDONLY);
        if (h5::readString(f, "format", kWhat, file) != kQuantizedFormat)
            fail(file, std::string("attribute 'format' is not '") + kQuantizedFormat + "'");
        const int version = h5::readScalar<int>(f, "format_version", H5::PredType::NATIVE_INT, kWhat, file);
        if (version != kQuantizedFormatVersion) fail(file, "unsupported format_version " + std::to_string(version));
        out.modelConfigJson = h5::readString(f, "model_config", kWhat, file);
        out.planJson = h5::readString(f, "plan", kWhat, file);
        out.provenanceJson = h5::readString(f, "provenance", kWhat, file);
        if (!f.nameExists("layers")) fail(file, "missing group /layers");
        const H5::Group layers = f.openGroup("layers");
        for (hsize_t i = 0; i < layers.getNumObjs(); ++i) {
            const std::string name = layers.getObjnameByIdx(i);
            out.layers.push_back(readLayer(layers.openGroup(name), name, file));
        }
        if (f.nameExists("parameters")) {
            const H5::Group other = f.openGroup("parameters");
            for (hsize_t i = 0; i < other.getNumObjs(); ++i) {
                const std::string name = other.getObjnameByIdx(i);
                const H5::DataSet ds = other.openDataSet(name);
                std::vector<float> v(h5::checkedCount(ds, SizeBounds::kArrayElements, sizeof(float),
                                                      "quantized weights " + file.string(), "/parameters/" + name));
                if (!v.empty()) ds.read(v.data(), H5::PredType::NATIVE_FLOAT);
                out.otherParameters.emplace_back(name, std::move(v));
            }
        }
    } catch (const H5::Exception& e) {
        fail(file, "unreadable or truncated (" + e.getDetailMsg() + ")");
    } catch (const std::bad_alloc&) {
        fail(file, "does not fit in memory");
    }
    return out;
}

}  // namespace bithep::io
