#include "plan/json_text.hpp"

#include <nlohmann/json.hpp>

#include "core/utf.hpp"

namespace comreg {

void append_json_string(std::string& out, std::string_view s) {
  if (text::find_invalid_utf8(s) != std::string_view::npos) {
    // nlohmann's own error (type_error 316), word for word.
    (void)nlohmann::ordered_json(std::string(s)).dump();
  }
  static const char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    out += '\\';
    switch (c) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '\b':
        out += 'b';
        break;
      case '\f':
        out += 'f';
        break;
      case '\n':
        out += 'n';
        break;
      case '\r':
        out += 'r';
        break;
      case '\t':
        out += 't';
        break;
      default:
        out += "u00";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
  }
  out.append(s, run, s.size() - run);
  out += '"';
}

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
      static const char digits[] = "0123456789abcdef";
      out += '"';
      for (const auto b : v.raw_bytes()) {
        out += digits[b >> 4];
        out += digits[b & 15];
      }
      out += '"';
    }
  }
}

}  // namespace comreg
