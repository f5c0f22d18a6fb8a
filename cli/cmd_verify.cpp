// comreg verify FILE: compares a registry with the description; exit 1 on any difference.
#include <memory>

#include "commands.hpp"
#include "comreg/verify.hpp"
#include "exit_codes.hpp"

#ifdef _WIN32
#include "comreg/win32_backend.hpp"
#endif

namespace comreg::cli {
namespace {

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

int run(const CommonOptions& options) {
  Description description;
  if (const int rc = load(options, UndefinedPlaceholder::error, description); rc != exit_ok) {
    return rc;
  }
  const Plan plan = make_plan(description, options.plan_options());
  const auto registry = live_registry(plan.options.view);
  if (!registry) return exit_usage_or_io;
  const bool json = options.output_format() == OutputFormat::json;
  const VerifyReport report = verify(plan, *registry);
  const std::string text = format_verify_report(report, json);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return report.ok() ? exit_ok : exit_problems;
}

}  // namespace

Command add_verify_command(CLI::App& app) {
  auto options = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand(
      "verify",
      "Compare the live registry (Windows) with the description; exit 1 on any difference");
  add_common_options(*sub, *options, /*registry=*/true, /*output=*/false);
  sub->footer(
      "Reports missing keys and values, wrong values (expected and found) and stale "
      "entries, per class, ProgID, AppID, type library and interface.\n\nExamples:\n"
      "  comreg verify widgets.json -D installdir=C:\\\\Contoso --scope machine\n"
      "  comreg verify widgets.json -D installdir=C:\\\\Contoso --format json");
  return {sub, [options]() -> int { return run(*options); }};
}

}  // namespace comreg::cli
