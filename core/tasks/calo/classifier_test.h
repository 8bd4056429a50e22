#pragma once
// The CaloChallenge classifier two-sample test: a small MLP learns to tell reference showers
// (label 1) from generated ones (label 0); the AUC of its scores on held-out showers measures
// how distinguishable the two samples are: 0.5 = indistinguishable, 1 = fully separable.
// Inputs are standardised with the training rows' mean and spread. Two input sets as in the
// challenge: low-level (log10 E_inc and log10(1 + E_voxel/MeV) per voxel) and high-level
// (HighLevelFeatures::row). Equal numbers of each class are used (the larger is cut), split
// seeded into 60 % training, 20 % validation (best epoch kept) and 20 % test.
#include <cstdint>
#include <functional>
#include <vector>

#include "core/tasks/calo/calo_dataset.h"
#include "core/tasks/calo/shower_observables.h"
#include "core/tensor/tensor.h"

namespace bithep::tasks::calo {

struct ClassifierTestConfig {
    std::vector<int> hidden = {64, 64};
    int epochs = 12;
    int batchSize = 256;
    float learningRate = 1e-3f;
    std::uint64_t seed = 1;
};

struct ClassifierTestResult {
    double auc = 0.5;
    std::size_t trainRows = 0, testRows = 0;
    int bestEpoch = -1;
};

// Rows (N × D) of the two samples; D must agree. Throws std::invalid_argument for fewer than
// 20 rows in a sample, mismatched widths or non-finite inputs.
ClassifierTestResult runClassifierTest(const tensor::Matrix& reference, const tensor::Matrix& generated,
                                       const ClassifierTestConfig& config,
                                       const std::function<bool()>& cancelled = {});

tensor::Matrix lowLevelRows(const CaloDataset& showers);
tensor::Matrix highLevelRows(const HighLevelFeatures& features);

}  // namespace bithep::tasks::calo
