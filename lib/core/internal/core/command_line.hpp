// How Windows reads a server's registered command line or DLL path. One reader for every stage
// (import, verify, lint, audit, the description's rules), so each asks the same question the
// same way: what CreateProcess starts, what the author meant, what COM loads.
#pragma once

#include <string_view>

namespace comreg {

/// A LocalServer32 command split as CreateProcess splits it. A command that starts with a
/// quote and has no closing one is unquoted to CreateProcess (the quote is part of the first
/// word: Wine's get_file_name, dlls/kernelbase/process.c).
struct CommandLine {
  bool quoted = false;       // starts with a quote that closes
  std::string_view program;  // between the quotes; unquoted, up to the first blank: the
                             // file CreateProcess tries first
  std::string_view rest;     // after the program (and its closing quote), as written

  /// Quoted with the closing quote followed by the end or a blank, or unquoted: the program
  /// is what the command shows. `"C:\a.exe"x` is not.
  [[nodiscard]] bool well_formed() const;
  /// `rest` without its leading blanks.
  [[nodiscard]] std::string_view arguments() const;
};
[[nodiscard]] CommandLine split_command_line(std::string_view command);

/// A command as its author meant it, for finding the server's file: the quoted program, or
/// up to the first ".exe" followed by a blank or the end, so `C:\Program Files\x\srv.exe /a`
/// names srv.exe (CreateProcess tries C:\Program first). Without such an ".exe" the whole
/// text is the program. An unclosed quote is read as the author's, not as CreateProcess's.
struct IntendedCommand {
  std::string_view program;
  std::string_view arguments;  // after the program, without leading blanks
};
[[nodiscard]] IntendedCommand intended_command(std::string_view command);

/// An in-process server path (a REG_SZ InprocServer32 or InprocHandler32) as COM loads it:
/// the text between its first two quotes when it has two, else all of it (Wine's
/// get_object_dll_path, dlls/combase/apartment.c). A REG_EXPAND_SZ is expanded, not unquoted.
[[nodiscard]] std::string_view dll_path_as_com_reads(std::string_view text);

}  // namespace comreg
