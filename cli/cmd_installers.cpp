// comreg wix|rgs|inno|gpp FILE: the registration as an installer's or deployment tool's own
// registry entries. The four commands differ only in their writer and format options.
#include <memory>

#include "commands.hpp"
#include "comreg/emit/installer_writers.hpp"
#include "exit_codes.hpp"
#include "installer_command.hpp"

namespace comreg::cli {
namespace {

struct State {
  CommonOptions common;
  std::vector<std::string> references;
  InstallerWriteOptions write;
};

using Writer = InstallerWriteResult (*)(const Plan&, const InstallerWriteOptions&);

Command installer_command(CLI::App& app, const char* name, const char* help, Writer writer,
                          const std::shared_ptr<State>& state) {
  CLI::App* sub = app.add_subcommand(name, help);
  add_common_options(*sub, state->common, /*registry=*/true, /*output=*/true);
  return {sub, [state, writer]() -> int {
            std::vector<std::string> symbolic;
            for (const auto& [placeholder, reference] : to_map(state->references))
              symbolic.push_back(placeholder);
            Description description;
            if (const int rc = load_symbolic(state->common, symbolic, true, description);
                rc != exit_ok) {
              return rc;
            }
            const Plan plan = make_plan(description, state->common.plan_options());
            InstallerWriteOptions options = state->write;
            options.name = description.assembly.name;
            options.references = to_map(state->references);
            const InstallerWriteResult result = writer(plan, options);
            if (!result.diagnostics.empty()) {
              print_diagnostics(result.diagnostics, state->common.output_format(), stderr);
            }
            if (result.diagnostics.has_errors()) return exit_problems;
            return emit(state->common, result.text);
          }};
}

}  // namespace

Command add_wix_command(CLI::App& app) {
  auto state = std::make_shared<State>();
  Command c = installer_command(app, "wix",
                                "Write a WiX v4 fragment (.wxs) that registers the "
                                "servers through MSI's Registry table",
                                write_wix, state);
  add_reference_option(*c.app, "--property",
                       "Write ${NAME} as the directory property [PROPERTY] (its trailing "
                       "backslash replaces the one after the placeholder)",
                       "PROPERTY", state->references);
  c.app->add_option("--directory", state->write.wix_directory, "Directory id of the ComponentGroup")
      ->capture_default_str();
  c.app->footer(
      "Example:\n  comreg wix widgets.json --scope machine --property installdir=INSTALLFOLDER "
      "-o widgets.wxs");
  return c;
}

Command add_rgs_command(CLI::App& app) {
  auto state = std::make_shared<State>();
  Command c =
      installer_command(app, "rgs", "Write an ATL registrar script (.rgs)", write_rgs, state);
  c.app->add_option("--module", state->write.rgs_module,
                    "File name of the server the script is for: its path is written %MODULE%");
  add_reference_option(*c.app, "--variable",
                       "Write ${NAME} as the registrar replacement %VARIABLE% (added by the "
                       "server with AddReplacement)",
                       "VARIABLE", state->references);
  c.app->footer(
      "Example:\n  comreg rgs widgets.json --scope machine --module widgets.dll "
      "--variable installdir=INSTALLDIR -o widgets.rgs");
  return c;
}

Command add_inno_command(CLI::App& app) {
  auto state = std::make_shared<State>();
  Command c =
      installer_command(app, "inno", "Write an Inno Setup [Registry] section", write_inno, state);
  add_reference_option(*c.app, "--constant", "Write ${NAME} as the Inno Setup constant {CONSTANT}",
                       "CONSTANT", state->references);
  c.app->footer(
      "Example:\n  comreg inno widgets.json --scope machine --constant installdir=app "
      "-o registry.iss");
  return c;
}

Command add_gpp_command(CLI::App& app) {
  auto state = std::make_shared<State>();
  Command c = installer_command(
      app, "gpp", "Write Group Policy Preferences registry items (Registry.xml)", write_gpp, state);
  c.app->add_flag("--uninstall", state->write.uninstall,
                  "Items that remove the registration (delete the keys the server owns, and "
                  "its values in shared keys)");
  c.app->footer(
      "Example:\n  comreg gpp widgets.json --scope machine -D 'installdir=C:\\\\Program "
      "Files\\\\Contoso' -o Registry.xml");
  return c;
}

}  // namespace comreg::cli
