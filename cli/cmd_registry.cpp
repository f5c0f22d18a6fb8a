// comreg install | uninstall FILE: the plan applied to the live registry (Windows).
#include <memory>

#include "commands.hpp"
#include "comreg/apply.hpp"
#include "exit_codes.hpp"

#ifdef _WIN32
#include "comreg/win32_backend.hpp"
#endif

namespace comreg::cli {
namespace {

enum class Action { install, uninstall };

// The live registry, or nullptr (with the error printed) where there is none.
std::unique_ptr<RegistryBackend> live_registry(View view) {
#ifdef _WIN32
  return std::make_unique<Win32Backend>(view);
#else
  (void)view;
  print_error(
      "there is no live Windows registry here: install, uninstall and verify of the live "
      "registry run in the Windows build (comreg.exe); on this system, write a .reg file with "
      "'comreg reg'");
  return nullptr;
#endif
}

int run(Action action, const CommonOptions& options, bool dry_run) {
  Description description;
  if (const int rc = load(options, UndefinedPlaceholder::error, description); rc != exit_ok) {
    return rc;
  }
  const Plan plan = make_plan(description, options.plan_options());
  const auto registry = live_registry(plan.options.view);
  if (!registry) return exit_usage_or_io;
  const bool json = options.output_format() == OutputFormat::json;
  ApplyOptions apply_options;
  apply_options.dry_run = dry_run;
  const ApplyReport report = action == Action::install ? install(plan, *registry, apply_options)
                                                       : uninstall(plan, *registry, apply_options);
  const std::string text = format_apply_report(report, json);
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (!report.status.ok()) {
    print_error(report.status.message);
    return exit_usage_or_io;
  }
  return exit_ok;
}

Command add(CLI::App& app, Action action, const char* name, const char* help,
            const char* examples) {
  auto options = std::make_shared<CommonOptions>();
  auto dry_run = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(name, help);
  add_common_options(*sub, *options, /*registry=*/true, /*output=*/false);
  sub->add_flag("--dry-run", *dry_run,
                "Show the changes against the current registry; write nothing");
  sub->footer(examples);
  return {sub, [options, dry_run, action]() -> int { return run(action, *options, *dry_run); }};
}

}  // namespace

Command add_install_command(CLI::App& app) {
  return add(app, Action::install, "install",
             "Register in the live registry (Windows): write what is missing or different",
             "Prints each change and 'N changes' (0 when already installed).\n\nExamples:\n"
             "  comreg install widgets.json -D installdir=C:\\\\Contoso\n"
             "  comreg install widgets.json -D installdir=C:\\\\Contoso --scope machine --dry-run");
}

Command add_uninstall_command(CLI::App& app) {
  return add(app, Action::uninstall, "uninstall",
             "Remove the registration from the live registry (Windows), keeping what others added",
             "Keys the server owns are deleted; content others added under them, and shared keys, "
             "stay and are listed as kept.\n\nExamples:\n"
             "  comreg uninstall widgets.json -D installdir=C:\\\\Contoso --scope machine");
}

}  // namespace comreg::cli
