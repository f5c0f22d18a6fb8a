// comreg validate FILE: every problem of a description, located, and exit 1 if any is an error.
#include <cstdio>
#include <memory>
#include <set>
#include <string>

#include "command_io.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {
namespace {

std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int run(const CommonOptions& options) {
  // Without --define, ${name} stays as written: validation is about the description, and
  // installers supply paths later.
  const auto placeholders =
      options.defines.empty() ? UndefinedPlaceholder::keep : UndefinedPlaceholder::error;
  const bool json = options.output_format() == OutputFormat::json;
  const Description description = load(options, placeholders, json);
  if (!json) {
    // A class listed under two servers (a DLL and an EXE) is one class.
    std::set<std::string> clsids;
    for (const auto& s : description.servers) {
      for (const auto& c : s.classes) clsids.insert(c.clsid);
    }
    const std::size_t classes = clsids.size();
    std::printf("%s: ok (%s, %s, %s, %s, %s)\n", description.file.c_str(),
                count(description.servers.size(), "server", "servers").c_str(),
                count(classes, "class", "classes").c_str(),
                count(description.appids.size(), "AppID", "AppIDs").c_str(),
                count(description.typelibs.size(), "type library", "type libraries").c_str(),
                count(description.interfaces.size(), "interface", "interfaces").c_str());
  }
  return exit_ok;
}

}  // namespace

CommandSpec validate_command() {
  auto options = std::make_shared<CommonOptions>();
  return {.name = "validate",
          .help = "Check a description and report every problem",
          .footer =
              "Placeholders are checked for syntax; pass --define for each to check that "
              "all are defined.\n\nExamples:\n  comreg validate samples/local-server.json\n"
              "  comreg validate widgets.json --define installdir=C:\\\\Contoso --format "
              "json",
          .options = common_options(*options, /*registry=*/false, /*output=*/false),
          .run = [options] { return run(*options); }};
}

}  // namespace comreg::cli
