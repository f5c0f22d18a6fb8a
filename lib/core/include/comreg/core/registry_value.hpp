// Typed registry values, independent of any registry implementation.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace comreg {

/// Registry value types, numbered as winnt.h numbers them (the .reg "hex(N)" forms use these).
enum class RegType : std::uint32_t {
  none = 0,
  sz = 1,
  expand_sz = 2,
  binary = 3,
  dword = 4,
  dword_big_endian = 5,
  link = 6,
  multi_sz = 7,
  resource_list = 8,
  full_resource_descriptor = 9,
  resource_requirements_list = 10,
  qword = 11,
};

/// "REG_SZ", "REG_DWORD", … ; "REG_0x%x" for unnamed types.
[[nodiscard]] std::string reg_type_name(RegType t);

/// A typed value. Strings are UTF-8 here and UTF-16LE in the registry; `raw_bytes()` gives
/// the exact bytes Windows stores (strings NUL-terminated, MULTI_SZ double-NUL-terminated),
/// which is what comparisons use.
struct RegValue {
  RegType type = RegType::none;
  std::string text;                  // sz, expand_sz
  std::vector<std::string> strings;  // multi_sz
  std::uint64_t number = 0;          // dword, qword
  std::vector<std::uint8_t> bytes;   // binary and every other type: the raw data

  [[nodiscard]] static RegValue sz(std::string s);
  [[nodiscard]] static RegValue expand_sz(std::string s);
  [[nodiscard]] static RegValue dword(std::uint32_t v);
  [[nodiscard]] static RegValue qword(std::uint64_t v);
  [[nodiscard]] static RegValue multi_sz(std::vector<std::string> v);
  [[nodiscard]] static RegValue binary(std::vector<std::uint8_t> v);
  /// Any type from its raw registry bytes (decodes strings and numbers where the type says so).
  [[nodiscard]] static RegValue from_raw(RegType type, std::vector<std::uint8_t> raw);
  /// The same from bytes the caller keeps (a store's own), copied only when the value must
  /// keep them.
  [[nodiscard]] static RegValue from_raw_view(RegType type, std::span<const std::uint8_t> raw);

  [[nodiscard]] std::vector<std::uint8_t> raw_bytes() const;
  /// Human-readable rendering for reports: strings quoted, numbers as 0x… hex, bytes as hex.
  [[nodiscard]] std::string display() const;
  /// display() appended to `out`: strings, most values, without a temporary.
  void display(std::string& out) const;

  friend bool operator==(const RegValue& a, const RegValue& b);
};

}  // namespace comreg
