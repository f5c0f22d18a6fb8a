// A registry value in the JSON reports (plan, apply, verify): one shape everywhere, so tools
// can compare them without parsing display strings.
#pragma once

#include <nlohmann/json.hpp>

#include "comreg/core/registry_value.hpp"

namespace comreg {

/// The value's data: strings as text, DWORD/QWORD as numbers, MULTI_SZ as an array of strings,
/// any other type as lower-case hex of its raw bytes.
inline nlohmann::ordered_json value_data_json(const RegValue& v) {
  switch (v.type) {
    case RegType::sz:
    case RegType::expand_sz:
      return v.text;
    case RegType::dword:
    case RegType::qword:
      return v.number;
    case RegType::multi_sz:
      return v.strings;
    default: {
      static const char digits[] = "0123456789abcdef";
      std::string hex;
      for (const auto b : v.raw_bytes()) {
        hex.push_back(digits[b >> 4]);
        hex.push_back(digits[b & 15]);
      }
      return hex;
    }
  }
}

/// {"type": "REG_SZ", "value": …}
inline nlohmann::ordered_json typed_value_json(const RegValue& v) {
  nlohmann::ordered_json j;
  j["type"] = reg_type_name(v.type);
  j["value"] = value_data_json(v);
  return j;
}

}  // namespace comreg
