#pragma once
// Reading and writing HDF5 attributes the way every BitHEP file uses them: variable-length
// UTF-8 strings (JSON configs, names) and scalars, with errors that name the file.
#include <H5Cpp.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace bithep::io::h5 {

inline void writeString(H5::H5Object& obj, const std::string& name, const std::string& value) {
    const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    obj.createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, value);
}

template <class T>
void writeScalar(H5::H5Object& obj, const std::string& name, const H5::PredType& type, T value) {
    obj.createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, &value);
}

// HDF5 reads every element of an attribute into the buffer it is given: a scalar read of an
// attribute holding an array would write past the value. Throws unless it holds one element.
// `context` names the file in the message.
inline void requireSingleValue(const H5::Attribute& a, const std::string& name, const std::string& context) {
    if (a.getSpace().getSimpleExtentNpoints() != 1)
        throw std::runtime_error(context + ": attribute '" + name + "' must hold one value, not " +
                                 std::to_string(a.getSpace().getSimpleExtentNpoints()));
}

// Throws std::runtime_error "<context>: missing attribute '<name>'" (context names the file).
// Reads variable-length strings (what writeString writes) and fixed-length ones alike.
inline std::string readString(const H5::H5Object& obj, const std::string& name, const std::string& context) {
    if (!obj.attrExists(name)) throw std::runtime_error(context + ": missing attribute '" + name + "'");
    const H5::Attribute a = obj.openAttribute(name);
    if (a.getTypeClass() != H5T_STRING)
        throw std::runtime_error(context + ": attribute '" + name + "' is not a string");
    requireSingleValue(a, name, context);
    std::string value;
    a.read(a.getStrType(), value);
    return value;
}

inline std::string readString(const H5::H5Object& obj, const std::string& name, const std::string& what,
                              const std::filesystem::path& file) {
    return readString(obj, name, what + " " + file.string());
}

template <class T>
T readScalar(const H5::H5Object& obj, const std::string& name, const H5::PredType& type, const std::string& context) {
    if (!obj.attrExists(name)) throw std::runtime_error(context + ": missing attribute '" + name + "'");
    const H5::Attribute a = obj.openAttribute(name);
    requireSingleValue(a, name, context);
    T value{};
    a.read(type, &value);
    return value;
}

template <class T>
T readScalar(const H5::H5Object& obj, const std::string& name, const H5::PredType& type, const std::string& what,
             const std::filesystem::path& file) {
    return readScalar<T>(obj, name, type, what + " " + file.string());
}

}  // namespace bithep::io::h5
