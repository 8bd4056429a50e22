#pragma once
// One generated sample judged against the held-out reference showers, CaloChallenge style:
// every high-level feature's histogram with its separation power, the classifier AUC on
// high-level features and on low-level voxels, and the mean layer energies per incident energy.
#include <functional>

#include "core/tasks/calo/classifier_test.h"
#include "core/tasks/calo/feature_comparison.h"
#include "core/tasks/calo/layer_response.h"

namespace bithep::tasks::calo {

struct CaloEvaluation {
    FeatureComparisonSet features;
    double aucHighLevel = 0.5, aucLowLevel = 0.5;
    LayerResponse referenceResponse, generatedResponse;  // binned by the reference's energies
    double layerResponseDeviation = 0;
};

struct CaloReference {
    const CaloDataset* showers = nullptr;
    const ShowerGeometry* geometry = nullptr;
    HighLevelFeatures features;
};

CaloEvaluation evaluateShowers(const CaloReference& reference, const CaloDataset& generated,
                               const ClassifierTestConfig& classifier,
                               const std::function<bool()>& cancelled = {});

}  // namespace bithep::tasks::calo
