// comreg validate FILE: every problem of a description, located, and exit 1 if any is an error.
#include <memory>

#include "commands.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {
namespace {

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto options = std::make_shared<CommonOptions>();
  CLI::App* sub = app.add_subcommand("validate", "Check a description and report every problem");
  add_common_options(*sub, *options, /*registry=*/false, /*output=*/false);
  sub->footer(
      "Placeholders are checked for syntax; pass --define for each to check that all are "
      "defined.\n\nExamples:\n  comreg validate samples/local-server.json\n"
      "  comreg validate widgets.json --define installdir=C:\\\\Contoso --format json");
  return {sub, [options]() -> int {
            // Without --define, ${name} stays as written: validation is about the description,
            // and installers supply paths later.
            const auto placeholders =
                options->defines.empty() ? UndefinedPlaceholder::keep : UndefinedPlaceholder::error;
            const bool json = options->output_format() == OutputFormat::json;
            Description description;
            const int rc = load(*options, placeholders, description, json);
            if (rc == exit_ok && !json) {
              std::size_t classes = 0;
              for (const auto& s : description.servers) classes += s.classes.size();
              std::printf(
                  "%s: ok (%s, %s, %s, %s, %s)\n", description.file.c_str(),
                  count(description.servers.size(), "server", "servers").c_str(),
                  count(classes, "class", "classes").c_str(),
                  count(description.appids.size(), "AppID", "AppIDs").c_str(),
                  count(description.typelibs.size(), "type library", "type libraries").c_str(),
                  count(description.interfaces.size(), "interface", "interfaces").c_str());
            }
            return rc;
          }};
}

}  // namespace comreg::cli
