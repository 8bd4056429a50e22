#include "core/tasks/jet_common/jet_dataset.h"

#include <H5Cpp.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/io/hdf5_attributes.h"
#include "core/io/hdf5_image.h"
#include "core/io/npz_reader.h"
#include "core/io/size_limits.h"
#include "core/platform/atomic_file.h"

namespace bithep::tasks::jet_common {

namespace {

constexpr const char* kFormat = "bithep-qg-1";

// Files written before the attributes became variable-length strings (samples made before
// December 2026) store an empty string as " ": HDF5's fixed-length strings cannot be empty.
std::string readTextAttribute(const H5::H5Object& obj, const char* name, const std::string& context) {
    const std::string value = io::h5::readString(obj, name, context);
    return value == " " ? std::string() : value;
}

void requireNumeric(const H5::DataSet& ds, const std::string& name, const std::string& context) {
    if (ds.getTypeClass() != H5T_FLOAT && ds.getTypeClass() != H5T_INTEGER)
        throw std::runtime_error(context + ": '/" + name + "' is not a numeric dataset");
}

JetDataset readHdf5Unchecked(const H5::H5File& file, const std::string& context) {
    const H5::Group root = file.openGroup("/");
    const std::string format = io::h5::readString(root, "format", context);
    if (format != kFormat) throw std::runtime_error(context + ": format '" + format + "', expected '" + kFormat + "'");
    for (const char* name : {"particles", "labels"})
        if (!file.nameExists(name)) throw std::runtime_error(context + ": dataset '/" + std::string(name) + "' missing");
    const H5::DataSet particles = file.openDataSet("particles");
    const H5::DataSet labels = file.openDataSet("labels");
    requireNumeric(particles, "particles", context);
    requireNumeric(labels, "labels", context);
    const auto pDims = io::h5::dims(particles), lDims = io::h5::dims(labels);
    if (pDims.size() != 3 || pDims[2] != 4)
        throw std::runtime_error(context + ": '/particles' must have shape (N, M, 4), not " + io::shapeText(pDims));
    if (pDims[1] > io::SizeBounds::kParticlesPerJet)
        throw std::runtime_error(context + ": '/particles' pads jets to " + std::to_string(pDims[1]) +
                                 " particles, more than the bound of " +
                                 std::to_string(io::SizeBounds::kParticlesPerJet));
    if (lDims.size() != 1 || lDims[0] != pDims[0])
        throw std::runtime_error(context + ": '/labels' must have shape (N,) with N = " + std::to_string(pDims[0]));
    const std::uint64_t values =
        io::h5::checkedCount(particles, io::SizeBounds::kArrayElements, sizeof(float), context, "particles");
    io::h5::checkedCount(labels, io::SizeBounds::kArrayElements, 1, context, "labels");
    JetDataset d;
    d.jets = pDims[0];
    d.maxParticles = pDims[1];
    d.particles.resize(values);
    d.labels.resize(d.jets);
    if (!d.particles.empty()) particles.read(d.particles.data(), H5::PredType::NATIVE_FLOAT);
    if (!d.labels.empty()) labels.read(d.labels.data(), H5::PredType::NATIVE_UINT8);
    d.pidKnown = io::h5::readScalar<std::uint8_t>(root, "pid_known", H5::PredType::NATIVE_UINT8, context) != 0;
    d.seed = io::h5::readScalar<std::uint64_t>(root, "seed", H5::PredType::NATIVE_UINT64, context);
    d.generatorConfig = readTextAttribute(root, "generator_config", context);
    d.source = readTextAttribute(root, "source", context);
    return d;
}

template <class Open>
JetDataset readHdf5Checked(const std::string& context, Open open) {
    JetDataset d;
    try {
        H5::Exception::dontPrint();
        d = readHdf5Unchecked(open(), context);
    } catch (const H5::Exception& e) {
        throw std::runtime_error(context + ": not a readable HDF5 file (" + e.getDetailMsg() + ")");
    } catch (const std::bad_alloc&) {
        throw std::runtime_error(context + ": does not fit in memory");
    }
    d.validate(context);
    return d;
}

}  // namespace

std::size_t JetDataset::multiplicity(std::size_t jet) const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < maxParticles; ++i) n += particle(jet, i)[0] > 0.0f;
    return n;
}

