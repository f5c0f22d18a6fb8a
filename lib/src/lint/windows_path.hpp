// How a Windows path in a registration will be interpreted, as far as lint needs to know.
#pragma once

#include <string>
#include <string_view>

namespace comreg::lint_detail {

enum class PathForm {
  absolute,     // C:\…, \\?\C:\…
  unc,          // \\server\share\…, \\?\UNC\server\…
  variable,     // starts with %NAME% (REG_EXPAND_SZ; the variable decides)
  placeholder,  // starts with a ${name} kept unresolved: the installer decides, not checked
  relative,     // widgets.dll, bin\widgets.dll, \widgets.dll, C:widgets.dll
};

/// The path without one pair of surrounding double quotes.
[[nodiscard]] std::string_view unquoted(std::string_view path);

[[nodiscard]] PathForm classify_path(std::string_view path);

/// The leading %NAME% of a path, without the percent signs ("" if none).
[[nodiscard]] std::string_view leading_variable(std::string_view path);

/// A variable whose value differs per user (USERPROFILE, APPDATA, TEMP, …).
[[nodiscard]] bool is_per_user_variable(std::string_view name);

/// Why `path` (absolute, or starting with a machine-wide variable) is in a folder that
/// ordinary users can write by default, or "" when it is not known to be.
[[nodiscard]] std::string user_writable_reason(std::string_view path);

}  // namespace comreg::lint_detail
