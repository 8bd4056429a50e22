#include "core/tasks/joi/joi_dataset.h"

#include <H5Cpp.h>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/io/hdf5_attributes.h"
#include "core/io/hdf5_image.h"
#include "core/platform/atomic_file.h"

namespace bithep::tasks::joi {

namespace {

constexpr const char* kFormat = "bithep-joi-1";
constexpr const char* kWhat = "joi dataset";

void writeArray(H5::H5File& file, const char* name, const std::vector<float>& values, std::size_t jets,
                std::size_t particles) {
    const hsize_t dims[3] = {jets, particles, 4};
    // Deflated in chunks of up to 256 jets: the zero padding compresses away (as bithep-qg-1).
    H5::DSetCreatPropList compressed;
    if (jets > 0 && particles > 0) {
        const hsize_t chunk[3] = {std::min<hsize_t>(jets, 256), particles, 4};
        compressed.setChunk(3, chunk);
        compressed.setDeflate(4);
    }
    H5::DataSet ds = file.createDataSet(name, H5::PredType::IEEE_F32LE, H5::DataSpace(3, dims), compressed);
    if (!values.empty()) ds.write(values.data(), H5::PredType::NATIVE_FLOAT);
}

JoiDataset readUnchecked(const std::filesystem::path& path, const std::string& context) {
    const H5::H5File file(path.string(), H5F_ACC_RDONLY);
    const H5::Group root = file.openGroup("/");
    const std::string format = io::h5::readString(root, "format", kWhat, path);
    if (format != kFormat)
        throw std::runtime_error(context + ": format '" + format + "', expected '" + kFormat + "'");
    for (const char* name : {"particles", "tracks", "labels"})
        if (!file.nameExists(name))
            throw std::runtime_error(context + ": dataset '/" + std::string(name) + "' missing");
    const H5::DataSet particles = file.openDataSet("particles"), tracks = file.openDataSet("tracks"),
                      labels = file.openDataSet("labels");
    const auto pDims = io::h5::dims(particles), tDims = io::h5::dims(tracks), lDims = io::h5::dims(labels);
    if (pDims.size() != 3 || pDims[2] != 4)
        throw std::runtime_error(context + ": '/particles' must have shape (N, M, 4)");
    if (tDims != pDims) throw std::runtime_error(context + ": '/tracks' must have the shape of '/particles'");
    if (lDims.size() != 1 || lDims[0] != pDims[0])
        throw std::runtime_error(context +
                                 ": '/labels' must have shape (N,) with N = " + std::to_string(pDims[0]));
    JoiDataset d;
    auto& k = d.kinematics;
    k.jets = pDims[0];
    k.maxParticles = pDims[1];
    k.particles.resize(k.jets * k.maxParticles * 4);
    d.tracks.resize(k.particles.size());
    d.origins.resize(k.jets);
    if (!k.particles.empty()) {
        particles.read(k.particles.data(), H5::PredType::NATIVE_FLOAT);
        tracks.read(d.tracks.data(), H5::PredType::NATIVE_FLOAT);
    }
    if (!d.origins.empty()) labels.read(d.origins.data(), H5::PredType::NATIVE_UINT8);
    k.labels.resize(k.jets);
    for (std::size_t j = 0; j < k.jets; ++j) k.labels[j] = d.origins[j] != 10 ? 1 : 0;
    k.pidKnown = true;
    k.seed = io::h5::readScalar<std::uint64_t>(root, "seed", H5::PredType::NATIVE_UINT64, kWhat, path);
    k.generatorConfig = io::h5::readString(root, "generator_config", kWhat, path);
    k.source = io::h5::readString(root, "source", kWhat, path);
    return d;
}

}  // namespace

void JoiDataset::validate(const std::string& context) const {
    kinematics.validate(context);
    if (tracks.size() != kinematics.particles.size())
        throw std::runtime_error(context + ": track array has " + std::to_string(tracks.size()) +
                                 " values, expected " + std::to_string(kinematics.particles.size()));
    if (origins.size() != jets())
        throw std::runtime_error(context + ": " + std::to_string(origins.size()) + " labels for " +
                                 std::to_string(jets()) + " jets");
    for (std::size_t i = 0; i < tracks.size(); ++i) {
        if (!std::isfinite(tracks[i]) || (i % 4 >= 2 && tracks[i] < 0.0f))
            throw std::runtime_error(
                context + ": invalid track value (non-finite or negative error) in jet " +
                std::to_string(i / (4 * std::max<std::size_t>(kinematics.maxParticles, 1))));
    }
    for (std::size_t j = 0; j < origins.size(); ++j)
        if (origins[j] >= physics::kOriginCount)
            throw std::runtime_error(context + ": label " + std::to_string(origins[j]) + " of jet " +
                                     std::to_string(j) + " is outside 0..10");
}

JoiDataset JoiDataset::fromJets(const std::vector<physics::FlavourJet>& jets, const std::string& configJson,
                                std::uint64_t seed) {
    JoiDataset d;
    auto& k = d.kinematics;
    k.jets = jets.size();
    for (const auto& jet : jets) k.maxParticles = std::max(k.maxParticles, jet.particles.size());
    k.particles.assign(k.jets * k.maxParticles * 4, 0.0f);
    d.tracks.assign(k.particles.size(), 0.0f);
    k.labels.resize(k.jets);
    d.origins.resize(k.jets);
    for (std::size_t j = 0; j < k.jets; ++j) {
        d.origins[j] = static_cast<std::uint8_t>(jets[j].origin);
        k.labels[j] = jets[j].origin != 10 ? 1 : 0;
        for (std::size_t i = 0; i < jets[j].particles.size(); ++i) {
            const auto& p = jets[j].particles[i];
            float* row = k.particles.data() + (j * k.maxParticles + i) * 4;
            row[0] = static_cast<float>(p.pt);
            row[1] = static_cast<float>(p.y);
            row[2] = static_cast<float>(p.phi);
            row[3] = static_cast<float>(p.pid);
            float* t = d.tracks.data() + (j * k.maxParticles + i) * 4;
            t[0] = static_cast<float>(p.d0);
            t[1] = static_cast<float>(p.z0);
            t[2] = static_cast<float>(p.sigmaD0);
            t[3] = static_cast<float>(p.sigmaZ0);
        }
    }
    k.generatorConfig = configJson;
    k.seed = seed;
    k.source = "generator";
    return d;
}

void JoiDataset::writeHdf5(const std::filesystem::path& path) const {
    validate("joi dataset for '" + path.string() + "'");
    platform::writeAtomically(path, [&](const std::filesystem::path& tmp) {
        try {
            H5::Exception::dontPrint();
            H5::H5File file(tmp.string(), H5F_ACC_TRUNC);
            writeArray(file, "particles", kinematics.particles, jets(), kinematics.maxParticles);
            writeArray(file, "tracks", tracks, jets(), kinematics.maxParticles);
            const hsize_t lDims[1] = {jets()};
            H5::DataSet ls = file.createDataSet("labels", H5::PredType::STD_U8LE, H5::DataSpace(1, lDims));
            if (!origins.empty()) ls.write(origins.data(), H5::PredType::NATIVE_UINT8);
            H5::Group root = file.openGroup("/");
            io::h5::writeString(root, "format", kFormat);
            const auto& names = physics::originNames();
            io::h5::writeString(root, "class_names",
                                nlohmann::json(std::vector<std::string>(names.begin(), names.end())).dump());
            io::h5::writeString(root, "generator_config", kinematics.generatorConfig);
            io::h5::writeString(root, "source", kinematics.source);
            io::h5::writeScalar(root, "seed", H5::PredType::STD_U64LE, kinematics.seed);
        } catch (const H5::Exception& e) {
            throw std::runtime_error("cannot write joi dataset '" + path.string() + "': " + e.getDetailMsg());
        }
    });
}

JoiDataset JoiDataset::readHdf5(const std::filesystem::path& path) {
    const std::string context = "joi dataset '" + path.string() + "'";
    if (!std::filesystem::exists(path)) throw std::runtime_error(context + ": file does not exist");
    JoiDataset d;
    try {
        H5::Exception::dontPrint();
        d = readUnchecked(path, context);
    } catch (const H5::Exception& e) {
        throw std::runtime_error(context + ": not a readable HDF5 file (" + e.getDetailMsg() + ")");
    }
    d.validate(context);
    return d;
}

}  // namespace bithep::tasks::joi
