#include "core/windows_path.hpp"

#include <array>

#include "core/ascii.hpp"

namespace comreg::lint_detail {
namespace {

bool is_drive_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The values a default Windows installation on C: gives these variables (docs/lint.md). The
// per-user ones name the folders of a user "<user>" ('<' cannot occur in a Windows name, so
// the marker never meets a real folder).
struct Variable {
  std::string_view name;  // folded
  std::string_view value;
  bool per_user;
};
constexpr std::array<Variable, 22> variables{{
    {"systemroot", "C:\\Windows", false},
    {"windir", "C:\\Windows", false},
    {"systemdrive", "C:", false},
    {"programfiles", "C:\\Program Files", false},
    {"programw6432", "C:\\Program Files", false},
    // Both Program Files folders are admin-only: a 32-bit client reading %ProgramFiles% as
    // the (x86) folder gets the same verdict.
    {"programfiles(x86)", "C:\\Program Files (x86)", false},
    {"commonprogramfiles", "C:\\Program Files\\Common Files", false},
    {"commonprogramw6432", "C:\\Program Files\\Common Files", false},
    {"commonprogramfiles(x86)", "C:\\Program Files (x86)\\Common Files", false},
    {"programdata", "C:\\ProgramData", false},
    {"allusersprofile", "C:\\ProgramData", false},
    {"public", "C:\\Users\\Public", false},
    {"userprofile", "C:\\Users\\<user>", true},
    {"appdata", "C:\\Users\\<user>\\AppData\\Roaming", true},
    {"localappdata", "C:\\Users\\<user>\\AppData\\Local", true},
    {"temp", "C:\\Users\\<user>\\AppData\\Local\\Temp", true},
    {"tmp", "C:\\Users\\<user>\\AppData\\Local\\Temp", true},
    {"homedrive", "C:", true},
    {"homepath", "\\Users\\<user>", true},
    {"username", "<user>", true},
    {"onedrive", "C:\\Users\\<user>\\OneDrive", true},
    {"homeshare", "\\\\<server>\\<user>", true},
}};

const Variable* find_variable(std::string_view name) {
  const std::string folded = text::fold_case(name);
  for (const auto& v : variables) {
    if (v.name == folded) return &v;
  }
  return nullptr;
}

// `text` with every known %NAME% replaced by its default; unknown ones stay as written.
std::string expand_variables(std::string_view text, NormalizedPath& out) {
  std::string s;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find('%', at);
    const std::size_t close = open == std::string_view::npos ? open : text.find('%', open + 1);
    if (close == std::string_view::npos) break;
    s.append(text.substr(at, open - at));
    const std::string_view name = text.substr(open + 1, close - open - 1);
    const Variable* v = name.empty() ? nullptr : find_variable(name);
    if (v == nullptr) {
      s.append(text.substr(open, close - open));  // the closing '%' may open the next name
      at = close;
      continue;
    }
    if (v->per_user && out.per_user_variable.empty()) {
      out.per_user_variable = std::string(name);
      out.per_user_variable_leads = open == 0;
    }
    s.append(v->value);
    at = close + 1;
  }
  s.append(text.substr(at));
  return s;
}

// A segment holding a %NAME% that expand_variables left alone.
bool has_unknown_variable(std::string_view segment) {
  const std::size_t open = segment.find('%');
  if (open == std::string_view::npos) return false;
  const std::size_t close = segment.find('%', open + 1);
  return close != std::string_view::npos && close > open + 1;
}

// Win32 drops trailing spaces and dots from path segments ("Temp." and "Temp " open "Temp").
// Its documented rule strips a single dot from inner segments and both from the last one;
// lint strips both from every segment, so a folder that merely looks like another is judged
// as that one. A run of three or more dots is a real name and stays.
std::string trimmed_segment(std::string_view segment) {
  std::size_t end = segment.size();
  while (end > 0 && segment[end - 1] == ' ') --end;
  const std::string_view no_spaces = segment.substr(0, end);
  if (no_spaces == "." || no_spaces == "..") return std::string(no_spaces);
  if (!no_spaces.empty() && no_spaces.find_first_not_of('.') == std::string_view::npos) {
    return std::string(no_spaces);
  }
  while (end > 0 && (segment[end - 1] == ' ' || segment[end - 1] == '.')) --end;
  return std::string(segment.substr(0, end));
}

// `rest` split at '\', with "." and ".." applied (".." stops at the root, as in Win32) and empty
// segments (runs of separators) dropped, appended to `out.segments`.
void add_segments(std::string_view rest, NormalizedPath& out) {
  std::size_t at = 0;
  while (at <= rest.size()) {
    const std::size_t sep = rest.find('\\', at);
    const std::string segment =
        trimmed_segment(rest.substr(at, sep == std::string_view::npos ? rest.npos : sep - at));
    if (segment == "..") {
      if (!out.segments.empty()) out.segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      out.segments.push_back(segment);
    }
    if (sep == std::string_view::npos) break;
    at = sep + 1;
  }
}

// `\\server\share` out of `rest`; the remainder is left in `rest`.
std::string unc_root(std::string_view& rest) {
  std::string root = "\\\\";
  for (int part = 0; part < 2; ++part) {
    const std::size_t sep = rest.find('\\');
    root += trimmed_segment(rest.substr(0, sep));
    rest = sep == std::string_view::npos ? std::string_view{} : rest.substr(sep + 1);
    if (part == 0) root += '\\';
    if (rest.empty()) break;
  }
  return root;
}

void win32_namespace(std::string_view rest, NormalizedPath& out);

// A path in the NT object namespace (what follows \\?\GLOBALROOT\): \??\C:\…, \SystemRoot\…,
// \Device\Mup\server\share\… (the network redirector), or a volume device whose drive letter,
// if any, is unknown offline.
void nt_object(std::string_view rest, NormalizedPath& out) {
  if (starts_with(rest, "??\\")) return win32_namespace(rest.substr(3), out);
  if (starts_with(rest, "global??\\")) return win32_namespace(rest.substr(9), out);
  if (starts_with(rest, "systemroot\\") || rest == "systemroot") {
    out.form = PathForm::absolute;
    out.root = "c:";
    out.segments.push_back("windows");
    return add_segments(rest.substr(std::min<std::size_t>(rest.size(), 11)), out);
  }
  if (starts_with(rest, "device\\mup\\")) {
    rest.remove_prefix(11);
    out.form = PathForm::unc;
    out.root = unc_root(rest);
    return add_segments(rest, out);
  }
  std::size_t sep = rest.find('\\');
  if (starts_with(rest, "device\\")) sep = rest.find('\\', 7);
  out.form = PathForm::device;
  out.root = "\\" + std::string(rest.substr(0, sep));
  add_segments(sep == std::string_view::npos ? std::string_view{} : rest.substr(sep + 1), out);
}

// What follows \\?\, \\.\ or \??\: a drive (C:\…), UNC\server\share\…, GLOBALROOT\<NT path>,
// or another device such as Volume{GUID}\….
void win32_namespace(std::string_view rest, NormalizedPath& out) {
  if (starts_with(rest, "unc\\")) {
    rest.remove_prefix(4);
    out.form = PathForm::unc;
    out.root = unc_root(rest);
    return add_segments(rest, out);
  }
  if (starts_with(rest, "globalroot\\")) return nt_object(rest.substr(11), out);
  if (rest.size() >= 2 && is_drive_letter(rest[0]) && rest[1] == ':' &&
      (rest.size() == 2 || rest[2] == '\\')) {
    out.form = PathForm::absolute;
    out.root = std::string(rest.substr(0, 2));
    return add_segments(rest.substr(2), out);
  }
  const std::size_t sep = rest.find('\\');
  out.form = PathForm::device;
  out.root = "\\\\?\\" + std::string(rest.substr(0, sep));
  add_segments(sep == std::string_view::npos ? std::string_view{} : rest.substr(sep + 1), out);
}

std::string joined(const NormalizedPath& p) {
  std::string s = p.root;
  for (const auto& segment : p.segments) {
    if (!s.empty() && s.back() != '\\') s += '\\';
    s += segment;
  }
  return s;
}

}  // namespace

