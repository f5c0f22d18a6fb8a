// ASCII case folding. Registry key and value names compare case-insensitively; the names COM
// uses are ASCII, and the registry's own folding of other characters is not needed here.
#pragma once

#include <string>
#include <string_view>

namespace comreg::text {

/// `s` with A-Z lowered.
[[nodiscard]] inline std::string fold_case(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// Equal but for ASCII case.
[[nodiscard]] inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace comreg::text
