// The comparison rules, one table each. Every rule names what Windows does with the value, so
// that a warning can say why a difference does not matter (docs/verify.md lists the sources).
#include "verify/registry_semantics.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "comreg/core/guid.hpp"
#include "core/ascii.hpp"
#include "core/command_line.hpp"

namespace comreg {
namespace {

std::vector<std::string_view> components(std::string_view key) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    const std::size_t sep = key.find('\\', start);
    out.push_back(key.substr(start, sep == std::string_view::npos ? key.npos : sep - start));
    if (sep == std::string_view::npos) return out;
    start = sep + 1;
  }
}

// The containers of the classes root; any other first component is a ProgID.
bool is_container(std::string_view first) {
  for (const char* c : {"CLSID", "Interface", "TypeLib", "AppID", "Component Categories",
                        "Licenses", "Wow6432Node"}) {
    if (text::iequals(first, c)) return true;
  }
  return false;
}

// A value COM reads as a GUID: key = first\<id>\last (or first\<id> when last is null), with
// first "*" standing for a ProgID.
struct GuidValued {
  const char* first;
  const char* last;  // nullptr: the value is on the element's own key
  const char* name;  // "" = the default value
};
constexpr GuidValued guid_valued[] = {
    {"CLSID", nullptr, "AppID"},
    {"CLSID", "TypeLib", ""},
    {"CLSID", "TreatAs", ""},
    {"CLSID", "AutoTreatAs", ""},
    {"CLSID", "AutoConvertTo", ""},
    {"Interface", "ProxyStubClsid32", ""},
    {"Interface", "ProxyStubClsid", ""},
    {"Interface", "BaseInterface", ""},
    {"Interface", "TypeLib", ""},
    {"AppID", nullptr, "AppID"},  // AppID\server.exe
    {"*", "CLSID", ""},           // ProgID\CLSID
};

bool first_matches(std::string_view pattern, std::string_view first) {
  return pattern == "*" ? !is_container(first) : text::iequals(first, pattern);
}

// A ProgID's own subkey: ProgID\last (a ProgID has no id component).
bool is_progid_subkey(const std::vector<std::string_view>& parts, std::string_view last) {
  return parts.size() == 2 && !is_container(parts[0]) && text::iequals(parts[1], last);
}

// CLSIDFromString reads only the braced form, in any case ({xxxxxxxx-xxxx-…}).
bool braced_guid(std::string_view s) {
  return s.size() == 38 && s.front() == '{' && s.back() == '}' && normalize_guid(s).has_value();
}

// An unquoted command's program is found by CreateProcess trying each blank in turn: the
// comparison below reads the found command after the expected program, not word by word.
Comparison compare_commands(std::string_view expected, std::string_view found) {
  const CommandLine e = split_command_line(expected), f = split_command_line(found);
  if (!e.quoted && f.quoted && f.program.find(' ') == std::string_view::npos &&
      f.program == e.program && f.rest == e.rest) {
    return {Reading::same_for_windows,
            "a program path without spaces starts the same server quoted or not"};
  }
  if (e.quoted && !f.quoted && e.program.find(' ') == std::string_view::npos &&
      found.substr(0, e.program.size()) == e.program && found.substr(e.program.size()) == e.rest) {
    return {Reading::same_for_windows,
            "a program path without spaces starts the same server quoted or not"};
  }
  if (e.quoted && !f.quoted && e.program.find(' ') != std::string_view::npos &&
      found.substr(0, e.program.size()) == e.program && found.substr(e.program.size()) == e.rest) {
    const std::string first(e.program.substr(0, e.program.find(' ')));
    return {Reading::ambiguous, "unquoted, the path with spaces is ambiguous: CreateProcess runs " +
                                    first + " (or " + first +
                                    ".exe) first if that file exists, and this server only if not"};
  }
  return {Reading::differs, {}};
}

// An in-process server path quoted: COM loads the path between the quotes (of a REG_SZ;
// a REG_EXPAND_SZ is expanded, not unquoted).
Comparison compare_dll_paths(std::string_view expected, std::string_view found, RegType type) {
  if (type == RegType::sz && expected.find('"') == std::string_view::npos &&
      dll_path_as_com_reads(found) == expected) {
    return {Reading::same_for_windows,
            "COM loads the path between the quotes of a REG_SZ in-process server path"};
  }
  return {Reading::differs, {}};
}

