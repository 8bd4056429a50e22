#pragma once
// Shared by the libFuzzer harnesses: the contract every loader keeps on hostile input is "return,
// or throw std::runtime_error / std::invalid_argument with a message". Anything else — another
// exception type escaping (std::bad_alloc, a library's own exception, std::out_of_range), a crash,
// undefined behaviour, a leak or memory beyond the run's limit — is a finding, and the harness
// aborts so libFuzzer records the input.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>

namespace bithep::fuzz {

template <class Fn>
void expectHandled(Fn&& fn) {
    try {
        fn();
    } catch (const std::invalid_argument&) {
    } catch (const std::runtime_error&) {
    } catch (const std::exception& e) {
        std::fprintf(stderr, "finding: %s escaped: %s\n", typeid(e).name(), e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "finding: a non-std exception escaped\n");
        std::abort();
    }
}

// The input as a file that never touches the disk (memfd), for loaders that take a path.
class MemoryFile {
public:
    explicit MemoryFile(std::string_view bytes) {
        m_fd = ::memfd_create("bithep-fuzz", 0);
        if (m_fd < 0) std::abort();
        for (std::size_t done = 0; done < bytes.size();) {
            const ssize_t k = ::write(m_fd, bytes.data() + done, bytes.size() - done);
            if (k <= 0) std::abort();
            done += static_cast<std::size_t>(k);
        }
        m_path = "/proc/self/fd/" + std::to_string(m_fd);
    }
    ~MemoryFile() { ::close(m_fd); }
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    const std::string& path() const { return m_path; }

private:
    int m_fd = -1;
    std::string m_path;
};

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace bithep::fuzz
