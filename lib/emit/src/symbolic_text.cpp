// Placeholder references spliced into plan strings (see emit/symbolic_text.hpp).
#include "emit/symbolic_text.hpp"

namespace comreg {

std::vector<Splice> reference_splices(const SymbolicValue* value, std::string_view text,
                                      const std::map<std::string, std::string>& references,
                                      bool eat_separator, std::string* unknown) {
  std::vector<Splice> splices;
  if (value == nullptr) return splices;
  splices.reserve(value->placeholders.size());
  for (const PlaceholderSpan& p : value->placeholders) {
    Splice s{p.offset, p.length, {}};
    if (const auto it = references.find(p.name); it != references.end()) {
      s.text = it->second;
    } else if (unknown != nullptr && unknown->empty()) {
      *unknown = p.name;
    }
    const std::size_t end = s.offset + s.length;
    if (eat_separator && end < text.size() && text[end] == '\\') ++s.length;
    splices.push_back(std::move(s));
  }
  return splices;
}

}  // namespace comreg