// The text comparison for the value's meaning, on texts Windows has read (up to their NUL).
Comparison compare_texts(std::string_view key, std::string_view name, const std::string& expected,
                         const std::string& found, RegType type) {
  if (expected == found) return {Reading::same, {}};
  if (is_guid_valued(key, name)) {
    if (braced_guid(expected) && braced_guid(found) &&
        normalize_guid(expected) == normalize_guid(found)) {
      return {Reading::same_for_windows,
              "the same GUID in another case: CLSIDFromString reads hex digits in any case"};
    }
    if (braced_guid(expected) && !braced_guid(found) &&
        normalize_guid(found) == normalize_guid(expected)) {
      return {Reading::differs,
              "the GUID has no braces: CLSIDFromString reads only {xxxxxxxx-xxxx-…}, and takes "
              "anything else for a ProgID"};
    }
    return {Reading::differs, {}};
  }
  if (is_threading_model(key, name) && text::iequals(expected, found)) {
    return {Reading::same_for_windows,
            "COM reads ThreadingModel in any case (a manifest's threadingModel is exact)"};
  }
  const auto parts = components(key);
  if (is_progid_subkey(parts, "CurVer") && text::iequals(expected, found)) {
    return {Reading::same_for_windows,
            "CurVer names a ProgID key, and registry key names are case-insensitive"};
  }
  if (name.empty() && parts.size() == 3 && text::iequals(parts[0], "CLSID") &&
      text::iequals(parts[2], "LocalServer32")) {
    return compare_commands(expected, found);
  }
  if (name.empty() && parts.size() == 3 && text::iequals(parts[0], "CLSID") &&
      (text::iequals(parts[2], "InprocServer32") || text::iequals(parts[2], "InprocHandler32"))) {
    return compare_dll_paths(expected, found, type);
  }
  return {Reading::differs, {}};
}

bool is_string(const RegValue& v) {
  return v.type == RegType::sz || v.type == RegType::expand_sz;
}

}  // namespace

bool is_guid_valued(std::string_view key, std::string_view name) {
  const auto parts = components(key);
  for (const auto& row : guid_valued) {
    if (!text::iequals(name, row.name) || !first_matches(row.first, parts[0])) continue;
    if (std::string_view(row.first) == "*") {
      if (row.last != nullptr && is_progid_subkey(parts, row.last)) return true;
      continue;
    }
    if (row.last == nullptr ? parts.size() == 2
                            : parts.size() == 3 && text::iequals(parts[2], row.last)) {
      return true;
    }
  }
  return false;
}

bool is_threading_model(std::string_view key, std::string_view name) {
  const auto parts = components(key);
  return text::iequals(name, "ThreadingModel") && parts.size() == 3 &&
         text::iequals(parts[0], "CLSID") &&
         (text::iequals(parts[2], "InprocServer32") || text::iequals(parts[2], "InprocHandler32"));
}

std::string raw_hex(const RegValue& v) {
  std::string out;
  char buf[4];
  for (const std::uint8_t b : v.raw_bytes()) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    if (!out.empty()) out += ' ';
    out += buf;
  }
  return out;
}

Comparison compare_as_windows(std::string_view key, std::string_view name, const RegValue& expected,
                              const RegValue& found) {
  if (expected.type != found.type) return {Reading::differs, {}};
  if (!is_string(expected)) {
    return {expected == found ? Reading::same : Reading::differs, {}};
  }
  // RegValue::text is what Windows reads: the data up to the first NUL. The bytes matter
  // only when they hold more than that text and its NUL.
  Comparison c = compare_texts(key, name, expected.text, found.text, found.type);
  const auto plain_bytes = [](const RegValue& v) {
    RegValue plain;
    plain.type = v.type;
    plain.text = v.text;
    return plain.raw_bytes();
  };
  const auto found_plain = plain_bytes(found);
  const auto found_raw = found.raw_bytes();
  if (c.reading == Reading::differs ||
      (found_raw == found_plain && expected.raw_bytes() == plain_bytes(expected))) {
    return c;
  }
  const bool trailing = found_raw.size() > found_plain.size() &&
                        std::equal(found_plain.begin(), found_plain.end(), found_raw.begin());
  const std::string raw = (trailing ? std::to_string(found_raw.size() - found_plain.size()) +
                                          " more bytes after the string's NUL"
                                    : std::string("other bytes than the string and its NUL")) +
                          ": Windows reads a string up to its first NUL";
  if (c.reading == Reading::same) return {Reading::same_for_windows, raw};
  c.why += "; " + raw;
  return c;
}

}  // namespace comreg
