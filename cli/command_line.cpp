// The only file that knows CLI11 (it costs seconds per translation unit that includes it): the
// parser built from the command table, and the choke point where a failure becomes a message
// and an exit code.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <map>
#include <string_view>
#include <type_traits>

#include "cli_error.hpp"
#include "command_table.hpp"
#include "exit_codes.hpp"
#include "report.hpp"
#include "run_cli.hpp"

namespace comreg::cli {
namespace {

CLI::Option* add(CLI::App& sub, const OptionSpec& spec) {
  CLI::Option* option = std::visit(
      [&](auto* target) -> CLI::Option* {
        if constexpr (std::is_same_v<decltype(target), bool*>) {
          return sub.add_flag(spec.names, *target, spec.help);
        } else {
          return sub.add_option(spec.names, *target, spec.help);
        }
      },
      spec.target);
  if (spec.required) option->required();
  if (!spec.choices.empty()) option->check(CLI::IsMember(spec.choices));
  if (spec.check != nullptr) {
    const ValueCheck check = spec.check;
    option->check(CLI::Validator([check](std::string& value) { return check(value); },
                                 spec.check_description, spec.check_name));
  }
  if (spec.max > spec.min) option->check(CLI::Range(spec.min, spec.max));
  if (!spec.type_name.empty()) option->type_name(spec.type_name);
  if (spec.show_default) option->capture_default_str();
  return option;
}

CLI::App* add(CLI::App& app, const CommandSpec& command) {
  CLI::App* sub = app.add_subcommand(command.name, command.help);
  std::map<std::string, CLI::Option*> declared;
  for (const auto& spec : command.options) {
    CLI::Option* option = add(*sub, spec);
    if (!spec.excludes.empty()) option->excludes(declared.at(spec.excludes));
    if (!spec.needs.empty()) option->needs(declared.at(spec.needs));
    declared[spec.names] = option;
  }
  if (!command.footer.empty()) sub->footer(command.footer);
  return sub;
}

}  // namespace

int run_cli(int argc, char** argv) {
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
  const std::vector<CommandSpec> commands = make_commands();
  std::vector<CLI::App*> subs;
  for (const auto& command : commands) subs.push_back(add(app, command));
  // CLI11 calls a word it does not know an extra argument and says only that a subcommand is
  // required: name the word, as git and cargo do.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string_view word = argv[1];
    const bool known = std::any_of(commands.begin(), commands.end(),
                                   [&](const CommandSpec& c) { return c.name == word; });
    if (!known) {
      print_error("unknown command '" + std::string(word) +
                  "'; run 'comreg --help' for the list of commands");
      return exit_usage_or_io;
    }
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
  // The choke point: commands return their verdict or throw; nothing else prints an error.
  try {
    for (std::size_t i = 0; i < commands.size(); ++i) {
      if (subs[i]->parsed()) return commands[i].run();
    }
  } catch (const CliError& e) {
    for (const auto& message : e.messages) print_error(message);
    return e.exit_code;
  } catch (const std::exception& e) {
    print_error(e.what());
    return exit_usage_or_io;
  }
  return exit_usage_or_io;
}

}  // namespace comreg::cli
