#pragma once
// Atomic writes: the content goes to a temporary file beside the target, is flushed to disk,
// and replaces the target with one rename, so a crash or kill mid-write never leaves a
// half-written file and never destroys the previous version.
#include <filesystem>
#include <functional>
#include <string_view>

namespace bithep::platform {

// Calls write(tmpPath) to fill a temporary file in the target's directory, then renames it
// over target. If write throws, the temporary is removed, the target is untouched and the
// exception propagates. Throws std::runtime_error naming the file if the rename fails.
void writeAtomically(const std::filesystem::path& target,
                     const std::function<void(const std::filesystem::path& tmpPath)>& write);

// Removes temporaries (".NAME.tmp-PID-N") in dir whose writing process no longer exists: what a
// killed save leaves behind. writeAtomically calls it, so the next save into a folder cleans up.
// Returns how many were removed.
std::size_t removeStaleTemporaries(const std::filesystem::path& dir);

// Convenience for text and small binary payloads.
void writeFileAtomically(const std::filesystem::path& target, std::string_view bytes);

}  // namespace bithep::platform
