// Key paths as a .reg file names them, made canonical: the root spelled out in full
// (HKCR -> HKEY_CLASSES_ROOT, as `reg` accepts it) and the reader's root aliases applied.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace comreg::regfile {

/// The long name of a root key given in full or abbreviated (case-insensitive), or "".
[[nodiscard]] std::string_view long_root_name(std::string_view root);

/// The abbreviation `reg` accepts for a long root name ("HKCR" for HKEY_CLASSES_ROOT), or "".
[[nodiscard]] std::string_view short_root_name(std::string_view long_root);

using Aliases = std::vector<std::pair<std::string, std::string>>;

/// True when `path` equals `prefix` or lies below it (ASCII case-insensitive).
[[nodiscard]] bool is_at_or_below(std::string_view path, std::string_view prefix);

/// `name` (the text between the brackets) with its root expanded, trailing backslashes
/// dropped and the first matching alias applied; nullopt when the root is not a registry root.
[[nodiscard]] std::optional<std::string> canonical_key(std::string_view name,
                                                       const Aliases& aliases);

}  // namespace comreg::regfile
