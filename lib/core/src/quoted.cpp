#include "core/quoted.hpp"

#include <cstdio>

namespace comreg {

std::string quoted(std::string_view text) {
  constexpr std::size_t shown = 80;  // bytes of a long text kept in a message
  std::string out = "'";
  std::size_t end = text.size();
  if (end > shown + 20) {
    end = shown;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  }
  for (std::size_t i = 0; i < end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (end < text.size()) out += "\xE2\x80\xA6";  // …
  out += '\'';
  return out;
}

std::size_t code_point_count(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace comreg
