// The ProgID naming rules of Microsoft's "ProgID Key" page, and the names a ProgID must not
// take because they already mean something directly under the Classes key. One copy, used by
// the loader and validator (which report), the importer (which marks classes legacyNames) and
// the planner (which writes no key for a reserved legacy name).
#pragma once

#include <string>
#include <string_view>

#include "comreg/model/description.hpp"

namespace comreg {

/// A broken ProgID rule, worded for a diagnostic.
struct ProgIdProblem {
  const char* code = nullptr;  // nullptr = fine; else "bad-progid" or "reserved-progid"
  std::string message;
  std::string hint;
  bool always = false;  // legacyNames cannot keep it: the name would not be one key
};

/// Checks one ProgID (version-dependent or not): at most 39 characters of ASCII letters,
/// digits and periods, not starting with a digit; not a reserved HKCR key name nor ".ext".
[[nodiscard]] ProgIdProblem check_progid(std::string_view progid);

/// True when `progid` breaks a rule: a class keeps such a name only with legacyNames.
[[nodiscard]] bool breaks_progid_rules(std::string_view progid);

/// Whether registering `c` writes the key HKCR\<progid> for `progid` (its ProgID or its
/// version-independent one). An imported legacy ProgID may name a key that means something
/// else ("CLSID" in Wine's registry): the class keeps the name, but writing (and on uninstall
/// deleting) that key would destroy the container, so it gets no ProgID key.
[[nodiscard]] bool writes_progid_key(const ComClass& c, std::string_view progid);

}  // namespace comreg