void JetDataset::validate(const std::string& context) const {
    if (maxParticles > io::SizeBounds::kParticlesPerJet)
        throw std::runtime_error(context + ": jets padded to " + std::to_string(maxParticles) +
                                 " particles, more than the bound of " +
                                 std::to_string(io::SizeBounds::kParticlesPerJet));
    if (jets > io::SizeBounds::kArrayElements || particles.size() != jets * maxParticles * 4)
        throw std::runtime_error(context + ": particle array has " + std::to_string(particles.size()) +
                                 " values, expected N*M*4 = " + std::to_string(jets * maxParticles * 4));
    if (labels.size() != jets)
        throw std::runtime_error(context + ": " + std::to_string(labels.size()) + " labels for " +
                                 std::to_string(jets) + " jets");
    for (std::size_t i = 0; i < particles.size(); ++i) {
        if (!std::isfinite(particles[i]))
            throw std::runtime_error(context + ": non-finite particle value at jet " +
                                     std::to_string(i / (4 * std::max<std::size_t>(maxParticles, 1))));
        if (i % 4 == 0 && particles[i] < 0.0f)
            throw std::runtime_error(context + ": negative pT in jet " + std::to_string(i / (4 * maxParticles)));
    }
    for (std::size_t j = 0; j < jets; ++j)
        if (multiplicity(j) == 0)
            throw std::runtime_error(context + ": jet " + std::to_string(j) +
                                     " has no particles (every row is padding with pT = 0)");
    for (std::size_t j = 0; j < jets; ++j)
        if (labels[j] > 1)
            throw std::runtime_error(context + ": label " + std::to_string(labels[j]) + " of jet " +
                                     std::to_string(j) + " is not 0 (gluon) or 1 (quark)");
}

JetDataset JetDataset::read(const std::filesystem::path& path) {
    return path.extension() == ".npz" ? readNpz(path) : readHdf5(path);
}

void JetDataset::dropPid() {
    for (std::size_t row = 0; row < jets * maxParticles; ++row) particles[row * 4 + 3] = 0.0f;
    pidKnown = false;
}

std::string JetDataset::pidNotice() const {
    return pidKnown ? std::string()
                    : "PID unknown: the particle-id column of '" + source +
                          "' is zero everywhere, so charge and particle-type features are disabled.";
}

JetDataset JetDataset::fromJets(const std::vector<physics::Jet>& jets, const std::string& configJson,
                              std::uint64_t seed) {
    JetDataset d;
    d.jets = jets.size();
    for (const auto& jet : jets) d.maxParticles = std::max(d.maxParticles, jet.particles.size());
    d.particles.assign(d.jets * d.maxParticles * 4, 0.0f);
    d.labels.resize(d.jets);
    for (std::size_t j = 0; j < d.jets; ++j) {
        d.labels[j] = jets[j].isQuark ? 1 : 0;
        for (std::size_t i = 0; i < jets[j].particles.size(); ++i) {
            const auto& p = jets[j].particles[i];
            float* row = d.particles.data() + (j * d.maxParticles + i) * 4;
            row[0] = static_cast<float>(p.pt);
            row[1] = static_cast<float>(p.y);
            row[2] = static_cast<float>(p.phi);
            row[3] = static_cast<float>(p.pid);
        }
    }
    d.generatorConfig = configJson;
    d.seed = seed;
    d.source = "generator";
    return d;
}

void JetDataset::writeHdf5(const std::filesystem::path& path) const {
    validate("qg dataset for '" + path.string() + "'");
    platform::writeAtomically(path, [&](const std::filesystem::path& tmp) {
        try {
            H5::Exception::dontPrint();
            H5::H5File file(tmp.string(), H5F_ACC_TRUNC);
            const hsize_t pDims[3] = {jets, maxParticles, 4};
            const hsize_t lDims[1] = {jets};
            // Deflate in chunks of up to 256 jets: the zero padding of short jets makes up most
            // of the array and compresses away (about 4x smaller files), and h5py reads it as is.
            H5::DSetCreatPropList compressed;
            if (jets > 0 && maxParticles > 0) {
                const hsize_t chunk[3] = {std::min<hsize_t>(jets, 256), maxParticles, 4};
                compressed.setChunk(3, chunk);
                compressed.setDeflate(4);
            }
            H5::DataSet ps = file.createDataSet("particles", H5::PredType::IEEE_F32LE, H5::DataSpace(3, pDims), compressed);
            if (!particles.empty()) ps.write(particles.data(), H5::PredType::NATIVE_FLOAT);
            H5::DataSet ls = file.createDataSet("labels", H5::PredType::STD_U8LE, H5::DataSpace(1, lDims));
            if (!labels.empty()) ls.write(labels.data(), H5::PredType::NATIVE_UINT8);
            H5::Group root = file.openGroup("/");
            io::h5::writeString(root, "format", kFormat);
            io::h5::writeString(root, "generator_config", generatorConfig);
            io::h5::writeString(root, "source", source);
            const std::uint8_t pid = pidKnown ? 1 : 0;
            root.createAttribute("pid_known", H5::PredType::STD_U8LE, H5::DataSpace(H5S_SCALAR))
                .write(H5::PredType::NATIVE_UINT8, &pid);
            root.createAttribute("seed", H5::PredType::STD_U64LE, H5::DataSpace(H5S_SCALAR))
                .write(H5::PredType::NATIVE_UINT64, &seed);
        } catch (const H5::Exception& e) {
            throw std::runtime_error("cannot write qg dataset '" + path.string() + "': " + e.getDetailMsg());
        }
    });
}

