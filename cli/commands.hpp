// The subcommands that are not emitters (emitters.hpp), one function each in its own
// cmd_*.cpp: its options as data and what it runs. command_table.cpp lists them all.
#pragma once

#include "option_spec.hpp"

namespace comreg::cli {

[[nodiscard]] CommandSpec validate_command();
[[nodiscard]] CommandSpec install_command();
[[nodiscard]] CommandSpec uninstall_command();
[[nodiscard]] CommandSpec verify_command();
[[nodiscard]] CommandSpec import_command();
[[nodiscard]] CommandSpec recover_command();
[[nodiscard]] CommandSpec lint_command();
[[nodiscard]] CommandSpec audit_command();
[[nodiscard]] CommandSpec guid_command();
[[nodiscard]] CommandSpec new_command();
[[nodiscard]] CommandSpec check_command();
[[nodiscard]] CommandSpec list_command();

}  // namespace comreg::cli
