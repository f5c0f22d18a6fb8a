// RegFileReader: a .reg file (what regedit, `reg export` and comreg write) read into a
// MemoryBackend.
//
// Reads both headers ("Windows Registry Editor Version 5.00" and "REGEDIT4"), UTF-16LE with BOM,
// UTF-8 with or without BOM and 8-bit text in a single-byte code page (Windows-1252 unless
// told), CRLF/LF/CR line ends, `;` comments, `[key]`, `[-key]`, `@=`, `"name"=`, `"name"=-`,
// strings with escapes, `dword:`, `hex:` and every `hex(N):` type with backslash continuations.
// Root names may be abbreviated as `reg` accepts them (HKCR, HKCU, HKLM, HKU, HKCC); keys are
// stored under the long names. Also Windows 3.1's format (header "REGEDIT", lines
// `HKEY_CLASSES_ROOT\key = value`), and files joined one after the other (a header again
// mid-file is skipped, as regedit skips it, with a warning).
//
// Where Wine's importer silently drops a line it cannot read, this reader reports it (file:line:
// col, what was expected) and applies nothing: a verify must not compare against half a file.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "comreg/core/diagnostics.hpp"
#include "comreg/store/memory_backend.hpp"

namespace comreg {

struct RegReadOptions {
  std::string file_name;  // for diagnostics
  /// Non-empty: only keys equal to or below these full paths (case-insensitive, after
  /// `root_aliases`) are kept; every other section is skipped at scanning speed and is not
  /// checked for errors. `[-key]` lines that delete a kept key or one of its parents still apply.
  std::vector<std::string> only_under;
  /// Prefix rewrites applied to every key path after the root is expanded, first match wins:
  /// {"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER\\Software\\Classes"} reads an export of the merged
  /// view as the per-user classes root.
  std::vector<std::pair<std::string, std::string>> root_aliases;
  /// What BOM-less 8-bit text is in: 0 = UTF-8 when all of it is valid UTF-8, else
  /// Windows-1252 with a "reg-codepage" warning; 65001 = UTF-8 (bytes that are not: an error);
  /// else a number is_supported_code_page() accepts. A BOM names the encoding instead.
  unsigned code_page = 0;
};

/// True for the code pages RegReadOptions::code_page takes: 1250-1258, 437, 850, 866, 65001.
[[nodiscard]] bool is_supported_code_page(unsigned code_page);
/// Those code pages with what each is for, for messages: "1250 (Central European), ...".
[[nodiscard]] std::string supported_code_pages();

/// What a read saw, for reports and benchmarks.
struct RegReadStats {
  std::size_t bytes = 0;
  std::size_t keys_kept = 0;     // key sections applied
  std::size_t keys_skipped = 0;  // key sections skipped by `only_under`
  std::size_t keys_aliased = 0;  // kept key sections named through one of `root_aliases`
};

/// Reads the whole file `bytes` into `into`. On any error the diagnostics say where and what
/// was expected, and `into` is left unchanged; returns false then.
bool read_reg(std::string_view bytes, const RegReadOptions& options, MemoryBackend& into,
              Diagnostics& diagnostics, RegReadStats* stats = nullptr);

/// read_reg() of a file, mapped rather than copied, in one pass whose memory does not grow
/// with the file (pages already read are released). A file that cannot be opened is an error
/// with code "cannot-read".
bool read_reg_file(const std::string& path, const RegReadOptions& options, MemoryBackend& into,
                   Diagnostics& diagnostics, RegReadStats* stats = nullptr);

}  // namespace comreg
