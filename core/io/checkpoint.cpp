#include "core/io/checkpoint.h"

#include <H5Cpp.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/io/hdf5_attributes.h"
#include "core/nn/bit_linear.h"
#include "core/platform/atomic_file.h"

namespace bithep::io {

namespace {

constexpr const char* kFormat = "bithep-checkpoint";
constexpr int kVersion = 1;

// Library errors become one readable message naming the file; HDF5's own stack print is off.
[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
    throw std::runtime_error("checkpoint " + file.string() + ": " + what);
}

void writeMatrix(H5::Group& g, const std::string& name, const tensor::Matrix& m) {
    const hsize_t dims[2] = {static_cast<hsize_t>(m.rows()), static_cast<hsize_t>(m.cols())};
    g.createDataSet(name, H5::PredType::NATIVE_FLOAT, H5::DataSpace(2, dims)).write(m.data(), H5::PredType::NATIVE_FLOAT);
}

tensor::Matrix readMatrix(const H5::Group& g, const std::string& group, const std::string& name, tensor::Index rows,
                          tensor::Index cols, const std::filesystem::path& file) {
    if (!g.nameExists(name)) fail(file, "missing dataset " + group + "/" + name);
    const H5::DataSet ds = g.openDataSet(name);
    const H5::DataSpace space = ds.getSpace();
    hsize_t dims[2] = {0, 0};
    if (space.getSimpleExtentNdims() != 2) fail(file, "dataset " + group + "/" + name + " is not 2-dimensional");
    space.getSimpleExtentDims(dims);
    if (dims[0] != static_cast<hsize_t>(rows) || dims[1] != static_cast<hsize_t>(cols)) {
        fail(file, "dataset " + group + "/" + name + " has shape " +
                       tensor::shapeString(static_cast<tensor::Index>(dims[0]), static_cast<tensor::Index>(dims[1])) +
                       ", the model expects " + tensor::shapeString(rows, cols));
    }
    if (ds.getTypeClass() != H5T_FLOAT) fail(file, "dataset " + group + "/" + name + " is not floating point");
    tensor::Matrix m(rows, cols);
    ds.read(m.data(), H5::PredType::NATIVE_FLOAT);
    return m;
}

std::string layersJson(nn::Module& model) {
    nlohmann::json j = nlohmann::json::object();
    for (auto& [path, l] : model.modulesOfType<nn::BitLinear>()) {
        j[path] = {{"precision", quant::toString(l->precision())},
                   {"activation_bits", quant::toString(l->activationBits())},
                   {"variant", quant::toString(l->config().variant)}};
    }
    return j.dump();
}

CheckpointInfo readInfo(const H5::H5File& f, const std::filesystem::path& file) {
    if (!f.attrExists("format") || h5::readString(f, "format", "checkpoint", file) != kFormat) {
        fail(file, "not a BitHEP checkpoint (attribute 'format' is not '" + std::string(kFormat) + "')");
    }
    const int version = h5::readScalar<int>(f, "version", H5::PredType::NATIVE_INT, "checkpoint", file);
    if (version != kVersion) fail(file, "unsupported checkpoint version " + std::to_string(version));
    CheckpointInfo info;
    info.modelConfigJson = h5::readString(f, "model_config", "checkpoint", file);
    const std::string plan = h5::readString(f, "quant_plan", "checkpoint", file);
    if (!plan.empty()) {
        try {
            info.plan = quant::QuantPlan::fromJson(plan);
        } catch (const std::invalid_argument& e) {
            fail(file, std::string("attribute 'quant_plan': ") + e.what());
        }
    }
    if (f.nameExists("optimizer")) {
        const H5::Group g = f.openGroup("optimizer");
        info.optimizerType = h5::readString(g, "type", "checkpoint", file);
        info.optimizerSteps = h5::readScalar<long>(g, "step_count", H5::PredType::NATIVE_LONG, "checkpoint", file);
    }
    return info;
}

using LayerConfigs = std::vector<std::pair<nn::BitLinear*, nn::BitLinearConfig>>;

LayerConfigs readLayerConfigs(const H5::H5File& f, nn::Module& model, const std::filesystem::path& file) {
    nlohmann::json layers;
    try {
        layers = nlohmann::json::parse(h5::readString(f, "layers", "checkpoint", file));
    } catch (const nlohmann::json::exception& e) {
        fail(file, std::string("attribute 'layers' is not valid JSON (") + e.what() + ")");
    }
    LayerConfigs configs;
    for (auto& [path, l] : model.modulesOfType<nn::BitLinear>()) {
        if (!layers.contains(path)) fail(file, "attribute 'layers' has no entry for layer '" + path + "'");
        try {
            const auto& e = layers[path];
            nn::BitLinearConfig c;
            c.precision = quant::precisionFromString(e.at("precision").get<std::string>());
            c.activationBits = quant::activationBitsFromString(e.at("activation_bits").get<std::string>());
            c.variant = quant::variantFromString(e.at("variant").get<std::string>());
            configs.emplace_back(l, c);
        } catch (const std::exception& e) {
            fail(file, "attribute 'layers', layer '" + path + "': " + e.what());
        }
    }
    return configs;
}

std::vector<tensor::Matrix> readOptimizerState(const H5::H5File& f, const train::Optimizer& optimizer,
                                               const std::string& storedType,
                                               const std::vector<std::pair<std::string, tensor::Matrix*>>& slots,
                                               const std::filesystem::path& file) {
    if (storedType != optimizer.typeName()) {
        fail(file, "optimizer state is for " + storedType + ", not " + optimizer.typeName());
    }
    const H5::Group og = f.openGroup("optimizer");
    std::vector<tensor::Matrix> state;
    for (const auto& [name, m] : slots) {
        const auto slash = name.find('/');
        const std::string slot = name.substr(0, slash);
        if (!og.nameExists(slot)) fail(file, "missing optimizer slot /optimizer/" + slot);
        state.push_back(readMatrix(og.openGroup(slot), "optimizer/" + slot, name.substr(slash + 1), m->rows(), m->cols(), file));
    }
    return state;
}

template <class Fn>
auto withFile(const std::filesystem::path& file, Fn fn) {
    H5::Exception::dontPrint();
    if (!std::filesystem::exists(file)) fail(file, "file does not exist");
    try {
        if (!H5::H5File::isHdf5(file.string())) fail(file, "not an HDF5 file (or truncated)");
        const H5::H5File f(file.string(), H5F_ACC_RDONLY);
        return fn(f);
    } catch (const H5::Exception& e) {
        fail(file, "unreadable, probably corrupt or truncated (" + e.getDetailMsg() + ")");
    }
}

}  // namespace

void saveCheckpoint(const std::filesystem::path& file, nn::Module& model, const std::string& modelConfigJson,
                    const quant::QuantPlan* plan, train::Optimizer* optimizer) {
    H5::Exception::dontPrint();
    platform::writeAtomically(file, [&](const std::filesystem::path& tmp) {
        try {
            H5::H5File f(tmp.string(), H5F_ACC_TRUNC);
            h5::writeString(f, "format", kFormat);
            h5::writeScalar(f, "version", H5::PredType::NATIVE_INT, kVersion);
            h5::writeString(f, "model_config", modelConfigJson);
            h5::writeString(f, "quant_plan", plan ? plan->toJson() : std::string());
            h5::writeString(f, "layers", layersJson(model));
            H5::Group params = f.createGroup("parameters");
            for (const auto& [path, v] : model.namedParameters()) writeMatrix(params, path, v.value());
            H5::Group buffers = f.createGroup("buffers");
            for (const auto& [path, b] : model.namedBuffers()) writeMatrix(buffers, path, *b);
            if (optimizer) {
                H5::Group g = f.createGroup("optimizer");
                h5::writeString(g, "type", optimizer->typeName());
                h5::writeScalar(g, "step_count", H5::PredType::NATIVE_LONG, optimizer->stepCount());
                h5::writeScalar(g, "learning_rate", H5::PredType::NATIVE_FLOAT, optimizer->learningRate());
                for (const auto& [name, m] : optimizer->stateBuffers()) {
                    const auto slash = name.find('/');
                    const std::string slot = name.substr(0, slash);
                    if (!g.nameExists(slot)) g.createGroup(slot);
                    H5::Group sg = g.openGroup(slot);
                    writeMatrix(sg, name.substr(slash + 1), *m);
                }
            }
            f.close();
        } catch (const H5::Exception& e) {
            fail(file, "writing failed (" + e.getDetailMsg() + ")");
        }
    });
}

CheckpointInfo readCheckpointInfo(const std::filesystem::path& file) {
    return withFile(file, [&](const H5::H5File& f) { return readInfo(f, file); });
}

CheckpointInfo loadCheckpoint(const std::filesystem::path& file, nn::Module& model, train::Optimizer* optimizer) {
    return withFile(file, [&](const H5::H5File& f) {
        CheckpointInfo info = readInfo(f, file);
        // Read and check everything first; assign only when the whole file is consistent.
        std::vector<tensor::Matrix> params, buffers, optState;
        const auto named = model.namedParameters();
        if (!f.nameExists("parameters")) fail(file, "missing group /parameters");
        const H5::Group pg = f.openGroup("parameters");
        if (pg.getNumObjs() != named.size()) {
            fail(file, "holds " + std::to_string(pg.getNumObjs()) + " parameters, the model has " + std::to_string(named.size()));
        }
        for (const auto& [path, v] : named) params.push_back(readMatrix(pg, "parameters", path, v.rows(), v.cols(), file));
        const auto namedBuf = model.namedBuffers();
        if (!namedBuf.empty()) {
            if (!f.nameExists("buffers")) fail(file, "missing group /buffers");
            const H5::Group bg = f.openGroup("buffers");
            for (const auto& [path, b] : namedBuf) buffers.push_back(readMatrix(bg, "buffers", path, b->rows(), b->cols(), file));
        }
        const auto configs = readLayerConfigs(f, model, file);
        std::vector<std::pair<std::string, tensor::Matrix*>> slots;
        if (optimizer && !info.optimizerType.empty()) {
            slots = optimizer->stateBuffers();
            optState = readOptimizerState(f, *optimizer, info.optimizerType, slots, file);
        }
        for (size_t i = 0; i < named.size(); ++i) autograd::Var(named[i].second).mutableValue() = params[i];
        for (size_t i = 0; i < namedBuf.size(); ++i) *namedBuf[i].second = buffers[i];
        for (auto& [l, c] : configs) l->setConfig(c);
        for (size_t i = 0; i < slots.size(); ++i) *slots[i].second = optState[i];
        if (optimizer && !info.optimizerType.empty()) optimizer->setStepCount(info.optimizerSteps);
        return info;
    });
}

}  // namespace bithep::io
