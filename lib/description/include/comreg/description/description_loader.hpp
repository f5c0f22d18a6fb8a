// Reads and validates a description: JSON text -> Description, or every problem found.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "comreg/core/diagnostics.hpp"
#include "comreg/model/description.hpp"

namespace comreg {

/// What to do with a ${name} placeholder that has no --define.
enum class UndefinedPlaceholder : std::uint8_t {
  error,  // the default: report it (a .reg or registry write needs real paths)
  keep,   // leave "${name}" in the text (manifests only use file names)
};

struct LoadOptions {
  std::map<std::string, std::string> defines;  // --define NAME=VALUE
  /// Placeholders kept symbolic: "${name}" stays in the paths and Description::symbolic
  /// lists the names, so that the plan carries them to an installer writer (which renders its
  /// own reference) or to selfreg (the DLL's folder at run time). A name may not also be defined.
  std::set<std::string> symbolic;
  UndefinedPlaceholder undefined_placeholder = UndefinedPlaceholder::error;
  std::uint32_t max_depth = 64;  // JSON nesting limit (deeper input is refused, never recursed)
};

struct LoadResult {
  std::optional<Description> description;  // set only when diagnostics has no error
  Diagnostics diagnostics;
};

/// Parses and validates `text`; `file` is the name used in diagnostics.
[[nodiscard]] LoadResult load_description(std::string_view text, const std::string& file,
                                          const LoadOptions& options = {});

}  // namespace comreg
