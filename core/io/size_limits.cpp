#include "core/io/size_limits.h"

#include <stdexcept>
#include <vector>

namespace bithep::io {

std::string shapeText(std::span<const std::uint64_t> dims) {
    std::string s = "(";
    for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + (dims.size() == 1 ? ",)" : ")");
}

std::uint64_t checkedProduct(std::span<const std::uint64_t> dims, std::uint64_t bound, const std::string& context,
                             const std::string& field) {
    std::uint64_t n = 1;
    bool zero = false;
    for (const std::uint64_t d : dims) zero = zero || d == 0;
    for (const std::uint64_t d : dims) {
        // With a zero extent the product is zero whatever the others are; still refuse absurd ones.
        if (d > bound || (!zero && n > bound / d))
            throw std::runtime_error(context + ": " + field + " of shape " + shapeText(dims) + " has more than " +
                                     std::to_string(bound) + " elements (the bound for this format)");
        if (!zero) n *= d;
    }
    return zero ? 0 : n;
}

std::uint64_t checkedProduct(std::initializer_list<std::uint64_t> dims, std::uint64_t bound,
                             const std::string& context, const std::string& field) {
    const std::vector<std::uint64_t> v(dims);
    return checkedProduct(std::span<const std::uint64_t>(v), bound, context, field);
}

void checkStoredBytes(std::uint64_t declaredBytes, std::uint64_t storedBytes, const std::string& context,
                      const std::string& field) {
    if (declaredBytes <= SizeBounds::kUncheckedBytes) return;
    if (storedBytes == 0 || declaredBytes / storedBytes > SizeBounds::kMaxExpansion)
        throw std::runtime_error(context + ": " + field + " declares " + std::to_string(declaredBytes) +
                                 " bytes of data but the file stores only " + std::to_string(storedBytes) +
                                 " (more than " + std::to_string(SizeBounds::kMaxExpansion) +
                                 "x expansion: never written, or a decompression bomb)");
}

}  // namespace bithep::io
