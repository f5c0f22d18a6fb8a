// The one reader of server command lines and DLL paths (core/command_line.hpp), on each side
// of every rule: what CreateProcess starts, what the author meant, what COM loads.
#include <catch2/catch.hpp>
#include <string_view>

#include "core/command_line.hpp"

using namespace comreg;

TEST_CASE("Command line: split as CreateProcess splits it", "[command-line]") {
  const CommandLine quoted = split_command_line("\"C:\\Program Files\\srv.exe\" /a b");
  CHECK(quoted.quoted);
  CHECK(quoted.program == "C:\\Program Files\\srv.exe");
  CHECK(quoted.rest == " /a b");
  CHECK(quoted.arguments() == "/a b");
  CHECK(quoted.well_formed());

  // Unquoted, the first word is the file CreateProcess tries first; a tab separates too.
  const CommandLine bare = split_command_line("C:\\Program Files\\srv.exe\t-Embedding");
  CHECK_FALSE(bare.quoted);
  CHECK(bare.program == "C:\\Program");
  CHECK(bare.arguments() == "Files\\srv.exe\t-Embedding");
  CHECK(split_command_line("C:\\a\\srv.exe\t/x").program == "C:\\a\\srv.exe");

  // Text right after the closing quote: the program is not what the quotes show.
  const CommandLine glued = split_command_line("\"C:\\a.exe\"/x");
  CHECK(glued.program == "C:\\a.exe");
  CHECK(glued.arguments() == "/x");
  CHECK_FALSE(glued.well_formed());

  // A quote that never closes is part of the first word (Wine's get_file_name).
  const CommandLine open = split_command_line("\"C:\\a.exe /x");
  CHECK_FALSE(open.quoted);
  CHECK(open.program == "\"C:\\a.exe");
  CHECK(open.arguments() == "/x");

  CHECK(split_command_line("").program.empty());
  CHECK(split_command_line("\"\"").quoted);
}

TEST_CASE("Command line: the program its author meant", "[command-line]") {
  IntendedCommand c = intended_command("C:\\Program Files\\x\\srv.exe /automation");
  CHECK(c.program == "C:\\Program Files\\x\\srv.exe");
  CHECK(c.arguments == "/automation");
  c = intended_command("C:\\Program Files\\x\\SRV.EXE");
  CHECK(c.program == "C:\\Program Files\\x\\SRV.EXE");
  CHECK(c.arguments.empty());
  // ".exe" inside a folder name is not the end of the program.
  c = intended_command("C:\\tools.exe\\srv.exe\t-x");
  CHECK(c.program == "C:\\tools.exe\\srv.exe");
  CHECK(c.arguments == "-x");
  CHECK(intended_command("C:\\a.executables\\srv.exe").program == "C:\\a.executables\\srv.exe");
  // Without an ".exe" the whole text is the program; trailing blanks are no arguments.
  CHECK(intended_command("C:\\Program Files\\srv").program == "C:\\Program Files\\srv");
  c = intended_command("C:\\a\\srv.exe   ");
  CHECK(c.program == "C:\\a\\srv.exe");
  CHECK(c.arguments.empty());
  c = intended_command("\"C:\\a b\\srv.exe\"  -Embedding");
  CHECK(c.program == "C:\\a b\\srv.exe");
  CHECK(c.arguments == "-Embedding");
  // An unclosed quote is read as meant.
  CHECK(intended_command("\"C:\\a b\\srv.exe /x").program == "C:\\a b\\srv.exe");
}

TEST_CASE("Command line: an in-process path as COM loads it", "[command-line]") {
  CHECK(dll_path_as_com_reads("C:\\a\\x.dll") == "C:\\a\\x.dll");
  CHECK(dll_path_as_com_reads("\"C:\\Program Files\\x.dll\"") == "C:\\Program Files\\x.dll");
  // Between the first two quotes, wherever they are (Wine's get_object_dll_path).
  CHECK(dll_path_as_com_reads("\"C:\\a\\x.dll\" junk") == "C:\\a\\x.dll");
  CHECK(dll_path_as_com_reads("C:\\\"a\"\\x.dll") == "a");
  // One quote: all of it, quote included.
  CHECK(dll_path_as_com_reads("\"C:\\a\\x.dll") == "\"C:\\a\\x.dll");
  CHECK(dll_path_as_com_reads("").empty());
}
