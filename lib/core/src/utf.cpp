#include "core/utf.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include "core/ascii.hpp"

#ifdef _WIN32
#include <windows.h>
#endif

namespace comreg::text {
namespace {

// Decodes one code point at s[i]; returns its length, or 0 when the sequence is invalid.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1Fu, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0Fu, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// The UTF-16 units of `utf8`: runs of ASCII through `ascii` (given the rest of the text, it
// widens a prefix of it and returns that prefix's length), every other character through
// `put`, a unit at a time (U+FFFD for a sequence that cannot be read, a surrogate pair above
// U+FFFF).
template <typename Ascii, typename Put>
void for_each_utf16_unit(std::string_view utf8, Ascii ascii, Put put) {
  std::size_t i = 0;
  while (i < utf8.size()) {
    i += ascii(utf8.substr(i));
    if (i == utf8.size()) break;
    char32_t cp = 0xFFFD;
    std::size_t n = decode(utf8, i, cp);
    if (n == 0) cp = 0xFFFD, n = 1;
    if (cp >= 0x10000) {
      const char32_t v = cp - 0x10000;
      put(static_cast<char16_t>(0xD800 + (v >> 10)));
      put(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
    } else {
      put(static_cast<char16_t>(cp));
    }
    i += n;
  }
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t n = decode(s, i, cp);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

void append_utf16le(std::string& out, std::string_view utf8) {
  // Room made once for the most the text can need (no UTF-8 sequence gives more UTF-16 bytes
  // than it has bytes, doubled: one byte, one unit; four bytes, two units), written through a
  // cursor and cut to size at the end. Room made per ASCII run for the rest of the text made a
  // text of alternating ASCII and other characters quadratic.
  const std::size_t start = out.size();
  out.resize(start + 2 * utf8.size());
  char* const base = out.data() + start;
  std::size_t used = 0;
  // The common case: a run of ASCII, widened eight at a time (a .reg file is nearly all ASCII:
  // this was a sixth of `comreg reg`).
  for_each_utf16_unit(
      utf8,
      [&](std::string_view rest) {
        const std::size_t run = widen_ascii_prefix(rest, base + used);
        used += 2 * run;
        return run;
      },
      [&](char16_t unit) {
        base[used++] = static_cast<char>(unit & 0xFF);
        base[used++] = static_cast<char>((unit >> 8) & 0xFF);
      });
  out.resize(start + used);
}

std::u16string to_utf16(std::string_view utf8) {
  // Room for the most the text can need (one unit per byte), written through a cursor, ASCII
  // runs a unit per byte without decoding: every key path and value name the live registry is
  // given comes through here (a unit pushed at a time was a tenth of comreg.exe's own time in
  // an install under Wine).
  std::u16string out(utf8.size(), u'\0');
  std::size_t used = 0;
  for_each_utf16_unit(
      utf8,
      [&](std::string_view rest) {
        std::size_t run = 0;
        while (run < rest.size() && static_cast<unsigned char>(rest[run]) < 0x80) {
          out[used++] = static_cast<char16_t>(rest[run++]);
        }
        return run;
      },
      [&](char16_t unit) { out[used++] = unit; });
  out.resize(used);
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace {

// The bits of a word of four UTF-16LE units (memory order) that are all zero when every unit
// is ASCII: its high byte, and the top bit of its low byte.
constexpr std::uint64_t non_ascii_units = 0xFF80FF80FF80FF80ull;

// Appends the UTF-8 of `units` code units, unit(i) giving the i-th; returns false when an
// unpaired surrogate became U+FFFD.
template <typename Unit>
bool append_utf8_units(std::string& out, std::size_t units, Unit unit) {
  bool exact = true;
  for (std::size_t i = 0; i < units; ++i) {
    char32_t cp = unit(i);
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
      continue;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < units && unit(i + 1) >= 0xDC00 &&
        unit(i + 1) <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 1) - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
      exact = false;
    }
    append_utf8(out, cp);
  }
  return exact;
}

}  // namespace

std::string to_utf8(std::u16string_view utf16) {
  std::string out;
  out.reserve(utf16.size());
  // Registry names are nearly all ASCII: narrowed without the per-character growth checks.
  std::size_t run = 0;
  while (run < utf16.size() && utf16[run] < 0x80) ++run;
  out.resize(run);
  for (std::size_t i = 0; i < run; ++i) out[i] = static_cast<char>(utf16[i]);
  append_utf8_units(out, utf16.size() - run, [&](std::size_t i) { return utf16[run + i]; });
  return out;
}

bool append_utf8_of_utf16le(std::string& out, const unsigned char* bytes, std::size_t units) {
  // The ASCII run first, narrowed four units at a time where a word's bytes are in memory
  // order (value data read from hives and .reg files is nearly all ASCII: decoding it a
  // character at a time was a third of an uninstall from a hive). The run is at most `units`
  // long; what it did not fill is cut off after.
  const std::size_t at = out.size();
  out.resize(at + units);
  char* narrow = out.data() + at;
  std::size_t run = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; run + 4 <= units; run += 4) {
      const std::uint64_t four = load8(reinterpret_cast<const char*>(bytes) + 2 * run);
      if ((four & non_ascii_units) != 0) break;
      // The low byte of each unit, packed: bytes 0, 2, 4, 6 of the word.
      const auto packed =
          static_cast<std::uint32_t>((four & 0xFF) | ((four >> 8) & 0xFF00) |
                                     ((four >> 16) & 0xFF0000) | ((four >> 24) & 0xFF000000));
      std::memcpy(narrow + run, &packed, 4);
    }
  }
  for (; run < units && bytes[2 * run + 1] == 0 && bytes[2 * run] < 0x80; ++run) {
    narrow[run] = static_cast<char>(bytes[2 * run]);
  }
  out.resize(at + run);
  const unsigned char* rest = bytes + 2 * run;
  return append_utf8_units(out, units - run, [rest](std::size_t i) {
    return static_cast<char32_t>(rest[2 * i] | (rest[2 * i + 1] << 8));
  });
}

#ifdef _WIN32
std::wstring to_wide(std::string_view utf8) {
  if (utf8.empty()) return {};
  const int size = static_cast<int>(utf8.size());
  const int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), size, nullptr, 0);
  std::wstring out(static_cast<std::size_t>(n > 0 ? n : 0), L'\0');
  if (n > 0) MultiByteToWideChar(CP_UTF8, 0, utf8.data(), size, out.data(), n);
  return out;
}
#endif

}  // namespace comreg::text
