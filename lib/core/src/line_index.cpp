#include <algorithm>
#include <cstring>

#include "core/line_index.hpp"

namespace comreg {
namespace {

// Bytes between code-point checkpoints; also the longest line counted without them.
constexpr std::uint32_t stride = 4096;

bool starts_code_point(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  std::uint32_t longest = 0;
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin; p < end;) {
    const void* found = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    const char* nl = found ? static_cast<const char*>(found) : end;
    longest = std::max(longest, static_cast<std::uint32_t>(nl - p));
    if (nl == end) break;
    line_starts_.push_back(static_cast<std::uint32_t>(nl + 1 - begin));
    p = nl + 1;
  }
  // Only texts with a long line (minified JSON) pay for checkpoints.
  if (longest > stride) {
    checkpoints_.reserve(text.size() / stride + 1);
    std::uint32_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (i % stride == 0) checkpoints_.push_back(count);
      count += starts_code_point(text[i]) ? 1 : 0;
    }
  }
}

std::uint32_t LineIndex::code_points(std::uint32_t from, std::uint32_t to) const {
  const auto direct = [&](std::uint32_t a, std::uint32_t b) {
    std::uint32_t n = 0;
    for (std::uint32_t i = a; i < b; ++i) n += starts_code_point(text_[i]) ? 1 : 0;
    return n;
  };
  if (to - from <= stride || checkpoints_.empty()) return direct(from, to);
  const auto before = [&](std::uint32_t offset) {
    const std::uint32_t block = offset / stride;
    return checkpoints_[block] + direct(block * stride, offset);
  };
  return before(to) - before(from);
}

LineIndex::Position LineIndex::position(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  std::uint32_t start = line_starts_[line - 1];
  // A UTF-8 BOM is not a character of the first line.
  if (start == 0 && offset >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  // Columns count code points, so a message under a non-ASCII name still points right.
  return {line, 1 + code_points(start, offset)};
}

}  // namespace comreg
