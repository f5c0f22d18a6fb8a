#include "readers/code_page_report.hpp"

#include <cstdio>

#include "comreg/readers/reg_reader.hpp"

namespace comreg::regfile {
namespace {

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", c);
  return buf;
}

// Line and column (1-based, in bytes: one byte is one character of 8-bit text) of `at`.
SourceLocation locate(const RegText& text, std::size_t at, const std::string& file) {
  std::size_t start = at;
  while (start > text.body() && text.unit(start - 1) != '\n' && text.unit(start - 1) != '\r')
    --start;
  return {file, text.line_of(at), static_cast<std::uint32_t>(at - start + 1), {}};
}

// What the 8-bit bytes look like, read as Windows-1252.
struct HighBytes {
  std::size_t count = 0;      // bytes above 0x7F
  std::size_t undefined = 0;  // bytes Windows-1252 has no character for
  std::size_t first_undefined = 0;
  std::size_t runs = 0;  // runs of 3 or more: words of a non-Latin script
  std::size_t first_run = 0;
};

HighBytes survey(const RegText& text) {
  HighBytes h;
  const SingleByteCodePage& cp1252 = *single_byte_code_page(1252);
  std::size_t run = 0;
  for (std::size_t at = text.body(); at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text.unit(at));
    if (c < 0x80) {
      run = 0;
      continue;
    }
    ++h.count;
    if (cp1252.to_unicode(c) == 0xFFFD && h.undefined++ == 0) h.first_undefined = at;
    if (++run == 3 && h.runs++ == 0) h.first_run = at - 2;
  }
  return h;
}

}  // namespace

void report_code_page(const RegText& text, unsigned asked, const std::string& file,
                      Diagnostics& diagnostics) {
  const std::size_t at = text.first_non_utf8();
  if (at == std::string_view::npos || (asked != 0 && asked != 65001)) return;
  const auto c = static_cast<unsigned char>(text.unit(at));
  if (asked == 65001) {
    diagnostics.error(
        "reg-codepage", "byte " + hex_byte(c) + " is not UTF-8, the code page asked for (65001)",
        locate(text, at, file),
        "pass --codepage with the code page the file was written in: " + supported_code_pages());
    return;
  }
  const HighBytes h = survey(text);
  std::string hint;
  if (h.runs > 0) {
    std::string sample;
    for (std::size_t i = h.first_run; i < h.first_run + 3; ++i) {
      sample += (sample.empty() ? "" : " ") + hex_byte(static_cast<unsigned char>(text.unit(i)));
    }
    const SourceLocation where = locate(text, h.first_run, file);
    hint = std::to_string(h.runs) + " runs of 8-bit letters (the first " + sample + " at line " +
           std::to_string(where.line) +
           ") look like a non-Latin script: Cyrillic (--codepage 1251 or 866), Greek (1253), "
           "Hebrew (1255) or Arabic (1256)?";
  } else if (h.undefined > 0) {
    hint = "byte " + hex_byte(static_cast<unsigned char>(text.unit(h.first_undefined))) +
           " (line " + std::to_string(locate(text, h.first_undefined, file).line) +
           ") has no character in Windows-1252: a DOS code page (--codepage 437, 850 or 866)?";
  } else {
    hint =
        "its accented letters fit Windows-1252; if the Windows that wrote it had another ANSI "
        "code page, pass it";
  }
  diagnostics.warning("reg-codepage",
                      "byte " + hex_byte(c) + " is not UTF-8: the file's 8-bit text (" +
                          std::to_string(h.count) +
                          " bytes above 0x7F) is read as Windows-1252 (Western European)",
                      locate(text, at, file),
                      hint + " --codepage N reads it in code page N: " + supported_code_pages());
}

}  // namespace comreg::regfile
