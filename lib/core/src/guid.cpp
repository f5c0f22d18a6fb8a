#include "comreg/core/guid.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

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
// each digit's value to `digit` in text order on the way: the reading for machines that are not
// little-endian (the word-at-a-time one below assumes that order).
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
  unsigned seen = 0;  // the values or'ed: above 0xF when any character was not a digit
  for (std::size_t i = 1; i < 37; ++i) {
    if (i == 9 || i == 14 || i == 19 || i == 24) continue;
    const std::uint8_t v = upper_hex_value[static_cast<unsigned char>(s[i])];
    seen |= v;
    digit(v & 0xFu);
  }
  return seen <= 0xF;
}

std::uint64_t load_bytes(const char* p, std::size_t n) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, n);
  return word;
}

// Eight upper-case hex digits, read as one little-endian word (the first digit in the lowest
// byte), as their 32-bit value; the high bit of each byte that is not one is set in `bad`.
// Every GUID of a description and of a plan's keys is read here: a tenth of a validate went
// to reading them a digit at a time.
inline std::uint64_t upper_hex8(std::uint64_t word, std::uint64_t& bad) {
  constexpr std::uint64_t ones = 0x0101010101010101;
  constexpr std::uint64_t high = ones * 0x80;
  const std::uint64_t low = word & ~high;  // below 0x80: the sums below carry into no other byte
  const std::uint64_t digit = (low + ones * (0x80 - '0')) & ~(low + ones * (0x7F - '9'));
  const std::uint64_t letter = (low + ones * (0x80 - 'A')) & ~(low + ones * (0x7F - 'F')) & high;
  bad |= word | ~(digit | letter);
  // Each byte's value ('A' & 0xF is 1, plus 9), then the nibbles put side by side, the first
  // digit highest: pairs into bytes, bytes into 16 bits, those into 32.
  std::uint64_t x = (low & ones * 0x0F) + (letter >> 7) * 9;
  x = ((x << 4) | (x >> 8)) & 0x00FF00FF00FF00FF;
  x = ((x << 8) | (x >> 16)) & 0x0000FFFF0000FFFF;
  return ((x << 16) | (x >> 32)) & 0xFFFFFFFF;
}

}  // namespace

std::optional<std::pair<std::uint64_t, std::uint64_t>> canonical_guid_halves(std::string_view s) {
  if (s.size() != 38 || s[0] != '{' || s[9] != '-' || s[14] != '-' || s[19] != '-' ||
      s[24] != '-' || s[37] != '}') {
    return std::nullopt;
  }
  if constexpr (std::endian::native == std::endian::little) {
    // The digits in text order, eight at a time: 1-8, 10-13 and 15-18, 20-23 and 25-28, 29-36.
    const char* p = s.data();
    std::uint64_t bad = 0;
    const std::uint64_t a = upper_hex8(load_bytes(p + 1, 8), bad);
    const std::uint64_t b = upper_hex8(load_bytes(p + 10, 4) | load_bytes(p + 15, 4) << 32, bad);
    const std::uint64_t c = upper_hex8(load_bytes(p + 20, 4) | load_bytes(p + 25, 4) << 32, bad);
    const std::uint64_t d = upper_hex8(load_bytes(p + 29, 8), bad);
    if ((bad & 0x8080808080808080) != 0) return std::nullopt;
    return std::pair{a << 32 | b, c << 32 | d};
  } else {
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
}

bool is_canonical_guid(std::string_view s) {
  return canonical_guid_halves(s).has_value();
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
