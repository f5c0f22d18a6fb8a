// Options shared by the subcommands, and loading a description the way every command does.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "comreg/description/description_loader.hpp"
#include "comreg/model/description.hpp"
#include "comreg/plan/plan.hpp"
#include "report.hpp"

namespace comreg::cli {

/// The options every command that reads a description understands.
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

/// A subcommand and what to run when it was chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

/// Adds FILE and --define/--format to `sub`; --scope/--view when `registry` is true, -o when
/// `output` is true.
void add_common_options(CLI::App& sub, CommonOptions& options, bool registry, bool output);

/// Loads and validates options.file. Prints the diagnostics (stderr, or stdout for JSON when
/// `diagnostics_to_stdout`); returns exit_ok with `out` set, or the exit code to return.
int load(const CommonOptions& options, UndefinedPlaceholder placeholders, Description& out,
         bool diagnostics_to_stdout = false);

/// Writes `bytes` to options.output (or stdout); returns the exit code.
int emit(const CommonOptions& options, std::string_view bytes);

}  // namespace comreg::cli
