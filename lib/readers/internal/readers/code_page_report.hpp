// What the reader says about the code page of BOM-less 8-bit text: which bytes made it read
// the file as Windows-1252, and what they look like; or where a file read as UTF-8 by request
// is not.
#pragma once

#include <string>

#include "comreg/core/diagnostics.hpp"
#include "readers/reg_text.hpp"

namespace comreg::regfile {

/// `asked`: RegReadOptions::code_page. Nothing to say for UTF-16, valid UTF-8 and a single-byte
/// code page that was asked for; a "reg-codepage" warning when 8-bit text that is not UTF-8 is
/// read as Windows-1252 by default; a "reg-codepage" error when 65001 was asked and it is not.
void report_code_page(const RegText& text, unsigned asked, const std::string& file,
                      Diagnostics& diagnostics);

}  // namespace comreg::regfile
