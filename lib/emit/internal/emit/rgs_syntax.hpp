// The lexical rules of ATL registrar scripts shared by the writer and the reader: which names
// need quotes, and how a quoted string is written ('…' with ' doubled).
#pragma once

#include <string>
#include <string_view>

#include "core/ascii.hpp"

namespace comreg::rgs {

/// Words the registrar reads as keywords wherever a key or value name may stand.
[[nodiscard]] inline bool is_keyword(std::string_view word) {
  return text::iequals(word, "noremove") || text::iequals(word, "forceremove") ||
         text::iequals(word, "delete") || text::iequals(word, "val");
}

/// The registrar splits unquoted text at white space only, so "{CLSID}" is one bare name.
[[nodiscard]] inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// Appends 'text' with every ' doubled.
inline void append_quoted(std::string& out, std::string_view s) {
  out += '\'';
  for (char c : s) {
    out += c;
    if (c == '\'') out += c;
  }
  out += '\'';
}

/// Whether the registrar reads `name` back unchanged without quotes.
[[nodiscard]] inline bool is_bare(std::string_view name) {
  bool bare = !name.empty() && !is_keyword(name) && name.front() != '\'' && name != "{" &&
              name != "}" && name != "=";
  for (char c : name) bare = bare && !is_space(c);
  return bare;
}

}  // namespace comreg::rgs
