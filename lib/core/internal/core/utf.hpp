// UTF-8 <-> UTF-16 conversion. Internal: the model is UTF-8, the registry is UTF-16LE.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace comreg::text {

/// Offset of the first invalid UTF-8 sequence, or npos when `s` is valid UTF-8
/// (overlong forms, surrogates and code points above U+10FFFF are invalid).
[[nodiscard]] std::size_t find_invalid_utf8(std::string_view s);

/// How many bytes `s` starts with that are ASCII (below 0x80), counted eight at a time.
[[nodiscard]] std::size_t ascii_prefix(std::string_view s);

/// Whether every byte of `s` is ASCII.
[[nodiscard]] inline bool is_ascii(std::string_view s) {
  return ascii_prefix(s) == s.size();
}

/// `ascii` (ASCII only) as UTF-16LE into `out`, which has room for 2 * ascii.size() bytes.
void widen_ascii(std::string_view ascii, char* out);

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

}  // namespace comreg::text
