// The exit-code contract of the comreg command (scripts depend on it).
#pragma once

namespace comreg::cli {

enum ExitCode : int {
  exit_ok = 0,           // success: valid, written, matches
  exit_problems = 1,     // problems found in the input (or drift, for verify)
  exit_usage_or_io = 2,  // bad command line, unreadable input, unwritable output
};

}  // namespace comreg::cli
