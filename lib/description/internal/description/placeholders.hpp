// ${name} placeholders in path-like fields, filled from --define NAME=VALUE.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/description/description_loader.hpp"

namespace comreg {

struct PlaceholderProblem {
  const char* code;  // "undefined-placeholder" or "bad-placeholder"
  std::string message;
  std::string hint;
};

/// True when `name` is a valid placeholder name: [A-Za-z_][A-Za-z0-9_]*.
[[nodiscard]] bool is_placeholder_name(std::string_view name);

/// Replaces every ${name} in `text` with its definition; names in `symbolic` stay as written.
/// Undefined names are reported, or left as written when `policy` is keep; a "${" without a
/// valid name and a closing "}" is always reported. The result is not checked: a definition
/// may bring control characters with it.
std::string resolve_placeholders(std::string_view text,
                                 const std::map<std::string, std::string>& defines,
                                 const std::set<std::string>& symbolic, UndefinedPlaceholder policy,
                                 std::vector<PlaceholderProblem>& problems);

}  // namespace comreg
