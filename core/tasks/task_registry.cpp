#include "core/tasks/task_registry.h"

#include <algorithm>
#include <stdexcept>

namespace bithep::tasks {

void TaskRegistry::add(TaskDescriptor task) {
    if (task.id.empty()) throw std::invalid_argument("task registered with an empty id");
    const std::string id = task.id;
    if (!m_tasks.emplace(id, std::move(task)).second)
        throw std::invalid_argument("task '" + id + "' registered twice");
}

const TaskDescriptor* TaskRegistry::find(const std::string& id) const {
    const auto it = m_tasks.find(id);
    return it == m_tasks.end() ? nullptr : &it->second;
}

std::vector<std::string> TaskRegistry::ids() const {
    std::vector<std::string> out;
    out.reserve(m_tasks.size());
    for (const auto& [id, task] : m_tasks) out.push_back(id);
    std::stable_sort(out.begin(), out.end(), [this](const std::string& a, const std::string& b) {
        return m_tasks.at(a).order < m_tasks.at(b).order;  // ids are already in order within a rank
    });
    return out;
}

}  // namespace bithep::tasks
