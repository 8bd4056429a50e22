#include "core/tasks/smeft/smeft_dataset.h"

#include <H5Cpp.h>
#include <cmath>
#include <stdexcept>

#include "core/io/hdf5_attributes.h"
#include "core/io/hdf5_image.h"
#include "core/platform/atomic_file.h"

namespace bithep::tasks::smeft {

namespace {

constexpr const char* kFormat = "bithep-smeft-1";
constexpr hsize_t kColumns = 4;  // pT, θ, φ, E* per constituent

// The per-event columns, stored as one float64 dataset each.
struct Column {
    const char* name;
    double SmeftEvent::*member;
};
constexpr Column kColumns64[] = {
    {"pt_v", &SmeftEvent::ptV},     {"y_v", &SmeftEvent::yV},
    {"mass_v", &SmeftEvent::massV}, {"cos_theta_star", &SmeftEvent::cosThetaStar},
    {"phi", &SmeftEvent::phi},      {"jet_pt", &SmeftEvent::jetPt},
    {"jet_y", &SmeftEvent::jetY},   {"jet_mass", &SmeftEvent::jetMass},
    {"w0", &SmeftEvent::w0},        {"w1", &SmeftEvent::w1},
    {"w2", &SmeftEvent::w2}};

void writeEvents(H5::H5File& file, const SmeftDataset& d) {
    const hsize_t n = d.events.size(), m = d.maxConstituents;
    std::vector<float> parts(n * m * kColumns, 0.0f);
    for (std::size_t e = 0; e < n; ++e) {
        const auto& cs = d.events[e].constituents;
        for (std::size_t i = 0; i < cs.size() && i < m; ++i) {
            float* row = parts.data() + (e * m + i) * kColumns;
            row[0] = static_cast<float>(cs[i].pt), row[1] = static_cast<float>(cs[i].theta);
            row[2] = static_cast<float>(cs[i].phi), row[3] = static_cast<float>(cs[i].energy);
        }
    }
    const hsize_t pDims[3] = {n, m, kColumns};
    auto ps = file.createDataSet("constituents", H5::PredType::IEEE_F32LE, H5::DataSpace(3, pDims));
    if (n) ps.write(parts.data(), H5::PredType::NATIVE_FLOAT);
    const hsize_t eDims[1] = {n};
    std::vector<double> column(n);
    for (const auto& c : kColumns64) {
        for (std::size_t e = 0; e < n; ++e) column[e] = d.events[e].*c.member;
        auto ds = file.createDataSet(c.name, H5::PredType::IEEE_F64LE, H5::DataSpace(1, eDims));
        if (n) ds.write(column.data(), H5::PredType::NATIVE_DOUBLE);
    }
    std::vector<std::int32_t> boson(n);
    for (std::size_t e = 0; e < n; ++e) boson[e] = d.events[e].boson;
    auto bs = file.createDataSet("boson", H5::PredType::STD_I32LE, H5::DataSpace(1, eDims));
    if (n) bs.write(boson.data(), H5::PredType::NATIVE_INT32);
}

SmeftDataset readUnchecked(const std::filesystem::path& path, const std::string& context) {
    const H5::H5File file(path.string(), H5F_ACC_RDONLY);
    const H5::Group root = file.openGroup("/");
    const std::string format = io::h5::readString(root, "format", "smeft dataset", path);
    if (format != kFormat)
        throw std::runtime_error(context + ": format '" + format + "', expected '" + kFormat + "'");
    auto open = [&](const char* name) {
        if (!file.nameExists(name))
            throw std::runtime_error(context + ": dataset '/" + std::string(name) + "' missing");
        return file.openDataSet(name);
    };
    const H5::DataSet ps = open("constituents");
    const auto pd = io::h5::dims(ps);
    if (pd.size() != 3 || pd[2] != kColumns)
        throw std::runtime_error(context + ": '/constituents' must be (N, M, 4)");
    SmeftDataset d;
    const std::size_t n = pd[0];
    d.maxConstituents = pd[1];
    d.events.resize(n);
    std::vector<double> column(n);
    for (const auto& c : kColumns64) {
        const H5::DataSet ds = open(c.name);
        if (io::h5::dims(ds) != std::vector<std::uint64_t>{n})
            throw std::runtime_error(context + ": '/" + std::string(c.name) + "' must have shape (" +
                                     std::to_string(n) + ",)");
        if (n) ds.read(column.data(), H5::PredType::NATIVE_DOUBLE);
        for (std::size_t e = 0; e < n; ++e) {
            if (!std::isfinite(column[e]))
                throw std::runtime_error(context + ": non-finite '" + std::string(c.name) + "' in event " +
                                         std::to_string(e));
            d.events[e].*c.member = column[e];
        }
    }
    const H5::DataSet bs = open("boson");
    if (io::h5::dims(bs) != std::vector<std::uint64_t>{n})
        throw std::runtime_error(context + ": '/boson' must have shape (N,)");
    std::vector<std::int32_t> boson(n);
    if (n) bs.read(boson.data(), H5::PredType::NATIVE_INT32);
    std::vector<float> parts(n * d.maxConstituents * kColumns);
    if (!parts.empty()) ps.read(parts.data(), H5::PredType::NATIVE_FLOAT);
    for (std::size_t e = 0; e < n; ++e) {
        d.events[e].boson = boson[e];
        for (std::size_t i = 0; i < d.maxConstituents; ++i) {
            const float* row = parts.data() + (e * d.maxConstituents + i) * kColumns;
            if (!(row[0] > 0.0f)) break;  // padding follows the real constituents
            d.events[e].constituents.push_back({row[0], row[1], row[2], row[3]});
        }
    }
    d.attempts = io::h5::readScalar<std::uint64_t>(root, "attempts", H5::PredType::NATIVE_UINT64,
                                                   "smeft dataset", path);
    d.seed =
        io::h5::readScalar<std::uint64_t>(root, "seed", H5::PredType::NATIVE_UINT64, "smeft dataset", path);
    d.generatorConfig = io::h5::readString(root, "generator_config", "smeft dataset", path);
    d.source = io::h5::readString(root, "source", "smeft dataset", path);
    return d;
}

}  // namespace

SmeftDataset SmeftDataset::fromSample(SmeftSample sample, const SmeftGeneratorConfig& config,
                                      std::uint64_t seed) {
    SmeftDataset d;
    d.events = std::move(sample.events);
    d.attempts = sample.attempts;
    d.maxConstituents = config.maxConstituents;
    d.seed = seed;
    d.generatorConfig = config.toJson();
    return d;
}

double SmeftDataset::fiducialSigmaFb() const {
    double s = 0.0;
    for (const auto& e : events) s += e.w0;
    return s;
}

void SmeftDataset::writeHdf5(const std::filesystem::path& path) const {
    platform::writeAtomically(path, [&](const std::filesystem::path& tmp) {
        try {
            H5::Exception::dontPrint();
            H5::H5File file(tmp.string(), H5F_ACC_TRUNC);
            writeEvents(file, *this);
            H5::Group root = file.openGroup("/");
            io::h5::writeString(root, "format", kFormat);
            io::h5::writeString(root, "generator_config", generatorConfig);
            io::h5::writeString(root, "source", source);
            io::h5::writeScalar(root, "seed", H5::PredType::STD_U64LE, seed);
            io::h5::writeScalar(root, "attempts", H5::PredType::STD_U64LE,
                                static_cast<std::uint64_t>(attempts));
        } catch (const H5::Exception& e) {
            throw std::runtime_error("cannot write smeft dataset '" + path.string() +
                                     "': " + e.getDetailMsg());
        }
    });
}

SmeftDataset SmeftDataset::readHdf5(const std::filesystem::path& path) {
    const std::string context = "smeft dataset '" + path.string() + "'";
    if (!std::filesystem::exists(path)) throw std::runtime_error(context + ": file does not exist");
    try {
        H5::Exception::dontPrint();
        return readUnchecked(path, context);
    } catch (const H5::Exception& e) {
        throw std::runtime_error(context + ": not a readable HDF5 file (" + e.getDetailMsg() + ")");
    }
}

}  // namespace bithep::tasks::smeft
