#pragma once
// Generator vs data: how close the built-in jets are to a real sample, observable by observable
// and class by class. For each observable (multiplicity, width, mass, p_T^D, leading-constituent
// pT fraction, LHA λ¹₀.₅, τ₂₁, and the constituents' ΔR to the axis) both samples are filled
// into one binning taken from the data, per class, and compared by the separation power
// (metrics::separationPower). The noise floor is the separation power between two random halves
// of the data, i.e. what statistics alone give at half the data's size; the single-observable
// AUCs (quark = signal, the quark-like side as in the classic cuts) are shown for both samples,
// the data's with its DeLong error. Works without PID: nothing here uses the particle type.
#include <cstdint>
#include <string>
#include <vector>

#include "core/metrics/histogram_1d.h"
#include "core/tasks/batch_run.h"
#include "core/tasks/jet_common/jet_dataset.h"

namespace bithep::tasks::qg {

struct ObservableComparison {
    std::string id, label;
    bool perJet = true;  // false: one entry per constituent (no single-observable AUC)
    // Index 0 gluon, 1 quark. Values outside the data's range are put into the edge bins.
    std::vector<metrics::Histogram1D> generated, data;
    double separation[2] = {0, 0};  // generated vs data
    double noiseFloor[2] = {0, 0};  // data half vs data half
    double meanGenerated[2] = {0, 0}, meanData[2] = {0, 0};
    double aucGenerated = 0, aucData = 0, aucDataError = 0;  // NaN for per-constituent ones
};

struct GeneratorValidation {
    std::vector<ObservableComparison> observables;
    std::size_t generatedJets[2] = {0, 0}, dataJets[2] = {0, 0};
    std::uint64_t splitSeed = 0;
    // The issue-level targets: every separation ≤ maxSeparation, every |ΔAUC| ≤ maxAucDifference.
    bool meets(double maxSeparation = 0.04, double maxAucDifference = 0.02) const;
};

// Throws std::invalid_argument when either sample lacks two jets of each class.
GeneratorValidation validateGenerator(const jet_common::JetDataset& generated, const jet_common::JetDataset& data,
                                      std::uint64_t splitSeed, std::size_t bins = 20);

// Outputs of a validation as every batch job writes them: one histogram figure per observable
// (data filled, generated as lines, both classes), bar figures of the separation powers and
// the AUCs, a summary table, one histogram table per observable, metrics JSON and a text table.
void addValidationReport(const GeneratorValidation& v, BatchOutput& out);

// `--batch qg-validate data=FILE [jets=N] [generator=CONFIG.json] [--seed S]`: generates N jets
// (default 20 000) with seed S and compares them with FILE (energyflow npz or bithep-qg-1).
BatchOutput runQgValidation(const BatchRequest& request, const BatchProgress& progress);

// The citation of the public Pythia quark/gluon dataset the energyflow files come from.
std::string pythiaQgCitation();
// Whether `source` (a file name or path) is an energyflow-layout .npz file, i.e. from that dataset.
bool isEnergyflowFile(const std::string& source);

}  // namespace bithep::tasks::qg
