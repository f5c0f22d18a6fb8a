// ${name} placeholders in path-like fields, filled from --define NAME=VALUE.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/description_loader.hpp"

namespace comreg {

struct PlaceholderProblem {
  std::string code;  // "undefined-placeholder" or "bad-placeholder"
  std::string message;
  std::string hint;
};

/// Replaces every ${name} in `text`. Undefined names are reported (or kept, per `policy`);
/// a "${" without a valid name and closing "}" is always reported.
std::string resolve_placeholders(std::string_view text,
                                 const std::map<std::string, std::string>& defines,
                                 UndefinedPlaceholder policy,
                                 std::vector<PlaceholderProblem>& problems);

}  // namespace comreg
