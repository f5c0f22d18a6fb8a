// How Windows will read a server path of a registration, as far as lint needs to know: one
// normalizer that every path rule uses, so no spelling of a folder walks around a rule.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace comreg::lint_detail {

enum class PathForm {
  absolute,     // C:\…, \\?\C:\…, \\.\C:\…, \??\C:\…, %SystemRoot%\…
  unc,          // \\server\share\…, \\?\UNC\server\…, \\?\GLOBALROOT\Device\Mup\…
  device,       // \\?\GLOBALROOT\Device\HarddiskVolume3\…, \\?\Volume{…}\…: drive unknown
  variable,     // starts with a %NAME% lint does not know (REG_EXPAND_SZ; the variable decides)
  placeholder,  // starts with a ${name} kept unresolved: the installer decides, not checked
  relative,     // widgets.dll, bin\widgets.dll, \widgets.dll, C:widgets.dll
};

/// A path as Windows would resolve it, spelled one way: quotes dropped, known environment
/// variables expanded to their default locations, case folded, '/' read as '\', the device
/// and NT prefixes removed, "." and ".." applied, trailing dots and spaces of each segment
/// removed.
struct NormalizedPath {
  PathForm form = PathForm::relative;
  /// "c:\users\public\x.dll", "\\server\share\x.dll", "\device\harddiskvolume3\x.dll";
  /// for variable and placeholder forms the folded text as written.
  std::string text;
  /// What the segments hang from: "c:" (absolute), "\\server\share" (unc), the NT device
  /// name "\device\harddiskvolume3" (device); empty otherwise.
  std::string root;
  /// The names after the root, the last one the file ("users", "public", "x.dll").
  std::vector<std::string> segments;
  /// The first folder segment whose real name lint cannot know offline (an 8.3 short name
  /// such as "progra~1", an unknown %VARIABLE%, an unresolved ${placeholder}), and why;
  /// npos when every folder is known.
  std::size_t unknown_segment = std::string::npos;
  std::string unknown_why;
  /// The first per-user variable the path uses ("LOCALAPPDATA", as written), or "".
  std::string per_user_variable;
  bool per_user_variable_leads = false;  // it is the path's first text
};

/// The one normalizer: pure, no file system, no environment. The variable defaults are
/// those of a default Windows installation on C: (docs/lint.md lists them).
[[nodiscard]] NormalizedPath normalize_windows_path(std::string_view path);

/// The path without one pair of surrounding double quotes.
[[nodiscard]] std::string_view unquoted(std::string_view path);

/// True for an 8.3 short name: "PROGRA~1", "MICROS~2.NET" (a '~', digits, then the end or
/// an extension).
[[nodiscard]] bool is_short_name(std::string_view segment);

}  // namespace comreg::lint_detail
