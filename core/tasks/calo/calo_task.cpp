// Registers the calorimeter shower task with the task registry.
#include "core/tasks/task_registry.h"

namespace bithep::tasks::calo {

void registerTask(TaskRegistry& registry) {
    registry.add({"calo", "Calorimeter showers",
                  "Generate electromagnetic showers in the CaloChallenge dataset-1 photon calorimeter "
                  "(368 voxels, official binning) with a parametrized simulator, read and write the "
                  "CaloChallenge HDF5 format, and compare generated showers with reference showers "
                  "through the challenge's high-level features and separation powers."});
}

}  // namespace bithep::tasks::calo
