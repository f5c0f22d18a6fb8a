// RegText: the bytes of a .reg file as a sequence of 8- or 16-bit code units, with the line
// boundaries regedit uses (CR, LF or CRLF) and the decoding of one line to UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "readers/code_pages.hpp"

namespace comreg::regfile {

enum class Encoding : std::uint8_t {
  utf16le,  // BOM FF FE
  utf8_bom,
  eight_bit,  // no BOM: UTF-8, or a single-byte code page
};

class RegText {
 public:
  /// `code_page`: what BOM-less 8-bit text is in: 0 = UTF-8 when the whole text is valid
  /// UTF-8, else Windows-1252; 65001 = UTF-8; else a single_byte_code_page() number (the
  /// caller has checked it). A BOM names the encoding whatever `code_page` says.
  explicit RegText(std::string_view bytes, unsigned code_page = 0);

  [[nodiscard]] Encoding encoding() const { return encoding_; }
  [[nodiscard]] bool wide() const { return encoding_ == Encoding::utf16le; }
  [[nodiscard]] std::size_t unit_size() const { return wide() ? 2 : 1; }
  /// Byte offset of the first unit after the BOM.
  [[nodiscard]] std::size_t body() const { return body_; }
  [[nodiscard]] std::size_t size() const { return end_; }
  [[nodiscard]] std::string_view bytes() const { return bytes_; }

  /// The code unit at byte offset `pos` (pos < size()).
  [[nodiscard]] std::uint16_t unit(std::size_t pos) const {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data()) + pos;
    return wide() ? static_cast<std::uint16_t>(p[0] | (p[1] << 8)) : p[0];
  }

  /// Byte offset of the end of the line starting at `pos` (its CR or LF, or size()).
  [[nodiscard]] std::size_t line_end(std::size_t pos) const;
  /// Byte offset of the line after the line ending at `end` (skips CR, LF or CRLF).
  [[nodiscard]] std::size_t next_line(std::size_t end) const;

  /// Byte offset of the next line at or after `pos` whose first non-blank unit is '[' (the
  /// offset of that '['), or size(). `pos` must be a line start. Scans with memchr: this is
  /// the path that skips the sections a filtered read does not keep.
  [[nodiscard]] std::size_t next_key_line(std::size_t pos) const;
  /// The same from inside a line (`pos` need not be a line start): the '[' must begin a line.
  [[nodiscard]] std::size_t next_key_line_after(std::size_t pos) const;

  /// The units [begin, end) as UTF-8 (unpaired surrogates become U+FFFD; 8-bit text in the
  /// code page chosen at construction).
  [[nodiscard]] std::string decode(std::size_t begin, std::size_t end) const;
  /// The same, into `out` (replacing its contents): a reused buffer, no allocation per line.
  void decode_into(std::size_t begin, std::size_t end, std::string& out) const;

  /// 8-bit text is read through this single-byte code page; nullptr: it is read as UTF-8.
  [[nodiscard]] const SingleByteCodePage* code_page() const { return code_page_; }
  /// Byte offset of the first byte of 8-bit text that is not UTF-8 (npos when it all is, and
  /// for UTF-16): where a file read as Windows-1252 by default, or as UTF-8 by request, has
  /// the bytes that made it so.
  [[nodiscard]] std::size_t first_non_utf8() const { return first_non_utf8_; }
  /// Bytes of 8-bit string data (REGEDIT4 hex(1)/hex(2)/hex(7)) as UTF-8: in the code page
  /// asked for; by default UTF-8 when they are valid UTF-8, else Windows-1252.
  [[nodiscard]] std::string decode_8bit(std::string_view raw) const;

  /// 1-based line number of byte offset `pos`. Counts from the last answer, so ask in
  /// increasing order (it is asked only for diagnostics).
  [[nodiscard]] std::uint32_t line_of(std::size_t pos) const;

 private:
  std::string_view bytes_;
  Encoding encoding_ = Encoding::eight_bit;
  std::size_t body_ = 0;
  std::size_t end_ = 0;
  const SingleByteCodePage* code_page_ = nullptr;
  bool code_page_asked_ = false;  // code_page_ (or UTF-8) given, not chosen from the bytes
  std::size_t first_non_utf8_ = std::string_view::npos;
  mutable std::size_t counted_pos_ = 0;
  mutable std::uint32_t counted_lines_ = 1;
};

}  // namespace comreg::regfile
