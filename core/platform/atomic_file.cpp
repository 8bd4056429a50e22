#include "core/platform/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
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

// ".NAME.tmp-PID-N" → PID, or 0 when `name` is not one of our temporaries.
long temporaryOwner(const std::string& name) {
    const auto at = name.rfind(".tmp-");
    if (name.empty() || name[0] != '.' || at == std::string::npos) return 0;
    const auto dash = name.find('-', at + 5);
    if (dash == std::string::npos || dash == at + 5 || dash + 1 == name.size()) return 0;
    long pid = 0;
    for (std::size_t i = at + 5; i < dash; ++i) {
        if (name[i] < '0' || name[i] > '9' || pid > 100000000) return 0;
        pid = pid * 10 + (name[i] - '0');
    }
    for (std::size_t i = dash + 1; i < name.size(); ++i)
        if (name[i] < '0' || name[i] > '9') return 0;
    return pid;
}

}  // namespace

std::size_t removeStaleTemporaries(const std::filesystem::path& dir) {
    std::size_t removed = 0;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const long pid = temporaryOwner(it->path().filename().string());
        // Only a writer that is gone: a live process (this one included) may still be writing.
        if (pid <= 0 || pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        std::error_code ignored;
        if (it->is_regular_file(ignored) && std::filesystem::remove(it->path(), ignored)) ++removed;
    }
    return removed;
}

void writeAtomically(const std::filesystem::path& target,
                     const std::function<void(const std::filesystem::path&)>& write) {
    const auto dir = target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw std::runtime_error("cannot write '" + target.string() + "': directory '" +
                                 dir.string() + "' does not exist");
    removeStaleTemporaries(dir);  // left by a save that was killed
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
