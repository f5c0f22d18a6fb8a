// Offsets in a text to 1-based line:column, for every reader that reports positions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace comreg {

/// Offset -> 1-based line and column (column counts Unicode characters, tabs as 1).
/// Lines end at LF; a CR before it belongs to the line. Cheap for any line length.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  struct Position {
    std::uint32_t line;
    std::uint32_t column;
  };
  [[nodiscard]] Position position(std::uint32_t offset) const;

 private:
  // Counts code points in [from, to): UTF-8 continuation bytes do not start one.
  [[nodiscard]] std::uint32_t code_points(std::uint32_t from, std::uint32_t to) const;

  std::string_view text_;
  std::vector<std::uint32_t> line_starts_;
  // Every `stride` bytes of the text, the number of code points before that offset, so a
  // column on a 5 MB single-line file costs a bounded scan.
  std::vector<std::uint32_t> checkpoints_;
};

}  // namespace comreg
