#include "plan/json_text.hpp"

#include "core/hex.hpp"
#include "core/json_text.hpp"

namespace comreg {

void append_value_data_json(std::string& out, const RegValue& v, std::string_view indent) {
  switch (v.type) {
    case RegType::sz:
    case RegType::expand_sz:
      append_json_string(out, v.text);
      return;
    case RegType::dword:
    case RegType::qword:
      out += std::to_string(v.number);
      return;
    case RegType::multi_sz: {
      if (v.strings.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      const char* separator = "\n";
      for (const auto& s : v.strings) {
        out += separator;
        separator = ",\n";
        out += indent;
        out += "  ";
        append_json_string(out, s);
      }
      out += '\n';
      out += indent;
      out += ']';
      return;
    }
    default: {
      out += '"';
      text::append_hex(out, v.raw_bytes());
      out += '"';
    }
  }
}

}  // namespace comreg
