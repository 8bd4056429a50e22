#include "core/cost/energy_table.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace bithep::cost {

namespace {
struct Field {
    const char* key;
    double EnergyTable::*member;
};
constexpr Field kFields[] = {
    {"int8_add_pj", &EnergyTable::int8Add},   {"int32_add_pj", &EnergyTable::int32Add},
    {"int8_mult_pj", &EnergyTable::int8Mult}, {"fp32_add_pj", &EnergyTable::fp32Add},
    {"fp32_mult_pj", &EnergyTable::fp32Mult}, {"sram_per_64bit_pj", &EnergyTable::sramPer64Bit},
    {"dram_per_64bit_pj", &EnergyTable::dramPer64Bit},
};
}  // namespace

EnergyTable EnergyTable::horowitz45nm() {
    EnergyTable t;
    t.name = "Horowitz 45 nm";
    return t;
}

EnergyTable EnergyTable::jouppi7nm() {
    EnergyTable t;
    t.name = "7 nm (Jouppi et al. 2021)";
    t.int8Add = 0.007;
    t.int32Add = 0.03;
    t.int8Mult = 0.07;
    t.fp32Add = 0.38;
    t.fp32Mult = 1.31;
    t.sramPer64Bit = 7.5;
    t.dramPer64Bit = 1300.0;  // off-chip access barely scales with the logic node
    return t;
}

std::vector<EnergyTable> EnergyTable::presets() { return {horowitz45nm(), jouppi7nm()}; }

void EnergyTable::validate() const {
    for (const auto& f : kFields) {
        const double v = this->*f.member;
        if (!std::isfinite(v) || v < 0)
            throw std::invalid_argument(std::string("energy table '") + name + "': " + f.key +
                                        " must be a finite non-negative number");
    }
}

nlohmann::json EnergyTable::toJson() const {
    nlohmann::json j;
    j["name"] = name;
    for (const auto& f : kFields) j[f.key] = this->*f.member;
    return j;
}

EnergyTable EnergyTable::fromJson(const nlohmann::json& j) {
    if (!j.is_object()) throw std::invalid_argument("energy table: expected a JSON object");
    EnergyTable t = horowitz45nm();
    if (j.contains("name")) {
        if (!j["name"].is_string()) throw std::invalid_argument("energy table: 'name' must be a string");
        t.name = j["name"].get<std::string>();
    }
    for (const auto& f : kFields) {
        if (!j.contains(f.key)) continue;
        if (!j[f.key].is_number())
            throw std::invalid_argument(std::string("energy table: '") + f.key + "' must be a number");
        t.*f.member = j[f.key].get<double>();
    }
    t.validate();
    return t;
}

}  // namespace bithep::cost
