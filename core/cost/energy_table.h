#pragma once
// Energy per elementary operation and per 64-bit weight fetch, in picojoules. The default is
// Horowitz's 45 nm table (ISSCC 2014), the convention quantization papers quote; a 7 nm preset
// (as tabulated by Jouppi et al., ISCA 2021) shows how the balance shifts on a modern node.
// Users edit any entry; the table travels with every cost export.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace bithep::cost {

struct EnergyTable {
    std::string name;
    double int8Add = 0.03;
    double int32Add = 0.1;
    double int8Mult = 0.2;
    double fp32Add = 0.9;
    double fp32Mult = 3.7;
    double sramPer64Bit = 20.0;   // 32 kB SRAM read
    double dramPer64Bit = 1300.0; // DRAM read (lower end of the 1.3–2.6 nJ range)

    static EnergyTable horowitz45nm();
    static EnergyTable jouppi7nm();
    static std::vector<EnergyTable> presets();

    // Throws std::invalid_argument naming a negative or non-finite entry.
    void validate() const;
    nlohmann::json toJson() const;
    // Missing keys keep the Horowitz defaults; bad values throw std::invalid_argument.
    static EnergyTable fromJson(const nlohmann::json& j);
};

}  // namespace bithep::cost
