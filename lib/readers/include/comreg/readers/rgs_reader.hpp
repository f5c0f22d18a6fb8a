// RgsReader: ATL registrar scripts (.rgs) parsed into keys, values and flags, so generated
// scripts can be checked against the plan they came from (and hand-written ones inspected).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/core/diagnostics.hpp"
#include "comreg/core/registry_value.hpp"

namespace comreg {

/// What the registrar does with a key when registering and unregistering.
enum class RgsFlag : std::uint8_t {
  none,          // created on register, deleted on unregister when it holds no subkeys
  no_remove,     // created if missing, never deleted
  force_remove,  // deleted with its tree, then created, on register; deleted on unregister
  remove,        // "Delete": deleted on register
};

/// A value as written: its type letter (s, e, d, q, b, m) and its text, quotes removed and
/// doubled quotes undone; replacements (%MODULE%, %%) are kept as written.
struct RgsValue {
  char type = 's';
  std::string text;
};

/// A key and what the script says inside it.
struct RgsKey {
  std::string name;
  RgsFlag flag = RgsFlag::none;
  std::optional<RgsValue> default_value;                 // `Key = s 'text'`
  std::vector<std::pair<std::string, RgsValue>> values;  // `val Name = …`, in order
  std::vector<RgsKey> children;
  std::uint32_t line = 0;
};

/// The top-level keys (HKCR, HKLM, HKCU, …) of a script, or the problems with it (each at
/// file:line:col).
struct RgsReadResult {
  std::vector<RgsKey> roots;
  Diagnostics diagnostics;
};

[[nodiscard]] RgsReadResult read_rgs(std::string_view text, const std::string& file);

/// The value the registrar writes: %% becomes %, each %NAME% the replacement named NAME (an
/// unknown one is an error), and the text is converted by type (decimal or 0x… numbers,
/// hex bytes, \0-separated multi strings).
[[nodiscard]] std::optional<RegValue> rgs_to_reg_value(
    const RgsValue& value, const std::map<std::string, std::string>& replacements,
    std::string* error = nullptr);

}  // namespace comreg
