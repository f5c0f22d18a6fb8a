#include "json/json_value.hpp"

#include <algorithm>

namespace comreg::json {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

LineIndex::Position LineIndex::position(std::uint32_t offset) const {
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  const std::uint32_t start = line_starts_[line - 1];
  // Columns count code points, so a message under a non-ASCII name still points right.
  std::uint32_t column = 1;
  const std::uint32_t end =
      std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  for (std::uint32_t i = start; i < end; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  if (start < end && text_.substr(start, 3) == "\xEF\xBB\xBF") column -= 1;  // BOM
  return {line, column};
}

}  // namespace comreg::json
