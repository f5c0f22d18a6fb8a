// The options that several commands take, each declared once here (its flag, its check, its
// default) and attached to the commands that take it; a command with its own wording for one
// passes the help text.
#pragma once

#include <string>
#include <vector>

#include "comreg/plan/plan.hpp"
#include "option_spec.hpp"
#include "report.hpp"

namespace comreg::cli {

/// The values of the options every command that reads a description understands.
struct CommonOptions {
  std::string file;  // the description ("-" = stdin)
  std::string scope = "user";
  std::string view = "64";
  std::vector<std::string> defines;
  std::string format = "text";
  std::string output;  // -o; "" = stdout

  [[nodiscard]] OutputFormat output_format() const;
  [[nodiscard]] PlanOptions plan_options() const;
};

/// --hive FILE, --hive-mount KEY, --create (install, uninstall).
struct HiveOptions {
  std::string file;   // "" = no hive: the live registry
  std::string mount;  // "" = from the scope (default_hive_mount)
  bool create = false;
};

/// FILE, --define and --format; --scope and --view when `registry`; -o when `output`.
[[nodiscard]] std::vector<OptionSpec> common_options(CommonOptions& options, bool registry,
                                                     bool output);

/// FILE: the description.
[[nodiscard]] OptionSpec file_option(std::string& file);
/// -D,--define NAME=VALUE (repeatable).
[[nodiscard]] OptionSpec define_option(std::vector<std::string>& defines);
/// --format text|json|github, or the `choices` given.
[[nodiscard]] OptionSpec format_option(std::string& format, std::string help = {},
                                       std::vector<std::string> choices = {});
/// --scope user|machine.
[[nodiscard]] OptionSpec scope_option(std::string& scope, std::string help = {});
/// --view 64|32.
[[nodiscard]] OptionSpec view_option(std::string& view, std::string help = {});
/// -o,--output FILE, written atomically.
[[nodiscard]] OptionSpec output_option(std::string& output, std::string help = {});
/// --dry-run.
[[nodiscard]] OptionSpec dry_run_option(bool& dry_run, std::string help);
/// --hive-mount KEY.
[[nodiscard]] OptionSpec hive_mount_option(std::string& mount, std::string help = {});
/// --codepage N: what a BOM-less 8-bit .reg file is in (0, the default: UTF-8, else 1252).
[[nodiscard]] OptionSpec codepage_option(int& code_page, std::string help);
/// --hive FILE, --hive-mount KEY and --create.
[[nodiscard]] std::vector<OptionSpec> hive_options(HiveOptions& options);

/// A repeatable NAME=VALUE option that maps placeholders to an installer format's references
/// (--property, --variable, --constant); `value_name` names the VALUE part in --help.
[[nodiscard]] OptionSpec reference_option(std::string flag, std::string help,
                                          const std::string& value_name,
                                          std::vector<std::string>& references);

}  // namespace comreg::cli
