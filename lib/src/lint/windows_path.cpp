#include "lint/windows_path.hpp"

#include <array>

#include "text/ascii.hpp"

namespace comreg::lint_detail {
namespace {

bool is_drive_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool starts_with_folded(std::string_view folded, std::string_view prefix) {
  return folded.substr(0, prefix.size()) == prefix;
}

// "c:\users\bob\x.dll": folded case, '/' as '\', "\\?\" dropped.
std::string normalized(std::string_view path) {
  std::string s = text::fold_case(unquoted(path));
  for (auto& c : s) {
    if (c == '/') c = '\\';
  }
  if (starts_with_folded(s, "\\\\?\\") && !starts_with_folded(s, "\\\\?\\unc\\")) s.erase(0, 4);
  return s;
}

}  // namespace

std::string_view unquoted(std::string_view path) {
  if (path.size() >= 2 && path.front() == '"' && path.back() == '"') {
    return path.substr(1, path.size() - 2);
  }
  return path;
}

PathForm classify_path(std::string_view raw) {
  const std::string_view path = unquoted(raw);
  if (path.substr(0, 2) == "${") return PathForm::placeholder;
  if (!leading_variable(path).empty()) return PathForm::variable;
  const std::string folded = normalized(path);
  if (starts_with_folded(folded, "\\\\?\\unc\\")) return PathForm::unc;
  if (starts_with_folded(folded, "\\\\.\\")) return PathForm::absolute;  // device namespace
  if (starts_with_folded(folded, "\\\\")) return PathForm::unc;
  if (folded.size() >= 3 && is_drive_letter(folded[0]) && folded[1] == ':' && folded[2] == '\\') {
    return PathForm::absolute;
  }
  return PathForm::relative;
}

std::string_view leading_variable(std::string_view path) {
  path = unquoted(path);
  if (path.size() < 3 || path.front() != '%') return {};
  const std::size_t close = path.find('%', 1);
  if (close == std::string_view::npos || close == 1) return {};
  return path.substr(1, close - 1);
}

bool is_per_user_variable(std::string_view name) {
  static constexpr std::array<std::string_view, 10> per_user{
      "userprofile", "appdata",   "localappdata", "temp",     "tmp",
      "homepath",    "homedrive", "username",     "onedrive", "homeshare"};
  const std::string folded = text::fold_case(name);
  for (auto v : per_user) {
    if (folded == v) return true;
  }
  return false;
}

std::string user_writable_reason(std::string_view path) {
  const std::string s = normalized(path);
  // Machine-wide variables that name folders users can write.
  static constexpr std::array<std::string_view, 3> writable_variables{"%public%", "%programdata%",
                                                                      "%allusersprofile%"};
  for (auto v : writable_variables) {
    if (starts_with_folded(s, v)) {
      return std::string(v) + " is writable by every user";
    }
  }
  if (s.size() < 3 || !is_drive_letter(s[0]) || s[1] != ':' || s[2] != '\\') return {};
  const std::string_view rest = std::string_view(s).substr(3);
  struct Folder {
    std::string_view prefix;
    std::string_view reason;
  };
  static constexpr std::array<Folder, 6> writable{{
      {"users\\",
       "profile folders under \\Users belong to their users (and \\Users\\Public "
       "to everyone)"},
      {"programdata\\", "users may create files and folders under \\ProgramData"},
      {"windows\\temp\\", "users may create files in \\Windows\\Temp"},
      {"temp\\", "a folder at the drive root is writable by Authenticated Users"},
      {"tmp\\", "a folder at the drive root is writable by Authenticated Users"},
      {"inetpub\\temp\\", "users may create files in \\inetpub\\temp"},
  }};
  for (const auto& f : writable) {
    if (starts_with_folded(rest, f.prefix)) return std::string(f.reason);
  }
  // Any other folder made directly under a drive root inherits the root's ACL, which lets
  // Authenticated Users create and change files in it; only the system folders are locked.
  static constexpr std::array<std::string_view, 4> protected_roots{
      "program files\\", "program files (x86)\\", "windows\\", "program files (arm)\\"};
  for (auto p : protected_roots) {
    if (starts_with_folded(rest, p)) return {};
  }
  if (rest.find('\\') == std::string_view::npos) {
    return "files at the drive root can be replaced by Authenticated Users";
  }
  return "a folder created at the drive root inherits an ACL that lets Authenticated Users "
         "create and change files in it";
}

}  // namespace comreg::lint_detail