JetDataset JetDataset::readHdf5(const std::filesystem::path& path) {
    const std::string context = "qg dataset '" + path.string() + "'";
    if (!std::filesystem::exists(path)) throw std::runtime_error(context + ": file does not exist");
    return readHdf5Checked(context, [&] { return H5::H5File(path.string(), H5F_ACC_RDONLY); });
}

JetDataset JetDataset::readHdf5Image(std::string_view bytes, const std::string& name) {
    return readHdf5Checked("qg dataset '" + name + "'", [&] { return io::h5::openImage(bytes); });
}

JetDataset JetDataset::readNpz(const std::filesystem::path& path, std::size_t maxJets) {
    return readNpz(io::NpzReader(path), maxJets);
}

JetDataset JetDataset::readNpz(const io::NpzReader& reader, std::size_t maxJets) {
    const std::string context = "npz file '" + reader.path().string() + "'";
    try {
        return readNpzUnchecked(reader, maxJets, context);
    } catch (const std::bad_alloc&) {
        throw std::runtime_error(context + ": does not fit in memory");
    }
}

JetDataset JetDataset::readNpzUnchecked(const io::NpzReader& reader, std::size_t maxJets, const std::string& context) {
    for (const char* name : {"X", "y"})
        if (!reader.contains(name))
            throw std::runtime_error(context + ": array '" + std::string(name) + "' missing (energyflow files hold X and y)");
    const auto xHeader = reader.header("X"), yHeader = reader.header("y");
    if (xHeader.shape.size() != 3 || xHeader.shape[2] != 4)
        throw std::runtime_error(context + ": array 'X' must have shape (N, M, 4) = pT, y, phi, pid");
    if (xHeader.shape[1] > io::SizeBounds::kParticlesPerJet)
        throw std::runtime_error(context + ": array 'X' pads jets to " + std::to_string(xHeader.shape[1]) +
                                 " particles, more than the bound of " +
                                 std::to_string(io::SizeBounds::kParticlesPerJet));
    if (yHeader.shape.size() != 1 || yHeader.shape[0] != xHeader.shape[0])
        throw std::runtime_error(context + ": array 'y' must have shape (N,) with N = " + std::to_string(xHeader.shape[0]) +
                                 " like 'X'");
    xHeader.count(context + ", array 'X'");  // overflow and bound checked before reading
    auto x = reader.read<float>("X");
    const auto y = reader.read<double>("y");
    JetDataset d;
    d.jets = maxJets > 0 ? std::min(maxJets, xHeader.shape[0]) : xHeader.shape[0];
    d.maxParticles = xHeader.shape[1];
    x.values.resize(d.jets * d.maxParticles * 4);
    d.particles = std::move(x.values);
    d.labels.resize(d.jets);
    for (std::size_t j = 0; j < d.jets; ++j) {
        if (y.values[j] != 0.0 && y.values[j] != 1.0)
            throw std::runtime_error(context + ": label y[" + std::to_string(j) + "] = " + std::to_string(y.values[j]) +
                                     " is not 0 (gluon) or 1 (quark)");
        d.labels[j] = y.values[j] == 1.0 ? 1 : 0;
    }
    d.pidKnown = false;
    for (std::size_t i = 3; i < d.particles.size() && !d.pidKnown; i += 4) d.pidKnown = d.particles[i] != 0.0f;
    d.source = reader.path().filename().string();
    d.validate(context);
    return d;
}

}  // namespace bithep::tasks::jet_common
