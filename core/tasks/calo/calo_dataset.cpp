// CaloChallenge HDF5 files: incident_energies (N, 1) and showers (N, voxels), MeV.
#include "core/tasks/calo/calo_dataset.h"

#include <H5Cpp.h>
#include <cmath>
#include <stdexcept>

#include "core/io/hdf5_image.h"
#include "core/io/size_limits.h"
#include "core/platform/atomic_file.h"

namespace bithep::tasks::calo {

namespace {

void requireFloatType(const H5::DataSet& ds, const std::string& name, const std::string& context) {
    if (ds.getTypeClass() != H5T_FLOAT && ds.getTypeClass() != H5T_INTEGER)
        throw std::runtime_error(context + ": '" + name + "' is not a numeric dataset");
}

CaloDataset readUnchecked(const H5::H5File& file, std::size_t expectedVoxels, const std::string& context) {
    for (const char* name : {"incident_energies", "showers"})
        if (!file.nameExists(name))
            throw std::runtime_error(context + ": dataset '" + std::string(name) +
                                     "' missing (CaloChallenge files hold incident_energies and showers)");
    const H5::DataSet energies = file.openDataSet("incident_energies");
    const H5::DataSet showers = file.openDataSet("showers");
    requireFloatType(energies, "incident_energies", context);
    requireFloatType(showers, "showers", context);
    const auto eDims = io::h5::dims(energies), sDims = io::h5::dims(showers);
    const bool energyShapeOk = (eDims.size() == 2 && eDims[1] == 1) || eDims.size() == 1;
    if (!energyShapeOk) throw std::runtime_error(context + ": 'incident_energies' must have shape (N, 1)");
    if (sDims.size() != 2) throw std::runtime_error(context + ": 'showers' must have shape (N, voxels)");
    if (sDims[0] != eDims[0])
        throw std::runtime_error(context + ": " + std::to_string(sDims[0]) + " showers but " +
                                 std::to_string(eDims[0]) + " incident energies");
    if (expectedVoxels != 0 && sDims[1] != expectedVoxels)
        throw std::runtime_error(context + ": showers have " + std::to_string(sDims[1]) +
                                 " voxels, the chosen geometry has " + std::to_string(expectedVoxels));
    if (sDims[1] > io::SizeBounds::kVoxelsPerShower)
        throw std::runtime_error(context + ": showers have " + std::to_string(sDims[1]) +
                                 " voxels, more than the bound of " + std::to_string(io::SizeBounds::kVoxelsPerShower));
    const std::uint64_t values =
        io::h5::checkedCount(showers, io::SizeBounds::kArrayElements, sizeof(float), context, "showers");
    io::h5::checkedCount(energies, io::SizeBounds::kArrayElements, sizeof(float), context, "incident_energies");
    CaloDataset d;
    d.voxels = sDims[1];
    d.incidentEnergies.resize(eDims[0]);
    d.showers.resize(values);
    if (!d.incidentEnergies.empty()) energies.read(d.incidentEnergies.data(), H5::PredType::NATIVE_FLOAT);
    if (!d.showers.empty()) showers.read(d.showers.data(), H5::PredType::NATIVE_FLOAT);
    return d;
}

}  // namespace

void CaloDataset::validate(const std::string& context) const {
    if (voxels == 0) throw std::runtime_error(context + ": zero voxels per shower");
    if (showers.size() != incidentEnergies.size() * voxels)
        throw std::runtime_error(context + ": " + std::to_string(showers.size()) + " voxel values for " +
                                 std::to_string(size()) + " showers of " + std::to_string(voxels) +
                                 " voxels");
    for (std::size_t i = 0; i < size(); ++i) {
        const float e = incidentEnergies[i];
        if (!std::isfinite(e) || e <= 0.0f)
            throw std::runtime_error(context + ": incident energy of shower " + std::to_string(i) + " is " +
                                     std::to_string(e) + " MeV (must be positive and finite)");
    }
    for (std::size_t k = 0; k < showers.size(); ++k) {
        const float v = showers[k];
        if (std::isfinite(v) && v >= 0.0f) continue;
        const std::string what =
            std::isfinite(v) ? "negative energy " + std::to_string(v) + " MeV" : "NaN or infinite energy";
        throw std::runtime_error(context + ": " + what + " in shower " + std::to_string(k / voxels) +
                                 ", voxel " + std::to_string(k % voxels));
    }
}

void CaloDataset::writeHdf5(const std::filesystem::path& path) const {
    validate("calorimeter showers for '" + path.string() + "'");
    platform::writeAtomically(path, [&](const std::filesystem::path& tmp) {
        try {
            H5::Exception::dontPrint();
            H5::H5File file(tmp.string(), H5F_ACC_TRUNC);
            const hsize_t eDims[2] = {size(), 1};
            const hsize_t sDims[2] = {size(), voxels};
            H5::DataSet es =
                file.createDataSet("incident_energies", H5::PredType::IEEE_F32LE, H5::DataSpace(2, eDims));
            if (size() > 0) es.write(incidentEnergies.data(), H5::PredType::NATIVE_FLOAT);
            H5::DataSet ss = file.createDataSet("showers", H5::PredType::IEEE_F32LE, H5::DataSpace(2, sDims));
            if (size() > 0) ss.write(showers.data(), H5::PredType::NATIVE_FLOAT);
        } catch (const H5::Exception& e) {
            throw std::runtime_error("cannot write calorimeter showers '" + path.string() +
                                     "': " + e.getDetailMsg());
        }
    });
}

namespace {

template <class Open>
CaloDataset readChecked(const std::string& context, std::size_t expectedVoxels, Open open) {
    CaloDataset d;
    try {
        H5::Exception::dontPrint();
        d = readUnchecked(open(), expectedVoxels, context);
    } catch (const H5::Exception& e) {
        throw std::runtime_error(context + ": not a readable HDF5 file, or truncated (" + e.getDetailMsg() +
                                 ")");
    } catch (const std::bad_alloc&) {
        throw std::runtime_error(context + ": does not fit in memory");
    }
    d.validate(context);
    return d;
}

}  // namespace

CaloDataset CaloDataset::readHdf5(const std::filesystem::path& path, std::size_t expectedVoxels) {
    const std::string context = "CaloChallenge file '" + path.string() + "'";
    if (!std::filesystem::exists(path)) throw std::runtime_error(context + ": file does not exist");
    return readChecked(context, expectedVoxels, [&] { return H5::H5File(path.string(), H5F_ACC_RDONLY); });
}

CaloDataset CaloDataset::readHdf5Image(std::string_view bytes, const std::string& name, std::size_t expectedVoxels) {
    return readChecked("CaloChallenge file '" + name + "'", expectedVoxels, [&] { return io::h5::openImage(bytes); });
}

}  // namespace bithep::tasks::calo
