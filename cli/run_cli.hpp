// The comreg program as a function, so that tests can run it in-process.
#pragma once

namespace comreg::cli {

/// Parses the command line, runs the chosen command and returns its exit code (exit_codes.hpp):
/// the one place where a failure becomes a message and an exit code.
int run_cli(int argc, char** argv);

/// Called by main() before run_cli(): the process ends after the command, so a command may leave
/// its large input (a model and a plan of hundreds of thousands of blocks) for the system to
/// take back whole instead of freeing it block by block. In-process callers (the tests) do not.
void end_process_after_command();

}  // namespace comreg::cli
