#include "cli_options.hpp"

#include "comreg/core/output_file.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {

OutputFormat CommonOptions::output_format() const {
  if (format == "github") return OutputFormat::github;
  return format == "json" ? OutputFormat::json : OutputFormat::text;
}

PlanOptions CommonOptions::plan_options() const {
  PlanOptions p;
  p.scope = scope == "machine" ? Scope::machine : Scope::user;
  p.view = view == "32" ? View::v32 : View::v64;
  return p;
}

namespace {

// "NAME=VALUE" with a placeholder-style name; CLI11 reports the message as a usage error.
std::string check_define(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return "expected NAME=VALUE, got '" + text + "'";
  for (std::size_t i = 0; i < eq; ++i) {
    const char c = text[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
                    (i > 0 && c >= '0' && c <= '9');
    if (!ok)
      return "invalid placeholder name '" + text.substr(0, eq) + "' (use letters, digits, _)";
  }
  return {};
}

}  // namespace

void add_common_options(CLI::App& sub, CommonOptions& options, bool registry, bool output) {
  sub.add_option("FILE", options.file, "The description (JSON); - reads standard input")
      ->required();
  sub.add_option("-D,--define", options.defines,
                 "Value of a ${NAME} placeholder, as NAME=VALUE (repeatable)")
      ->check(CLI::Validator(check_define, "NAME=VALUE", "define"))
      ->type_name("NAME=VALUE");
  sub.add_option("--format", options.format,
                 "Diagnostics and reports as text or json; github: diagnostics as GitHub "
                 "Actions annotations")
      ->check(CLI::IsMember({"text", "json", "github"}))
      ->capture_default_str();
  if (registry) {
    sub.add_option("--scope", options.scope,
                   "user: HKEY_CURRENT_USER\\Software\\Classes (no admin needed); machine: "
                   "HKEY_LOCAL_MACHINE\\Software\\Classes")
        ->check(CLI::IsMember({"user", "machine"}))
        ->capture_default_str();
    sub.add_option("--view", options.view,
                   "Registry view: 64, or 32 (CLSID and Interface keys under Wow6432Node)")
        ->check(CLI::IsMember({"64", "32"}))
        ->capture_default_str();
  }
  if (output) {
    sub.add_option("-o,--output", options.output,
                   "Output file (default: standard output); written atomically");
  }
}

int load(const CommonOptions& options, UndefinedPlaceholder placeholders, Description& out,
         bool diagnostics_to_stdout) {
  std::string text;
  std::string error;
  if (!read_input(options.file, text, error)) {
    print_error(error);
    return exit_usage_or_io;
  }
  LoadOptions load_options;
  load_options.undefined_placeholder = placeholders;
  for (const auto& d : options.defines) {
    const auto eq = d.find('=');
    load_options.defines[d.substr(0, eq)] = d.substr(eq + 1);
  }
  const std::string name = options.file == "-" ? "<stdin>" : options.file;
  LoadResult result = load_description(text, name, load_options);
  if (!result.diagnostics.empty() || diagnostics_to_stdout) {
    print_diagnostics(result.diagnostics, options.output_format(),
                      diagnostics_to_stdout ? stdout : stderr);
  }
  if (!result.description) return exit_problems;
  out = std::move(*result.description);
  return exit_ok;
}

int emit(const CommonOptions& options, std::string_view bytes) {
  std::string error;
  if (!write_output(options.output, bytes, error)) {
    print_error(error);
    return exit_usage_or_io;
  }
  return exit_ok;
}

}  // namespace comreg::cli
