// Every subcommand of comreg, in the order `comreg --help` lists them. The parser
// (command_line.cpp) is built from this table, and so are the hostile-input runs
// (tests/hostile/hostile_commands.cpp): a command added here is parsed, documented by --help
// and, when it writes a file from a description, fed every hostile description.
#pragma once

#include <vector>

#include "option_spec.hpp"

namespace comreg::cli {

/// A fresh set of commands, each with its own option values.
[[nodiscard]] std::vector<CommandSpec> make_commands();

}  // namespace comreg::cli
