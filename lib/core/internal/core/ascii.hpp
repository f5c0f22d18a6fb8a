// ASCII case folding. Registry key and value names compare case-insensitively; the names COM
// uses are ASCII, and the registry's own folding of other characters is not needed here.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace comreg::text {

/// The eight bytes at `p` as one word, in memory order (any alignment): the word-at-a-time
/// scans of names and lines read through this.
[[nodiscard]] inline std::uint64_t load8(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, 8);
  return word;
}

/// Whether any byte of `x` is below `n` (at most 0x80; bytes from 0x80 up never count): the
/// word-at-a-time scans of text for control characters and delimiters.
[[nodiscard]] inline bool has_byte_below(std::uint64_t x, unsigned n) {
  constexpr std::uint64_t ones = 0x0101010101010101;
  return ((x - ones * n) & ~x & ones * 0x80) != 0;
}

/// Whether any byte of `x` is `c`.
[[nodiscard]] inline bool has_byte(std::uint64_t x, char c) {
  constexpr std::uint64_t ones = 0x0101010101010101;
  return has_byte_below(x ^ ones * static_cast<unsigned char>(c), 1);
}

/// Whether any byte of `x` is 0x80 or above (not ASCII).
[[nodiscard]] inline bool has_high_byte(std::uint64_t x) {
  return (x & 0x8080808080808080) != 0;
}

/// How many bytes `a` and `b` have in common at their start, compared eight at a time: a store
/// asked about many paths in a row starts each below the keys the last one shares with it.
[[nodiscard]] inline std::size_t common_prefix(std::string_view a, std::string_view b) {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t x = load8(a.data() + i) ^ load8(b.data() + i);
    if (x != 0) {
      // The first differing byte: the lowest in memory order.
      return i + static_cast<std::size_t>((std::endian::native == std::endian::little
                                               ? std::countr_zero(x)
                                               : std::countl_zero(x)) /
                                          8);
    }
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

/// Eight characters (read as one word) with A-Z lowered at once; other bytes, UTF-8's too,
/// unchanged. Key paths are long and compared often: a byte at a time was a tenth of a read.
[[nodiscard]] inline std::uint64_t fold8(std::uint64_t x) {
  constexpr std::uint64_t ones = 0x0101010101010101;
  constexpr std::uint64_t high = ones * 0x80;
  const std::uint64_t low = x & ~high;  // no carry between bytes below
  const std::uint64_t from_a = low + ones * (0x80 - 'A');
  const std::uint64_t past_z = low + ones * (0x80 - 'Z' - 1);
  const std::uint64_t upper = from_a & ~past_z & ~x & high;
  return x | (upper >> 2);  // 0x80 >> 2 is the case bit
}

[[nodiscard]] inline char fold_char(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// The `n` characters at `p` with A-Z lowered, in place, eight at a time.
inline void fold_in_place(char* p, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t word = fold8(load8(p + i));
    std::memcpy(p + i, &word, 8);
  }
  for (; i < n; ++i) p[i] = fold_char(p[i]);
}

/// `s` with A-Z lowered.
[[nodiscard]] inline std::string fold_case(std::string_view s) {
  std::string out(s);
  fold_in_place(out.data(), out.size());
  return out;
}

/// Equal but for ASCII case.
[[nodiscard]] inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  std::size_t i = 0;
  for (; i + 8 <= a.size(); i += 8) {
    const std::uint64_t x = load8(a.data() + i);
    const std::uint64_t y = load8(b.data() + i);
    if (x != y && fold8(x) != fold8(y)) return false;
  }
  for (; i < a.size(); ++i) {
    if (fold_char(a[i]) != fold_char(b[i])) return false;
  }
  return true;
}

}  // namespace comreg::text
