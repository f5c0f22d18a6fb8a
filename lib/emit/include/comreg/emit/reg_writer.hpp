// RegFileWriter: a plan as a .reg file that regedit and `reg import` read.
#pragma once

#include <cstdint>
#include <string>

#include "comreg/core/diagnostics.hpp"
#include "comreg/core/output_file.hpp"
#include "comreg/plan/plan.hpp"

namespace comreg {

enum class RegFormat : std::uint8_t {
  v5,        // "Windows Registry Editor Version 5.00", UTF-16LE with BOM, CRLF (regedit's default)
  regedit4,  // "REGEDIT4", 8-bit (ASCII only: the reader's ANSI code page is unknown), CRLF
};

struct RegWriteOptions {
  RegFormat format = RegFormat::v5;
  bool uninstall = false;  // [-key] for owned roots, "name"=- for values set in shared keys
};

struct RegWriteResult {
  std::string bytes;  // the whole file; empty when diagnostics has errors
  Diagnostics diagnostics;
};

[[nodiscard]] RegWriteResult write_reg(const Plan& plan, const RegWriteOptions& options = {});

/// The same file written into `out` as it goes, in chunks of a few hundred KB, for a caller
/// that writes it to a file (a 10,000-class file is 40 MB). When the diagnostics have errors,
/// what `out` received is not the file: discard it.
[[nodiscard]] Diagnostics write_reg(const Plan& plan, const RegWriteOptions& options,
                                    ByteSink& out);

}  // namespace comreg
