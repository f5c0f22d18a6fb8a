// Where the placeholders a description kept symbolic sit in a planned string.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "comreg/plan/plan.hpp"

namespace comreg {

/// Every "${name}" in `text` whose name is one of `symbolic` (Description::symbolic), in text
/// order. Other "${…}" is text: a placeholder the loader kept as written (manifests) or one a
/// --define value brought with it.
[[nodiscard]] std::vector<PlaceholderSpan> placeholder_spans(
    std::string_view text, const std::vector<std::string>& symbolic);

}  // namespace comreg
