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
Command add_wix_command(CLI::App& app);
Command add_rgs_command(CLI::App& app);
Command add_inno_command(CLI::App& app);
Command add_gpp_command(CLI::App& app);
Command add_selfreg_command(CLI::App& app);
Command add_import_command(CLI::App& app);
Command add_recover_command(CLI::App& app);
Command add_lint_command(CLI::App& app);
Command add_guid_command(CLI::App& app);
Command add_new_command(CLI::App& app);
Command add_check_command(CLI::App& app);

}  // namespace comreg::cli
