#pragma once
// Structure-aware fuzzing of HDF5 files. Raw-byte mutation of the container mostly exercises
// libhdf5's own decoder (whose 1.10 release leaks and makes terabyte allocations on damaged
// object headers), not our readers. So each harness writes a valid file with the project's own
// writer and then lets the fuzzer edit it through the HDF5 API: delete objects and attributes,
// rewrite attributes with any type, shape and value (JSON strings spliced), and replace datasets
// with any type and shape, huge ones included (chunked and never written, as an attacker's 6 kB
// file would be). The reader then sees every structural variant a hostile file can express.
#include <fuzzer/FuzzedDataProvider.h>

#include <map>
#include <string>

namespace bithep::fuzz {

// Applies up to maxEdits fuzzer-chosen edits to an HDF5 file image, in memory (core driver), and
// returns the edited image.
std::string mutateHdf5(const std::string& image, FuzzedDataProvider& fdp, int maxEdits = 4);

// The bytes of the file that write(path) makes, made once per key and kept: the harnesses start
// every input from one of a few files our writers made, so each run pays only for the edits and
// the read.
template <class Write>
const std::string& baseFile(int key, Write write);

// A file name in a RAM-backed folder of this process.
std::string scratchFile(const std::string& name);
std::string readFileBytes(const std::string& path);

template <class Write>
const std::string& baseFile(int key, Write write) {
    static std::map<int, std::string> cache;
    auto it = cache.find(key);
    if (it == cache.end()) {
        const std::string path = scratchFile("base-" + std::to_string(key) + ".h5");
        write(path);
        it = cache.emplace(key, readFileBytes(path)).first;
    }
    return it->second;
}

}  // namespace bithep::fuzz
