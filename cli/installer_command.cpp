#include "installer_command.hpp"

#include "comreg/core/output_file.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {
namespace {

std::string check_reference(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    return "expected NAME=VALUE, got '" + text + "'";
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

void add_reference_option(CLI::App& sub, const std::string& flag, const std::string& help,
                          const std::string& value_name, std::vector<std::string>& out) {
  sub.add_option(flag, out, help)
      ->check(CLI::Validator(check_reference, "NAME=" + value_name, "reference"))
      ->type_name("NAME=" + value_name);
}

std::map<std::string, std::string> to_map(const std::vector<std::string>& items) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

int load_symbolic(const CommonOptions& options, const std::vector<std::string>& symbolic,
                  Description& out) {
  LoadOptions load_options;
  for (const auto& d : options.defines) {
    const auto eq = d.find('=');
    load_options.defines[d.substr(0, eq)] = d.substr(eq + 1);
  }
  for (const auto& name : symbolic) {
    if (load_options.defines.count(name) != 0) {
      print_error("placeholder '" + name +
                  "' is given both a --define and an installer reference; use one");
      return exit_usage_or_io;
    }
    load_options.symbolic.insert(name);
  }
  std::string text;
  std::string error;
  if (!read_input(options.file, text, error)) {
    print_error(error);
    return exit_usage_or_io;
  }
  const std::string name = options.file == "-" ? "<stdin>" : options.file;
  LoadResult result = load_description(text, name, load_options);
  if (!result.diagnostics.empty()) {
    print_diagnostics(result.diagnostics, options.output_format(), stderr);
  }
  if (!result.description) return exit_problems;
  out = std::move(*result.description);
  return exit_ok;
}

}  // namespace comreg::cli
