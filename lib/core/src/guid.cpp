#include "comreg/core/guid.hpp"

#include <array>
#include <cstdint>

namespace comreg {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The 32 hex digits of a GUID in text order, or false when `text` is not a GUID.
bool guid_digits(std::string_view text, char (&digits)[32]) {
  if (text.size() == 38) {
    if (text.front() != '{' || text.back() != '}') return false;
    text = text.substr(1, 36);
  }
  if (text.size() != 36) return false;
  int d = 0;
  for (std::size_t i = 0; i < 36; ++i) {
    const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_position) {
      if (text[i] != '-') return false;
      continue;
    }
    if (hex_value(text[i]) < 0) return false;
    digits[d++] = text[i];
  }
  return true;
}

// Whether `s` is canonical ("{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", upper-case hex), giving
// each digit's value to `digit` in text order on the way. Every GUID of a description and of a
// plan's keys is checked here: a table, no branch per digit; with nothing to give, the reading
// compiles away.
template <class Digit>
bool read_canonical_guid(std::string_view s, Digit&& digit) {
  static constexpr auto upper_hex_value = [] {
    std::array<std::uint8_t, 256> table{};
    table.fill(0xFF);
    for (char c = '0'; c <= '9'; ++c) {
      table[static_cast<unsigned char>(c)] = static_cast<std::uint8_t>(c - '0');
    }
    for (char c = 'A'; c <= 'F'; ++c) {
      table[static_cast<unsigned char>(c)] = static_cast<std::uint8_t>(c - 'A' + 10);
    }
    return table;
  }();
  if (s.size() != 38 || s[0] != '{' || s[9] != '-' || s[14] != '-' || s[19] != '-' ||
      s[24] != '-' || s[37] != '}') {
    return false;
  }
  unsigned seen = 0;  // the values or'ed: above 0xF when any character was not a digit
  for (std::size_t i = 1; i < 37; ++i) {
    if (i == 9 || i == 14 || i == 19 || i == 24) continue;
    const std::uint8_t v = upper_hex_value[static_cast<unsigned char>(s[i])];
    seen |= v;
    digit(v & 0xFu);
  }
  return seen <= 0xF;
}

}  // namespace

bool is_canonical_guid(std::string_view s) {
  return read_canonical_guid(s, [](unsigned) {});
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> canonical_guid_halves(std::string_view s) {
  std::uint64_t halves[2] = {0, 0};
  int digits = 0;
  const bool canonical = read_canonical_guid(s, [&](unsigned v) {
    std::uint64_t& half = halves[digits < 16 ? 0 : 1];
    half = half << 4 | v;
    ++digits;
  });
  if (!canonical) return std::nullopt;
  return std::pair{halves[0], halves[1]};
}

std::optional<std::string> normalize_guid(std::string_view text) {
  char digits[32];
  if (!guid_digits(text, digits)) return std::nullopt;
  std::string out;
  out.reserve(38);
  out.push_back('{');
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out.push_back('-');
    const char c = digits[i];
    out.push_back(c >= 'a' && c <= 'f' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  out.push_back('}');
  return out;
}

std::optional<std::array<std::uint8_t, 16>> guid_bytes(std::string_view text) {
  char digits[32];
  if (!guid_digits(text, digits)) return std::nullopt;
  std::array<std::uint8_t, 16> in_text_order{};
  for (int i = 0; i < 16; ++i) {
    in_text_order[static_cast<std::size_t>(i)] =
        static_cast<std::uint8_t>(hex_value(digits[2 * i]) * 16 + hex_value(digits[2 * i + 1]));
  }
  // Data1 (4 bytes) and Data2/Data3 (2 bytes each) are little-endian in memory.
  std::array<std::uint8_t, 16> out = in_text_order;
  const auto& t = in_text_order;
  out[0] = t[3], out[1] = t[2], out[2] = t[1], out[3] = t[0];
  out[4] = t[5], out[5] = t[4];
  out[6] = t[7], out[7] = t[6];
  return out;
}

}  // namespace comreg
