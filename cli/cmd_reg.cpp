// comreg reg FILE: a .reg file that installs (or, with --uninstall, removes) the registration.
#include <memory>

#include "commands.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {

Command add_reg_command(CLI::App& app) {
  auto options = std::make_shared<CommonOptions>();
  auto uninstall = std::make_shared<bool>(false);
  auto regedit4 = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand("reg", "Write a .reg file (regedit / reg import)");
  add_common_options(*sub, *options, /*registry=*/true, /*output=*/true);
  sub->add_flag("--uninstall", *uninstall,
                "Write the file that removes the registration ([-key] for the keys the "
                "server owns, \"name\"=- for values in shared keys)");
  sub->add_flag("--regedit4", *regedit4,
                "Write the old REGEDIT4 format (8-bit, ASCII only) instead of version 5.00 "
                "(UTF-16LE)");
  sub->footer(
      "Examples:\n  comreg reg widgets.json -D installdir=C:\\\\Contoso -o widgets.reg\n"
      "  comreg reg widgets.json -D installdir=C:\\\\Contoso --scope machine --uninstall "
      "-o widgets-uninstall.reg");
  return {sub, [options, uninstall, regedit4]() -> int {
            Description description;
            if (const int rc = load(*options, UndefinedPlaceholder::error, description);
                rc != exit_ok) {
              return rc;
            }
            const Plan plan = make_plan(description, options->plan_options());
            RegWriteOptions write_options;
            write_options.uninstall = *uninstall;
            write_options.format = *regedit4 ? RegFormat::regedit4 : RegFormat::v5;
            const RegWriteResult result = write_reg(plan, write_options);
            if (!result.diagnostics.empty()) {
              print_diagnostics(result.diagnostics, options->output_format(), stderr);
            }
            if (result.diagnostics.has_errors()) return exit_problems;
            return emit(*options, result.bytes);
          }};
}

}  // namespace comreg::cli
