// Splitting a registry path into its key names, shared by the stores that keep their own tree
// (MemoryBackend, HiveBackend).
#pragma once

#include <string_view>
#include <vector>

namespace comreg {

/// The non-empty names between backslashes: "HKCU\\Software\\\\X\\" -> HKCU, Software, X.
[[nodiscard]] inline std::vector<std::string_view> split_key_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t sep = path.find('\\', start);
    const std::string_view part =
        path.substr(start, sep == std::string_view::npos ? path.npos : sep - start);
    if (!part.empty()) parts.push_back(part);
    if (sep == std::string_view::npos) break;
    start = sep + 1;
  }
  return parts;
}

}  // namespace comreg
