// The CLI's command table, which the parser and the hostile runs are both built from, and the
// CLI run in-process through run_cli().
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "command_table.hpp"
#include "run_cli.hpp"

namespace {

int run(std::vector<std::string> args) {
  args.insert(args.begin(), "comreg");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return comreg::cli::run_cli(static_cast<int>(args.size()), argv.data());
}

}  // namespace

TEST_CASE("CliTable::every command that writes a file from a description is in the hostile runs",
          "[cli]") {
  // A new row with -o and a description gets here without its forms: this fails, and so does
  // comreg_hostile_commands, which RunHostile.cmake asks for the forms.
  std::size_t forms = 0;
  for (const auto& command : comreg::cli::make_commands()) {
    INFO(command.name);
    if (command.writes_file() && command.reads_description) {
      CHECK_FALSE(command.file_writing_forms.empty());
    }
    for (const auto& form : command.file_writing_forms) {
      REQUIRE_FALSE(form.empty());
      CHECK(form.front() == command.name);
      CHECK(std::count(form.begin(), form.end(), "{input}") == 1);
      CHECK(std::count(form.begin(), form.end(), "{output}") == 1);
      ++forms;
    }
  }
  CHECK(forms >= 8);  // plan, reg, manifest, wix, rgs, inno, gpp, selfreg
}

TEST_CASE("CliTable::run_cli runs a command in-process and maps failures to exit codes", "[cli]") {
  CHECK(run({"validate", COMREG_SOURCE_DIR "/samples/contoso-widgets.json"}) == 0);
  CHECK(run({"validate", COMREG_SOURCE_DIR "/tests/data/bad-clsid.json"}) == 1);
  CHECK(run({"validate", COMREG_SOURCE_DIR "/tests/data/nonexistent.json"}) == 2);
  CHECK(run({"reg", COMREG_SOURCE_DIR "/samples/contoso-widgets.json", "--scope", "everyone"}) ==
        2);
}
