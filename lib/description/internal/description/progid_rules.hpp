// The ProgID naming rules of Microsoft's "ProgID Key" page, and the names a ProgID must not
// take because they already mean something directly under the Classes key.
#pragma once

#include <string>
#include <string_view>

namespace comreg {

struct ProgIdProblem {
  const char* code = nullptr;  // nullptr = fine; else "bad-progid" or "reserved-progid"
  std::string message;
  std::string hint;
};

/// Checks one ProgID (version-dependent or not): at most 39 characters of ASCII letters,
/// digits and periods, not starting with a digit; not a reserved HKCR key name nor ".ext".
[[nodiscard]] ProgIdProblem check_progid(std::string_view progid);

}  // namespace comreg
