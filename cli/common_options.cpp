#include "common_options.hpp"

#include "comreg/readers/reg_reader.hpp"

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

// NAME of "NAME=VALUE" must look like a placeholder's name.
std::string check_placeholder_name(const std::string& text, std::size_t eq) {
  for (std::size_t i = 0; i < eq; ++i) {
    const char c = text[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
                    (i > 0 && c >= '0' && c <= '9');
    if (!ok)
      return "invalid placeholder name '" + text.substr(0, eq) + "' (use letters, digits, _)";
  }
  return {};
}

// --define NAME=VALUE: VALUE may be empty.
std::string check_define(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return "expected NAME=VALUE, got '" + text + "'";
  return check_placeholder_name(text, eq);
}

// An installer reference NAME=VALUE: VALUE may not be empty.
std::string check_reference(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    return "expected NAME=VALUE, got '" + text + "'";
  return check_placeholder_name(text, eq);
}

std::string or_default(std::string help, const char* fallback) {
  return help.empty() ? std::string(fallback) : help;
}

}  // namespace

OptionSpec file_option(std::string& file) {
  return {.names = "FILE",
          .help = "The description (JSON); - reads standard input",
          .target = &file,
          .required = true};
}

OptionSpec define_option(std::vector<std::string>& defines) {
  return {.names = "-D,--define",
          .help = "Value of a ${NAME} placeholder, as NAME=VALUE (repeatable)",
          .target = &defines,
          .check = check_define,
          .check_description = "NAME=VALUE",
          .check_name = "define",
          .type_name = "NAME=VALUE"};
}

OptionSpec format_option(std::string& format, std::string help, std::vector<std::string> choices) {
  return {.names = "--format",
          .help = or_default(std::move(help),
                             "Diagnostics and reports as text or json; github: diagnostics as "
                             "GitHub Actions annotations"),
          .target = &format,
          .choices = choices.empty() ? std::vector<std::string>{"text", "json", "github"}
                                     : std::move(choices),
          .show_default = true};
}

OptionSpec scope_option(std::string& scope, std::string help) {
  return {.names = "--scope",
          .help = or_default(std::move(help),
                             "user: HKEY_CURRENT_USER\\Software\\Classes (no admin needed); "
                             "machine: HKEY_LOCAL_MACHINE\\Software\\Classes"),
          .target = &scope,
          .choices = {"user", "machine"},
          .show_default = true};
}

OptionSpec view_option(std::string& view, std::string help) {
  return {.names = "--view",
          .help = or_default(std::move(help),
                             "Registry view: 64, or 32 (CLSID and Interface keys under "
                             "Wow6432Node)"),
          .target = &view,
          .choices = {"64", "32"},
          .show_default = true};
}

OptionSpec output_option(std::string& output, std::string help) {
  return {.names = "-o,--output",
          .help = or_default(std::move(help),
                             "Output file (default: standard output); written atomically"),
          .target = &output};
}

OptionSpec dry_run_option(bool& dry_run, std::string help) {
  return {.names = "--dry-run", .help = std::move(help), .target = &dry_run};
}

OptionSpec hive_mount_option(std::string& mount, std::string help) {
  return {.names = "--hive-mount",
          .help = or_default(std::move(help),
                             "The registry key the hive's root stands for (default: "
                             "HKEY_LOCAL_MACHINE\\SOFTWARE with --scope machine, "
                             "HKEY_CURRENT_USER\\Software\\Classes with --scope user: "
                             "UsrClass.dat; HKEY_CURRENT_USER for an NTUSER.DAT)"),
          .target = &mount,
          .type_name = "KEY"};
}

namespace {

// An unknown code page is a usage error (exit 2), named with the ones there are.
std::string check_code_page(const std::string& value) {
  unsigned number = 0;
  bool digits = !value.empty() && value.size() <= 5;
  for (char c : value) {
    digits = digits && c >= '0' && c <= '9';
    if (digits) number = number * 10 + static_cast<unsigned>(c - '0');
  }
  if (digits && is_supported_code_page(number)) return {};
  return "unknown code page '" + value + "': expected one of " + supported_code_pages();
}

}  // namespace

OptionSpec codepage_option(int& code_page, std::string help) {
  return {.names = "--codepage",
          .help = std::move(help),
          .target = &code_page,
          .check = check_code_page,
          .check_name = "CODEPAGE",
          .type_name = "N"};
}

std::vector<OptionSpec> hive_options(HiveOptions& options) {
  return {{.names = "--hive",
           .help = "Apply to an offline registry hive file (NTUSER.DAT, SOFTWARE, "
                   "UsrClass.dat) instead of the live registry; written atomically at the end",
           .target = &options.file,
           .type_name = "FILE"},
          hive_mount_option(options.mount),
          {.names = "--create",
           .help = "With --hive: start a new empty hive when FILE does not exist",
           .target = &options.create}};
}

std::vector<OptionSpec> common_options(CommonOptions& options, bool registry, bool output) {
  std::vector<OptionSpec> out{file_option(options.file), define_option(options.defines),
                              format_option(options.format)};
  if (registry) {
    out.push_back(scope_option(options.scope));
    out.push_back(view_option(options.view));
  }
  if (output) out.push_back(output_option(options.output));
  return out;
}

OptionSpec reference_option(std::string flag, std::string help, const std::string& value_name,
                            std::vector<std::string>& references) {
  return {.names = std::move(flag),
          .help = std::move(help),
          .target = &references,
          .check = check_reference,
          .check_description = "NAME=" + value_name,
          .check_name = "reference",
          .type_name = "NAME=" + value_name};
}

}  // namespace comreg::cli
