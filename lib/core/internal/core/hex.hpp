// Bytes as lowercase hex digits: how regedit writes hex: values, JSON writes \u escapes, and
// comreg's own formats (descriptions, plans, journals) keep binary data.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace comreg::text {

inline constexpr char hex_digits[] = "0123456789abcdef";

/// `bytes` appended to `out` as two digits each, nothing between them: "01ab".
inline void append_hex(std::string& out, std::span<const std::uint8_t> bytes) {
  const std::size_t at = out.size();
  out.resize(at + 2 * bytes.size());
  char* p = out.data() + at;
  for (const std::uint8_t b : bytes) {
    *p++ = hex_digits[b >> 4];
    *p++ = hex_digits[b & 15];
  }
}

}  // namespace comreg::text
