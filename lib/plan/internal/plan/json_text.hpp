// JSON text written directly, for reports too large to build as a document first: the same
// bytes nlohmann's dump(2) writes (UTF-8 kept, control characters escaped).
#pragma once

#include <string>
#include <string_view>

#include "comreg/core/registry_value.hpp"
#include "core/json_text.hpp"  // append_json_string

namespace comreg {

/// value_data_json(v) (plan/value_json.hpp) as dump(2) writes it as a member of an object
/// whose members are indented by `indent`.
void append_value_data_json(std::string& out, const RegValue& v, std::string_view indent);

}  // namespace comreg
