// How a command stops early: it throws CliError, and run_cli() (command_line.cpp), the one
// place that turns failures into messages and exit codes, prints and returns it. A command's
// verdict (0 ok, 1 problems found) is its return value; only stopping short is thrown.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "exit_codes.hpp"

namespace comreg::cli {

/// A command that cannot go on. `messages` are printed as "comreg: error: <message>", one line
/// each; none when what went wrong was already reported as diagnostics (in the command's
/// --format, where they belong).
struct CliError {
  ExitCode exit_code = exit_usage_or_io;
  std::vector<std::string> messages;
};

/// Stops the command with "comreg: error: <message>" and `code` (usage or I/O by default).
[[noreturn]] inline void fail(std::string message, ExitCode code = exit_usage_or_io) {
  throw CliError{code, {std::move(message)}};
}

/// Stops the command with `code` when its diagnostics, already printed, said why.
[[noreturn]] inline void fail_reported(ExitCode code) {
  throw CliError{code, {}};
}

}  // namespace comreg::cli
