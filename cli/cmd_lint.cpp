// comreg lint FILE [--werror]: security and correctness findings on a valid description.
// Validation problems come first (lint needs a valid description); exit 1 on any error, or
// on any finding at all with --werror.
#include <memory>

#include "cli_error.hpp"
#include "command_io.hpp"
#include "commands.hpp"
#include "common_options.hpp"
#include "comreg/core/output_file.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/lint/lint.hpp"
#include "exit_codes.hpp"
#include "sarif.hpp"

namespace comreg::cli {
namespace {

// The SARIF log of a lint run: every rule of the catalogue, and each diagnostic located at its
// file:line:col (the loader's problems too, under their own codes).
void print_lint_sarif(const Diagnostics& all) {
  std::vector<SarifRule> rules;
  for (const auto& r : lint_rules()) {
    rules.push_back({std::string(r.id), std::string(r.name), std::string(r.why), std::string(r.why),
                     std::string(r.fix), "", r.severity});
  }
  std::vector<SarifResult> results;
  for (const auto& d : all) {
    if (find_lint_rule(d.code) == nullptr) {
      bool listed = false;
      for (const auto& r : rules) listed = listed || r.id == d.code;
      if (!listed) {
        rules.push_back({d.code, d.code,
                         "a problem that keeps the description from being registered",
                         "a problem that keeps the description from being registered (comreg "
                         "validate reports it too)",
                         d.hint, "", d.severity});
      }
    }
    SarifResult r;
    r.rule_id = d.code;
    r.level = d.severity;
    r.message = d.hint.empty() ? d.message : d.message + " (fix: " + d.hint + ")";
    r.file = d.location.file;
    r.line = d.location.line;
    r.column = d.location.column;
    results.push_back(std::move(r));
  }
  std::fputs(format_sarif(rules, results).c_str(), stdout);
}

int run_lint(const CommonOptions& options, bool werror) {
  std::string text;
  std::string error;
  if (!read_input(options.file, text, error)) fail(error);
  // As validate: without --define, ${name} stays and the path rules skip those paths.
  const LoadOptions how = load_options(
      options, options.defines.empty() ? UndefinedPlaceholder::keep : UndefinedPlaceholder::error);
  const std::string name = options.file == "-" ? "<stdin>" : options.file;
  LoadResult loaded = load_description(text, name, how);
  Diagnostics all = std::move(loaded.diagnostics);
  if (loaded.description) all.append(lint(*loaded.description, options.plan_options()));

  if (options.format == "sarif") {
    print_lint_sarif(all);
    return all.has_errors() || (werror && !all.empty()) ? exit_problems : exit_ok;
  }
  const bool json = options.output_format() == OutputFormat::json;
  if (json || !all.empty()) print_diagnostics(all, options.output_format(), json ? stdout : stderr);
  if (!json) {
    if (all.empty()) {
      std::printf("%s: no findings\n", name.c_str());
    } else {
      const std::size_t errors = all.error_count(), warnings = all.warning_count();
      std::printf("%s: %zu %s, %zu %s\n", name.c_str(), errors, errors == 1 ? "error" : "errors",
                  warnings, warnings == 1 ? "warning" : "warnings");
    }
  }
  if (all.has_errors() || (werror && !all.empty())) return exit_problems;
  return exit_ok;
}

struct LintOptions {
  CommonOptions common;
  bool werror = false;
};

}  // namespace

CommandSpec lint_command() {
  auto o = std::make_shared<LintOptions>();
  CommandSpec c{
      .name = "lint",
      .help = "Check a description for security and correctness risks (rules COMnnn)",
      .footer =
          "Each finding names its rule ([COM101] …); docs/lint.md explains every rule.\n"
          "--scope and --view matter: some rules apply only to machine-wide registrations "
          "or to one registry view.\n\nExamples:\n  comreg lint widgets.json --scope "
          "machine\n  comreg lint widgets.json -D installdir=C:\\\\Contoso --werror "
          "--format json",
      .options = common_options(o->common, /*registry=*/true, /*output=*/false),
      .run = [o] { return run_lint(o->common, o->werror); }};
  // lint also writes SARIF 2.1.0, for code-scanning dashboards.
  for (auto& option : c.options) {
    if (option.names == "--format") {
      option = format_option(o->common.format,
                             "Findings as text, json, github (GitHub Actions annotations) or "
                             "sarif (SARIF 2.1.0)",
                             {"text", "json", "github", "sarif"});
    }
  }
  c.options.push_back({.names = "--werror",
                       .help = "Exit 1 on any finding, warnings included",
                       .target = &o->werror});
  return c;
}

}  // namespace comreg::cli
