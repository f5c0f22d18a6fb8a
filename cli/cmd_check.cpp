// comreg check FILE --binaries DIR: each server's binary against the description, read from the
// folder of built binaries without loading them (any platform).
#include <cstdio>
#include <memory>

#include "cli_error.hpp"
#include "command_io.hpp"
#include "commands.hpp"
#include "comreg/check/binary_check.hpp"

namespace comreg::cli {
namespace {

struct CheckOptions {
  CommonOptions common;
  std::string binaries;
};

int run(const CheckOptions& options) {
  const bool json = options.common.output_format() == OutputFormat::json;
  // Binaries are found by the trailing parts of their paths: no --define needed.
  const Description description = load(options.common, UndefinedPlaceholder::keep, json);
  const BinaryCheckReport report =
      check_binaries(description, options.binaries, options.common.plan_options().view);
  if (report.io_error) fail(*report.io_error);
  print_diagnostics(report.diagnostics, options.common.output_format(), stdout);
  if (!json) {
    const std::size_t errors = report.diagnostics.error_count();
    std::printf("%s: %zu %s checked, %s\n", description.file.c_str(), report.binaries_checked,
                report.binaries_checked == 1 ? "binary" : "binaries",
                errors == 0
                    ? "all fit"
                    : (std::to_string(errors) + (errors == 1 ? " problem" : " problems")).c_str());
  }
  return report.ok() ? exit_ok : exit_problems;
}

}  // namespace

CommandSpec check_command() {
  auto options = std::make_shared<CheckOptions>();
  CommandSpec c{
      .name = "check",
      .help = "Check the server binaries in a folder against the description; exit 1 on a misfit",
      .footer =
          "For each server: the binary exists in DIR (the trailing parts of its path, e.g. "
          "${installdir}\\sub\\x.dll as DIR/sub/x.dll, else DIR/x.dll; names without case), its "
          "machine matches the server's arch and --view, an inproc server exports "
          "DllGetClassObject and DllCanUnloadNow, a local server is an EXE, and an embedded "
          "manifest agrees with the description.\n\nExamples:\n"
          "  comreg check widgets.json --binaries build/bin\n"
          "  comreg check widgets.json --binaries build/bin32 --view 32 --format json",
      .options = common_options(options->common, /*registry=*/true, /*output=*/false),
      .run = [options] { return run(*options); }};
  c.options.push_back({.names = "--binaries",
                       .help = "Folder of the built server binaries",
                       .target = &options->binaries,
                       .type_name = "DIR",
                       .required = true});
  return c;
}

}  // namespace comreg::cli
