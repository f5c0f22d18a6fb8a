// RegParser: the grammar of one .reg line at a time (after the header), in the states
// regedit's importer has: at a line start, or continuing hex data. Produces staged
// operations (RegistryOp, keys canonical); nothing touches a registry until the whole file has been
// read without errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/core/diagnostics.hpp"
#include "comreg/core/registry_op.hpp"
#include "comreg/core/registry_value.hpp"
#include "comreg/store/memory_backend.hpp"
#include "core/key_path.hpp"
#include "readers/key_filter.hpp"

namespace comreg::regfile {

/// Where the current line is, for diagnostics; its number is counted only when asked.
struct LineContext {
  std::string_view file;
  const RegText* text = nullptr;
  std::size_t pos = 0;  // byte offset of the line
  [[nodiscard]] std::uint32_t line() const { return text->line_of(pos); }
};

class RegParser {
 public:
  /// `eight_bit_strings`: hex(1)/hex(2)/hex(7) data are 8-bit text (REGEDIT4 in an 8-bit
  /// file), not UTF-16LE. With `direct`, operations go straight into it (the caller undoes
  /// them on error); without, they are staged in ops().
  RegParser(const RegText& text, const KeyFilter& filter, const Aliases& aliases,
            bool eight_bit_strings, Diagnostics& diagnostics, MemoryBackend* direct = nullptr);

  /// Parses one physical line (UTF-8, without its line break). Returns false when the line
  /// opened a key section that the filter does not keep: the caller may skip to the next key.
  bool line(std::string_view text, const LineContext& where);
  /// Parses one line of a Windows 3.1 file (header "REGEDIT"): `HKEY_CLASSES_ROOT\key = value`
  /// sets the key's default value to the rest of the line (no escapes, no other types).
  void win31_line(std::string_view text, const LineContext& where);
  /// End of input: a hex value still continuing is complete.
  void finish();

  [[nodiscard]] bool continuing() const { return pending_.has_value(); }
  [[nodiscard]] std::vector<RegistryOp>& ops() { return ops_; }
  [[nodiscard]] std::size_t keys_kept() const { return keys_kept_; }
  [[nodiscard]] std::size_t keys_aliased() const { return keys_aliased_; }

 private:
  struct PendingHex {
    std::string name;
    RegType type = RegType::binary;
    std::vector<std::uint8_t> bytes;
    bool apply = true;  // false in a [-key] section, whose values regedit ignores
  };
  enum class Section : std::uint8_t { none, kept, deleted };

  void emit(RegistryOp::Kind kind, std::string_view key, std::string name, RegValue value);
  bool key_line(std::string_view text, std::size_t at, const LineContext& where);
  // Opens the key `name` (text[name_at...]) or deletes it; false when the filter skips it.
  bool enter_key(std::string_view name, bool remove, std::string_view text, std::size_t name_at,
                 const LineContext& where);
  void value_line(std::string_view text, std::size_t at, const LineContext& where);
  void data(std::string name, std::string_view text, std::size_t at, const LineContext& where);
  // Reads hex bytes from text[at...] into `bytes`; sets `continues` on a trailing backslash.
  bool hex_bytes(std::string_view text, std::size_t at, std::vector<std::uint8_t>& bytes,
                 bool& continues, const LineContext& where);
  void finish_hex(PendingHex& pending);
  void error(std::string message, std::string_view text, std::size_t at, const LineContext& where,
             std::string hint = {});
  // Only blanks or a `;` comment may follow a complete item.
  bool rest_is_blank(std::string_view text, std::size_t at, const LineContext& where);
  // Reads a quoted string starting after its opening quote; `at` ends after the closing one.
  bool quoted(std::string_view text, std::size_t& at, std::string& out, const LineContext& where);

  const RegText& text_;
  MemoryBackend* direct_;
  const KeyFilter& filter_;
  const Aliases& aliases_;
  bool eight_bit_strings_;
  Diagnostics& diagnostics_;
  Section section_ = Section::none;
  std::string key_;
  std::optional<PendingHex> pending_;
  std::vector<RegistryOp> ops_;
  std::size_t keys_kept_ = 0;
  std::size_t keys_aliased_ = 0;
};

}  // namespace comreg::regfile