std::string_view unquoted(std::string_view path) {
  if (path.size() >= 2 && path.front() == '"' && path.back() == '"') {
    return path.substr(1, path.size() - 2);
  }
  return path;
}

bool is_short_name(std::string_view segment) {
  const std::size_t tilde = segment.find('~');
  if (tilde == std::string_view::npos || tilde == 0) return false;
  std::size_t end = tilde + 1;
  while (end < segment.size() && segment[end] >= '0' && segment[end] <= '9') ++end;
  return end > tilde + 1 && (end == segment.size() || segment[end] == '.');
}

NormalizedPath normalize_windows_path(std::string_view path) {
  NormalizedPath out;
  // A Windows name cannot hold '"': every quote is CreateProcess's or the writer's, not the
  // file system's (COM101 judges the quoting itself).
  std::string written;
  for (char c : path) {
    if (c != '"') written += c;
  }
  if (starts_with(written, "${")) {
    out.form = PathForm::placeholder;
    out.text = text::fold_case(written);
    return out;
  }
  std::string s = text::fold_case(expand_variables(written, out));
  for (auto& c : s) {
    if (c == '/') c = '\\';
  }
  if (s.size() >= 2 && s[0] == '%' && has_unknown_variable(s.substr(0, s.find('\\')))) {
    out.form = PathForm::variable;
    out.text = s;
    return out;
  }
  const std::string_view v = s;
  if (starts_with(v, "\\\\?\\") || starts_with(v, "\\\\.\\") || starts_with(v, "\\??\\")) {
    win32_namespace(v.substr(4), out);
  } else if (starts_with(v, "\\\\")) {
    std::string_view rest = v.substr(2);
    out.form = PathForm::unc;
    out.root = unc_root(rest);
    add_segments(rest, out);
  } else if (v.size() >= 3 && is_drive_letter(v[0]) && v[1] == ':' && v[2] == '\\') {
    out.form = PathForm::absolute;
    out.root = std::string(v.substr(0, 2));
    add_segments(v.substr(2), out);
  } else {
    // \x.dll (the current drive), C:x.dll (that drive's current folder), bin\x.dll.
    out.form = PathForm::relative;
    out.text = s;
    return out;
  }
  out.text = joined(out);
  // The folders (not the file: its own short name does not move it to another folder).
  for (std::size_t i = 0; i + 1 < out.segments.size(); ++i) {
    const std::string& segment = out.segments[i];
    const char* why = is_short_name(segment)               ? "an 8.3 short name"
                      : has_unknown_variable(segment)      ? "an environment variable lint does "
                                                             "not know"
                      : segment.find("${") != segment.npos ? "an unresolved placeholder"
                                                           : nullptr;
    if (why != nullptr) {
      out.unknown_segment = i;
      out.unknown_why = why;
      break;
    }
  }
  return out;
}

}  // namespace comreg::lint_detail
