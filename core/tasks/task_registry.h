#pragma once
// The one place the GUI and the batch CLI find physics tasks. Each task lives in
// core/tasks/<task>/ and provides `void bithep::tasks::<task>::registerTask(TaskRegistry&)`;
// CMake discovers the folders and generates the call list, so adding a task edits no other file.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/nn/module.h"
#include "core/tasks/batch_run.h"
#include "core/tasks/task_session.h"

namespace bithep::tasks {

// A freshly built model of a task, with what generic tools (cost model, timing) need to run it.
struct ModelInstance {
    std::shared_ptr<nn::Module> model;
    tensor::Index rowsPerSample = 1;  // rows of the input matrix per sample (particles per jet)
    std::string configJson;           // the model's configuration, for project files
    // Runs one forward pass over `samples` representative inputs (graph recording is off).
    std::function<void(int samples)> forward;
    // The named plan built for this instance (plans that depend on the model's layout); empty:
    // plans are looked up by name in quant::QuantPlanRegistry.
    std::function<quant::QuantPlan(const std::string& name)> plan;
};

// A further headless job of a task, run as `bithep-explorer --batch <name>` (e.g. "qg-validate").
struct TaskTool {
    std::string name, summary;
    BatchFunction run;
};

// Everything shared code may know about a task. Later fields (datasets, models, plans,
// evaluation) are added here as the engine grows; a task fills what it supports.
struct TaskDescriptor {
    std::string id;       // short, used on the command line: "qg", "smeft", "calo"
    std::string title;    // shown in the task selector
    std::string summary;  // one paragraph for tooltips and `--batch list`
    // Headless train-evaluate-report run behind `bithep-explorer --batch <id>`; empty when the
    // task has none yet.
    BatchFunction batch{};
    std::vector<std::string> models{};  // model names, the default first
    // Builds a model by name (throws std::invalid_argument listing the names for an unknown one).
    std::function<ModelInstance(const std::string& model, std::uint64_t seed)> buildModel{};
    // A fresh interactive session for the explorer; empty when the task has none yet.
    std::function<std::unique_ptr<TaskSession>()> newSession{};
    // Where the task stands in lists (lower first, then by id); the explorer opens on the first
    // task with a session.
    int order = 100;
    std::vector<TaskTool> tools{};
};

class TaskRegistry {
public:
    // Throws std::invalid_argument on an empty or duplicate id.
    void add(TaskDescriptor task);
    const TaskDescriptor* find(const std::string& id) const;
    std::vector<std::string> ids() const;  // by order, then by id
    bool empty() const { return m_tasks.empty(); }

private:
    std::map<std::string, TaskDescriptor> m_tasks;
};

// The registry holding every task compiled into this binary.
const TaskRegistry& builtinTasks();

}  // namespace bithep::tasks
