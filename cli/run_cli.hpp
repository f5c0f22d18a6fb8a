// The comreg program as a function, so that tests can run it in-process.
#pragma once

namespace comreg::cli {

/// Parses the command line, runs the chosen command and returns its exit code (exit_codes.hpp):
/// the one place where a failure becomes a message and an exit code.
int run_cli(int argc, char** argv);

}  // namespace comreg::cli
