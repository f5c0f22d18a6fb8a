// Options and commands as data. A command declares what it accepts as OptionSpec rows bound to
// its own plain struct of values; command_line.cpp, the one file that knows CLI11, turns the
// rows into the parser. Nothing here depends on CLI11, so the commands compile without it.
#pragma once

#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace comreg::cli {

/// Where a parsed option goes: a text, repeated texts, a number, or a flag.
using OptionTarget = std::variant<std::string*, std::vector<std::string>*, int*, bool*>;

/// Checks one value; returns "" when it is fine, else the message the parser reports.
using ValueCheck = std::string (*)(const std::string&);

/// One option or positional argument (CLI11's add_option/add_flag and what follows it).
struct OptionSpec {
  std::string names = {};  // "-o,--output", or "FILE" for a positional
  std::string help = {};
  OptionTarget target = {};
  std::vector<std::string> choices = {};  // the accepted values (CLI::IsMember)
  ValueCheck check = nullptr;             // a custom check (CLI::Validator) ...
  std::string check_description = {};     // ... its description in --help ...
  std::string check_name = {};            // ... and its name
  int min = 0, max = 0;                   // a number's range, when max > min (CLI::Range)
  std::string type_name = {};             // the value's name in --help ("" = CLI11's)
  bool show_default = false;              // "[user]" in --help (capture_default_str)
  bool required = false;
  std::string excludes = {};  // names of an option declared before this one
  std::string needs = {};     // names of an option declared before this one
};

/// One subcommand: its help, options (in --help order) and what runs when it is chosen. `run`
/// returns the verdict (exit_ok, exit_problems) and throws CliError to stop short.
struct CommandSpec {
  std::string name = {};
  std::string help = {};
  std::string footer = {};
  std::vector<OptionSpec> options = {};
  std::function<int()> run = {};
  /// Argument lists that make this command write a file from a description, for the hostile
  /// runs: "{input}" stands for the description, "{output}" for the file to write. Empty for
  /// commands that write no file from a description (see CommandSpec::reads_description).
  std::vector<std::vector<std::string>> file_writing_forms = {};
  /// False for commands that read no description (guid, new, import, recover).
  bool reads_description = true;
  /// True when the command has -o: it writes a file.
  [[nodiscard]] bool writes_file() const {
    for (const auto& o : options) {
      if (o.names == "-o,--output") return true;
    }
    return false;
  }
};

}  // namespace comreg::cli
