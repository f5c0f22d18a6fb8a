// Each subcommand is set up by one function in its own cmd_*.cpp file.
#pragma once

#include "cli_options.hpp"

namespace comreg::cli {

Command add_validate_command(CLI::App& app);
Command add_plan_command(CLI::App& app);
Command add_reg_command(CLI::App& app);
Command add_manifest_command(CLI::App& app);
Command add_install_command(CLI::App& app);
Command add_uninstall_command(CLI::App& app);
Command add_verify_command(CLI::App& app);
Command add_check_command(CLI::App& app);

}  // namespace comreg::cli
