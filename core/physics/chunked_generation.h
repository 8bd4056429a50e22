#pragma once
// The parallel loop of every generator (jets, SMEFT events, calorimeter showers): n items made in
// chunks of `chunkSize`, chunk k from
// its own stream RandomStream(seed, k), by up to `threads` workers, so the output depends on the
// seed only. Progress is reported per finished chunk; cancellation and the first worker
// exception stop every worker and are rethrown (GenerationCancelled for a cancel).
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/physics/jet_generator.h"

namespace bithep::physics {

// visit(index, rng) makes item `index` (0 ≤ index < n) wherever the caller keeps it. One chunk is
// visited by one worker, so per-chunk state indexed by index / chunkSize needs no lock.
template <class Visit>
void forEachInChunks(std::size_t n, std::size_t chunkSize, int threadCount, std::uint64_t seed,
                     const GenerationControl& control, const Visit& visit) {
    const std::size_t chunks = (n + chunkSize - 1) / chunkSize;
    std::atomic<std::size_t> nextChunk{0}, done{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&] {
        try {
            for (std::size_t k = nextChunk++; k < chunks && !stop; k = nextChunk++) {
                if (control.cancelled && control.cancelled()) throw GenerationCancelled();
                RandomStream rng(seed, k);
                const std::size_t end = std::min(n, (k + 1) * chunkSize);
                for (std::size_t i = k * chunkSize; i < end; ++i) visit(i, rng);
                const std::size_t finished = done += end - k * chunkSize;
                if (control.onProgress) control.onProgress(finished, n);
            }
        } catch (...) {
            std::lock_guard lock(failureMutex);
            if (!failure) failure = std::current_exception();
            stop = true;
        }
    };
    const int threads = static_cast<int>(
        std::min<std::size_t>(static_cast<std::size_t>(std::max(threadCount, 1)), std::max<std::size_t>(chunks, 1)));
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

// makeOne(index, rng) returns item `index`.
template <class T, class MakeOne>
std::vector<T> generateInChunks(std::size_t n, std::size_t chunkSize, int threadCount, std::uint64_t seed,
                                const GenerationControl& control, const MakeOne& makeOne) {
    std::vector<T> items(n);
    forEachInChunks(n, chunkSize, threadCount, seed, control,
                    [&](std::size_t i, RandomStream& rng) { items[i] = makeOne(i, rng); });
    return items;
}

}  // namespace bithep::physics
