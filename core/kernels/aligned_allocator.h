#pragma once
// A std::allocator replacement that returns 64-byte aligned storage, so packed weight tiles and
// int8 activation rows start on a cache line and the SIMD kernels never split a tile load.
#include <cstddef>
#include <new>

namespace bithep::kernels {

template <typename T, std::size_t Alignment = 64>
struct AlignedAllocator {
    using value_type = T;
    template <typename U>
    struct rebind {  // NOLINT(readability-identifier-naming): the name the allocator interface requires
        using other = AlignedAllocator<U, Alignment>;
    };

    AlignedAllocator() noexcept = default;
    template <typename U>
    AlignedAllocator(const AlignedAllocator<U, Alignment>&) noexcept {}  // NOLINT: rebind copy

    T* allocate(std::size_t n) {
        return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{Alignment}));
    }
    void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, std::align_val_t{Alignment}); }

    template <typename U>
    bool operator==(const AlignedAllocator<U, Alignment>&) const noexcept {
        return true;
    }
};

}  // namespace bithep::kernels
