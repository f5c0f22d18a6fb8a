// The registry hive file format ("regf") as comreg's own reader and writer use it: record
// offsets, limits, little-endian access, and the name rules (case, hash, encodings). From the
// published specification (msuhanov/regf, "Windows registry file format specification").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace comreg::regf {

constexpr std::size_t base_block_size = 4096;  // the file header; cell offsets count after it
constexpr std::size_t bin_header_size = 32;
constexpr std::size_t bin_granularity = 4096;  // every hive bin is a multiple of this
constexpr std::uint32_t no_cell = 0xFFFFFFFFu;

// Key node (nk): the fixed fields before the name, and the ones comreg rewrites.
constexpr std::size_t nk_fixed = 76;
constexpr std::size_t nk_flags = 2, nk_timestamp = 4, nk_parent = 16, nk_subkey_count = 20,
                      nk_volatile_count = 24, nk_subkey_list = 28, nk_volatile_list = 32,
                      nk_value_count = 36, nk_value_list = 40, nk_security = 44, nk_class = 48,
                      nk_max_subkey_name = 52, nk_max_class = 56, nk_max_value_name = 60,
                      nk_max_value_data = 64, nk_name_length = 72, nk_class_length = 74;
constexpr std::uint16_t key_comp_name = 0x0020;  // name stored one byte per character

// Key value (vk).
constexpr std::size_t vk_fixed = 20;
constexpr std::uint16_t value_comp_name = 0x0001;
constexpr std::uint32_t data_inline = 0x80000000u;  // data size flag: data in the offset field

// Big data (db): values longer than one segment, in hives of version 1.4 and later.
constexpr std::size_t big_data_segment = 16344;

// Subkey lists. Windows keeps a fast or hash leaf within one 4 KiB block:
// (4096 - 32 bin header - 4 cell size - 4 leaf header) / 8 bytes an element = 507; an index
// root holds at most (4096 - 40) / 4 - 1 = 1013 leaves.
constexpr std::size_t max_leaf_elements = 507;
constexpr std::size_t max_root_elements = 1013;

// Little-endian access to a byte buffer (no alignment assumed).
[[nodiscard]] inline std::uint16_t get16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] | p[1] << 8);
}
[[nodiscard]] inline std::uint32_t get32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}
[[nodiscard]] inline std::uint64_t get64(const std::uint8_t* p) {
  return get32(p) | static_cast<std::uint64_t>(get32(p + 4)) << 32;
}
inline void put16(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
}
inline void put32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
inline void put64(std::uint8_t* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

/// The XOR of the 127 dwords before offset 508 of a base block (a hive's first 512 bytes, or a
/// log's first sector): its checksum as readers check it. (Windows' writer stores 1 for 0 and
/// -2 for -1; seal_base_block() does too.)
[[nodiscard]] inline std::uint32_t base_block_xor(const std::uint8_t* block) {
  std::uint32_t x = 0;
  for (std::size_t at = 0; at < 508; at += 4) x ^= get32(block + at);
  return x;
}

/// The uppercase of a UTF-16 code unit as Windows compares and sorts key names: ASCII,
/// Latin-1, Greek and Cyrillic letters (the scripts of real key names; others unchanged).
[[nodiscard]] char16_t upcase(char16_t c);

/// `name` in uppercase, code unit by code unit: the order of subkey lists and the key of every
/// case-insensitive lookup.
[[nodiscard]] std::u16string upcased(std::u16string_view name);

/// The hash of a hash leaf element: H = 37 * H + each uppercase code unit.
[[nodiscard]] std::uint32_t name_hash(std::u16string_view name);

/// A stored name as UTF-16 code units: one byte per unit when compressed, else UTF-16LE.
[[nodiscard]] std::u16string decode_name(const std::uint8_t* p, std::size_t bytes, bool compressed);

/// Whether a name can be stored compressed (one byte per character). Only ASCII is: Windows
/// stores Latin-1 so too, but readers disagree on what a compressed byte above 0x7F means.
[[nodiscard]] bool compressible(std::u16string_view name);

/// The stored bytes of `name`, compressed or UTF-16LE.
[[nodiscard]] std::string encode_name(std::u16string_view name, bool compressed);

/// Now, as a FILETIME (100 ns since 1601-01-01 UTC).
[[nodiscard]] std::uint64_t filetime_now();

}  // namespace comreg::regf
