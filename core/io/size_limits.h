#pragma once
// One rule for every size that comes from a file or a setting: before anything is allocated,
// the element count is formed with an overflow-checked product, compared with a documented upper
// bound for its format, and — where the source's real size is known — with the bytes the source
// actually holds (a header may declare any shape; the data behind it is what counts). Errors
// name the file, the field and the bound, so a hostile or damaged file is a clear message, never
// a wrapped size, a zero-filled terabyte or a bare std::bad_alloc.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>

namespace bithep::io {

// Upper bounds per format, in elements (float or double values) of one array.
struct SizeBounds {
    // 2³¹ values: 8 GiB as float, a third of the largest machine we target; energyflow's largest
    // quark/gluon file is 5.6·10⁷ values.
    static constexpr std::uint64_t kArrayElements = std::uint64_t(1) << 31;
    // Particles per jet in any jet file or setting: real jets at 500 GeV carry < 200, and P-DAT's
    // pair features grow as its square.
    static constexpr std::uint64_t kParticlesPerJet = 1024;
    // Voxels per calorimeter shower: CaloChallenge dataset 3 has 40 500.
    static constexpr std::uint64_t kVoxelsPerShower = 1 << 17;
    // Below this many declared bytes no storage check is made: tiny arrays are cheap anyway.
    static constexpr std::uint64_t kUncheckedBytes = std::uint64_t(16) << 20;
    // Declared bytes per stored byte above kUncheckedBytes. Deflate cannot exceed ~1032; real
    // physics arrays (zero-padded jets included) compress 2-10x, so 256 only refuses data that
    // was never written (HDF5 fill values) or a decompression bomb.
    static constexpr std::uint64_t kMaxExpansion = 256;
};

// Product of dims, each and the result at most `bound`. Throws std::runtime_error
// "<context>: <field> (d0 x d1 x ...) has more than <bound> elements" on overflow or excess.
std::uint64_t checkedProduct(std::span<const std::uint64_t> dims, std::uint64_t bound, const std::string& context,
                             const std::string& field);
std::uint64_t checkedProduct(std::initializer_list<std::uint64_t> dims, std::uint64_t bound,
                             const std::string& context, const std::string& field);

// Refuses `declaredBytes` of data backed by only `storedBytes` in the file (see kMaxExpansion).
void checkStoredBytes(std::uint64_t declaredBytes, std::uint64_t storedBytes, const std::string& context,
                      const std::string& field);

// "(120, 7, 4)" for messages.
std::string shapeText(std::span<const std::uint64_t> dims);

}  // namespace bithep::io
