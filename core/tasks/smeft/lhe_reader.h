#pragma once
// Les Houches event files (plain or gzip) with MadGraph reweighting weights, for the truth-level
// SMEFT scan on events from a real matrix-element generator. Reads the <initrwgt> weight names,
// and per <event> the particle record (HEPEUP: id, status, mothers, colours, px py pz E m) and
// the <rwgt> weights. For a coefficient, w0, w1 = (w₊ − w₋)/2 and w2 = (w₊ + w₋)/2 − w0 come from
// the SM point and the points at c = ±1; the decay-plane angle of a V (its first daughter's
// azimuth around the V direction from the production plane, modulo π, as in the generator) is
// computed from the record. Malformed input throws std::runtime_error naming the file and line:
// a field that is not entirely a finite number, an <event> left open, a line over 1 MiB, corrupt
// or truncated gzip data, a gzip stream that expands beyond the size rule (size_limits.h), or a
// V whose momentum is unphysical. The file is streamed, never held in memory whole.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/tasks/smeft/smeft_dataset.h"

namespace bithep::tasks::smeft {

struct LheParticle {
    int id = 0, status = 0, mother1 = 0, mother2 = 0;  // mothers are 1-based, 0 = none
    double px = 0, py = 0, pz = 0, e = 0, m = 0;
};

struct LheEvent {
    double weight = 0;  // XWGTUP
    std::vector<LheParticle> particles;
    std::map<std::string, double> reweights;  // <wgt id="..."> values
    std::size_t line = 0;                     // line of the <event> tag, for messages
};

struct LheFile {
    std::vector<std::string> weightIds;  // from <initrwgt>, in file order
    std::vector<LheEvent> events;
};

LheFile readLhe(const std::filesystem::path& path);

struct LheEftWeights {
    std::string smId, plusId, minusId;  // reweighting ids of c = 0, +1, −1
};

// Events with a V (|id| 23 or 24) decaying to two quarks (hadronic = true) or two leptons, as
// SmeftEvents: truth φ and cos θ*, pT_V (also as jetPt, for the pT binning), w0, w1, w2 in the
// file's weight units times `scale` (e.g. pb → fb: 1000 / number of events for MadGraph's
// averaged weights). Events without such a V are skipped; a missing weight id throws naming it.
SmeftDataset lheToDataset(const LheFile& file, const LheEftWeights& ids, bool hadronic, double scale,
                          const std::string& source);

}  // namespace bithep::tasks::smeft
