#include "core/platform/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace bithep::platform {

namespace {

std::filesystem::path temporaryBeside(const std::filesystem::path& target) {
    // Same directory so rename() stays on one file system and is atomic.
    static std::atomic<unsigned> counter{0};
    // Built with append: GCC 12 reports a false -Wrestrict on `"." + std::string`.
    std::string name(".");
    name.append(target.filename().string()).append(".tmp-");
    name.append(std::to_string(::getpid())).append("-").append(std::to_string(counter++));
    return target.parent_path() / name;
}

void syncToDisk(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return;  // nothing to flush we can reach; rename still gives atomicity
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

void writeAtomically(const std::filesystem::path& target,
                     const std::function<void(const std::filesystem::path&)>& write) {
    const auto dir = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw std::runtime_error("cannot write '" + target.string() + "': directory '" +
                                 dir.string() + "' does not exist");
    const auto tmp = temporaryBeside(target);
    try {
        write(tmp);
        syncToDisk(tmp);
    } catch (...) {
        std::filesystem::remove(tmp, ec);
        throw;
    }
    std::filesystem::rename(tmp, target, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw std::runtime_error("cannot write '" + target.string() + "': " + ec.message());
    }
    syncToDisk(dir);
}

void writeFileAtomically(const std::filesystem::path& target, std::string_view bytes) {
    writeAtomically(target, [&](const std::filesystem::path& tmp) {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot create '" + tmp.string() + "' to write '" + target.string() + "'");
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) throw std::runtime_error("write to '" + target.string() + "' failed (disk full?)");
    });
}

}  // namespace bithep::platform
