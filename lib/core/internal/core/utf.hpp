// UTF-8 <-> UTF-16 conversion. Internal: the model is UTF-8, the registry is UTF-16LE.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/ascii.hpp"

namespace comreg::text {

/// Offset of the first invalid UTF-8 sequence, or npos when `s` is valid UTF-8
/// (overlong forms, surrogates and code points above U+10FFFF are invalid).
[[nodiscard]] std::size_t find_invalid_utf8(std::string_view s);

// The ASCII scans and widening are inline: the .reg writer calls them for every piece of text
// it puts, most a few bytes long (a call each was 5 % of `comreg reg`).

/// How many bytes `s` starts with that are ASCII (below 0x80), counted eight at a time.
[[nodiscard]] inline std::size_t ascii_prefix(std::string_view s) {
  std::size_t n = 0;
  while (n + 8 <= s.size() && (load8(s.data() + n) & 0x8080808080808080ull) == 0) n += 8;
  while (n < s.size() && static_cast<unsigned char>(s[n]) < 0x80) ++n;
  return n;
}

/// Whether every byte of `s` is ASCII.
[[nodiscard]] inline bool is_ascii(std::string_view s) {
  return ascii_prefix(s) == s.size();
}

/// The ASCII bytes `s` starts with, as UTF-16LE into `out` (room for 2 * s.size() bytes),
/// checked and widened in one pass, eight at a time; returns how many there were.
inline std::size_t widen_ascii_prefix(std::string_view s, char* out) {
  // Four bytes spread over eight, each followed by a zero byte.
  const auto widen4 = [](std::uint32_t four) {
    std::uint64_t w = four;
    w = (w | (w << 16)) & 0x0000FFFF0000FFFFull;
    return (w | (w << 8)) & 0x00FF00FF00FF00FFull;
  };
  std::size_t i = 0;
  // Eight at a time where a word's bytes are in memory order.
  for (; std::endian::native == std::endian::little && i + 8 <= s.size(); i += 8) {
    const std::uint64_t eight = load8(s.data() + i);
    if ((eight & 0x8080808080808080ull) != 0) break;
    const std::uint64_t low = widen4(static_cast<std::uint32_t>(eight));
    const std::uint64_t high = widen4(static_cast<std::uint32_t>(eight >> 32));
    std::memcpy(out + 2 * i, &low, 8);
    std::memcpy(out + 2 * i + 8, &high, 8);
  }
  for (; i < s.size() && static_cast<unsigned char>(s[i]) < 0x80; ++i) {
    out[2 * i] = s[i];
    out[2 * i + 1] = '\0';
  }
  return i;
}

/// Appends `utf8` as UTF-16LE bytes to `out`. Input must be valid UTF-8.
void append_utf16le(std::string& out, std::string_view utf8);

/// Appends one code point (at most U+10FFFF, not a surrogate) as UTF-8.
void append_utf8(std::string& out, char32_t cp);

/// UTF-8 -> UTF-16 code units. Input must be valid UTF-8.
[[nodiscard]] std::u16string to_utf16(std::string_view utf8);

/// UTF-16 code units -> UTF-8; unpaired surrogates become U+FFFD.
[[nodiscard]] std::string to_utf8(std::u16string_view utf16);

/// Appends `units` UTF-16LE code units read from `bytes` (2 * units bytes, any alignment) as
/// UTF-8, unpaired surrogates as U+FFFD. Returns false when one was: then the UTF-8 does not
/// give those bytes back, and a caller keeping registry data exactly must keep them.
bool append_utf8_of_utf16le(std::string& out, const unsigned char* bytes, std::size_t units);

#ifdef _WIN32
/// A UTF-8 path or name for the W functions of the Windows API (invalid bytes become U+FFFD).
[[nodiscard]] std::wstring to_wide(std::string_view utf8);
#endif

}  // namespace comreg::text
