// Key paths as a .reg file names them, made canonical: the root spelled out in full
// (HKCR -> HKEY_CLASSES_ROOT, as `reg` accepts it) and the reader's root aliases applied.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "comreg/core/registry_scope.hpp"

namespace comreg::regfile {

// The root key names are comreg::long_root_name() and short_root_name() (registry_scope.hpp).
using comreg::long_root_name;
using comreg::short_root_name;

using Aliases = std::vector<std::pair<std::string, std::string>>;

/// True when `path` equals `prefix` or lies below it (ASCII case-insensitive).
[[nodiscard]] bool is_at_or_below(std::string_view path, std::string_view prefix);

/// `name` (the text between the brackets) with its root expanded, trailing backslashes
/// dropped and the first matching alias applied; nullopt when the root is not a registry root.
[[nodiscard]] std::optional<std::string> canonical_key(std::string_view name,
                                                       const Aliases& aliases);

/// The same, and `aliased` set to whether an alias changed the path (a reader counts the keys a
/// file names under an aliased root without making the path a second time).
[[nodiscard]] std::optional<std::string> canonical_key(std::string_view name,
                                                       const Aliases& aliases, bool& aliased);

}  // namespace comreg::regfile
