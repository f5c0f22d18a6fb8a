// Single-byte code pages of BOM-less .reg files: REGEDIT4 files are written in the ANSI code
// page of the Windows that wrote them, and older tools wrote OEM (DOS) code pages.
#pragma once

#include <array>
#include <string>

namespace comreg::regfile {

/// One code page: the code points of bytes 0x80-0xFF (0x00-0x7F are ASCII in each).
struct SingleByteCodePage {
  unsigned number = 0;
  const char* name = "";    // "Windows-1251", "OEM 866"
  const char* script = "";  // what it is for: "Cyrillic"
  const std::array<char16_t, 128>* high = nullptr;

  [[nodiscard]] char32_t to_unicode(unsigned char c) const {
    return c < 0x80 ? c : (*high)[c - 0x80];
  }
};

/// The code page `number` (1250-1258, 437, 850, 866), or nullptr.
[[nodiscard]] const SingleByteCodePage* single_byte_code_page(unsigned number);

/// "1250 (Central European), ..., 65001 (UTF-8)": every code page --codepage takes.
[[nodiscard]] std::string supported_code_pages_text();

}  // namespace comreg::regfile
