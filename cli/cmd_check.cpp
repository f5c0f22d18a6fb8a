// comreg check FILE --binaries DIR: each server's binary against the description, read from the
// folder of built binaries without loading them (any platform).
#include <memory>

#include "commands.hpp"
#include "comreg/check/binary_check.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {

Command add_check_command(CLI::App& app) {
  auto options = std::make_shared<CommonOptions>();
  auto binaries = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      "check", "Check the server binaries in a folder against the description; exit 1 on a misfit");
  add_common_options(*sub, *options, /*registry=*/true, /*output=*/false);
  sub->add_option("--binaries", *binaries, "Folder of the built server binaries")
      ->required()
      ->type_name("DIR");
  sub->footer(
      "For each server: the binary exists in DIR (the trailing parts of its path, e.g. "
      "${installdir}\\sub\\x.dll as DIR/sub/x.dll, else DIR/x.dll; names without case), its "
      "machine matches the server's arch and --view, an inproc server exports "
      "DllGetClassObject and DllCanUnloadNow, a local server is an EXE, and an embedded "
      "manifest agrees with the description.\n\nExamples:\n"
      "  comreg check widgets.json --binaries build/bin\n"
      "  comreg check widgets.json --binaries build/bin32 --view 32 --format json");
  return {
      sub, [options, binaries]() -> int {
        const bool json = options->output_format() == OutputFormat::json;
        Description description;
        // Binaries are found by the trailing parts of their paths: no --define needed.
        if (const int rc = load(*options, UndefinedPlaceholder::keep, description, json);
            rc != exit_ok) {
          return rc;
        }
        const BinaryCheckReport report =
            check_binaries(description, *binaries, options->plan_options().view);
        if (report.io_error) {
          print_error(*report.io_error);
          return exit_usage_or_io;
        }
        print_diagnostics(report.diagnostics, options->output_format(), stdout);
        if (!json) {
          const std::size_t errors = report.diagnostics.error_count();
          std::printf(
              "%s: %zu %s checked, %s\n", description.file.c_str(), report.binaries_checked,
              report.binaries_checked == 1 ? "binary" : "binaries",
              errors == 0
                  ? "all fit"
                  : (std::to_string(errors) + (errors == 1 ? " problem" : " problems")).c_str());
        }
        return report.ok() ? exit_ok : exit_problems;
      }};
}

}  // namespace comreg::cli
