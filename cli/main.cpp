// comreg: register Windows COM servers from one JSON description.
// A thin front over the library: parse the command line, run one subcommand, map the outcome
// to the exit-code contract (exit_codes.hpp).
#include <CLI/CLI.hpp>
#include <exception>
#include <vector>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "report.hpp"
#include "typelib_import_command.hpp"

int main(int argc, char** argv) {
  using namespace comreg::cli;
  CLI::App app{
      "comreg: register Windows COM servers from one JSON description.\n"
      "The description is the single source of truth; comreg computes the registry plan and "
      "writes .reg files and side-by-side manifests from it."};
  app.name("comreg");
  app.set_version_flag("--version", "comreg 0.1.0");
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok, 1 problems in the input, 2 usage or I/O error.\n"
      "Run 'comreg COMMAND --help' for a command's options and examples.\n\n"
      "Examples:\n"
      "  comreg validate samples/contoso-widgets.json\n"
      "  comreg reg samples/contoso-widgets.json -D installdir=C:\\\\Contoso -o widgets.reg\n"
      "  comreg manifest samples/contoso-widgets.json -o Contoso.Widgets.manifest");

  std::vector<Command> commands{add_validate_command(app), add_plan_command(app),
                                add_reg_command(app),      add_manifest_command(app),
                                add_install_command(app),  add_uninstall_command(app),
                                add_verify_command(app)};
  commands.push_back(add_import_command(app));
  commands.push_back(add_recover_command(app));
  commands.push_back(add_lint_command(app));
  commands.push_back(add_guid_command(app));
  commands.push_back(add_new_command(app));
  commands.push_back(add_check_command(app));
  for (auto add :
       {add_wix_command, add_rgs_command, add_inno_command, add_gpp_command, add_selfreg_command}) {
    commands.push_back(add(app));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message and the usage hint
    return exit_usage_or_io;
  }
  try {
    for (const auto& c : commands) {
      if (c.app->parsed()) return c.run();
    }
  } catch (const std::exception& e) {
    print_error(e.what());
    return exit_usage_or_io;
  }
  return exit_usage_or_io;
}
