// Feature histograms and both classifier tests for one generated sample.
#include "core/tasks/calo/calo_evaluation.h"

namespace bithep::tasks::calo {

CaloEvaluation evaluateShowers(const CaloReference& reference, const CaloDataset& generated,
                               const ClassifierTestConfig& classifier,
                               const std::function<bool()>& cancelled) {
    CaloEvaluation e;
    const HighLevelFeatures g = computeHighLevelFeatures(generated, *reference.geometry);
    e.features = compareFeatures(reference.features, g, *reference.showers, generated, *reference.geometry);
    const std::vector<double> edges = responseBinEdges(reference.showers->incidentEnergies);
    e.referenceResponse = layerResponse(*reference.showers, *reference.geometry, edges);
    e.generatedResponse = layerResponse(generated, *reference.geometry, edges);
    e.layerResponseDeviation = layerResponseDeviation(e.referenceResponse, e.generatedResponse);
    e.aucHighLevel =
        runClassifierTest(highLevelRows(reference.features), highLevelRows(g), classifier, cancelled).auc;
    e.aucLowLevel =
        runClassifierTest(lowLevelRows(*reference.showers), lowLevelRows(generated), classifier, cancelled)
            .auc;
    return e;
}

}  // namespace bithep::tasks::calo
