// Placeholders kept symbolic, as the plan carries them: spans found in a planned string, and
// the lookup writers use.
#include <algorithm>

#include "plan/placeholder_spans.hpp"

namespace comreg {

std::vector<PlaceholderSpan> placeholder_spans(std::string_view text,
                                               const std::vector<std::string>& symbolic) {
  std::vector<PlaceholderSpan> spans;
  for (std::size_t open = text.find("${"); open != std::string_view::npos;
       open = text.find("${", open + 2)) {
    const std::size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos) break;
    const std::string_view name = text.substr(open + 2, close - open - 2);
    if (std::find(symbolic.begin(), symbolic.end(), name) == symbolic.end()) continue;
    spans.push_back({static_cast<std::uint32_t>(open), static_cast<std::uint32_t>(close + 1 - open),
                     std::string(name)});
    open = close - 1;  // the next search starts after the '}'
  }
  return spans;
}

const SymbolicValue* Plan::symbolic_of(const Operation& op) const {
  if (symbolic.empty() || &op < ops.data() || &op >= ops.data() + ops.size()) return nullptr;
  const auto index = static_cast<std::uint32_t>(&op - ops.data());
  const auto it =
      std::lower_bound(symbolic.begin(), symbolic.end(), index,
                       [](const SymbolicValue& v, std::uint32_t i) { return v.op < i; });
  return it != symbolic.end() && it->op == index ? &*it : nullptr;
}

}  // namespace comreg
