// Text as diagnostics show it: quoted, escaped, counted in characters.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace comreg {

/// `text` in single quotes for a message: control characters escaped (\n, \u0000), and a
/// very long text shortened with "…", so a message stays one readable line.
std::string quoted(std::string_view text);

/// Number of Unicode characters in valid UTF-8.
std::size_t code_point_count(std::string_view utf8);

}  // namespace comreg
