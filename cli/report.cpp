#include "report.hpp"

#include <cstdlib>
#include <string>

namespace comreg::cli {
namespace {

// The runner's escaping (actions/toolkit, command.ts): the message ends at a line break, and a
// property at ',' or '::'.
std::string escape_data(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (const char c : escape_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

std::string_view github_command(Severity s) {
  switch (s) {
    case Severity::note:
      return "notice";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

}  // namespace

bool running_in_github_actions() {
  const char* value = std::getenv("GITHUB_ACTIONS");
  return value != nullptr && std::string_view(value) == "true";
}

std::string format_github_annotation(const Diagnostic& d) {
  std::string properties;
  const auto add = [&](std::string_view name, const std::string& value) {
    if (!properties.empty()) properties += ',';
    properties += name;
    properties += '=';
    properties += escape_property(value);
  };
  const auto& loc = d.location;
  if (!loc.file.empty()) add("file", loc.file);
  if (loc.line != 0) add("line", std::to_string(loc.line));
  if (loc.line != 0 && loc.column != 0) add("col", std::to_string(loc.column));
  if (!d.code.empty()) add("title", d.code);
  // The annotation shows the message; the pointer and the hint go on lines below it.
  std::string message = d.message;
  if (!loc.pointer.empty()) message += "\nat " + loc.pointer;
  if (!d.hint.empty()) message += "\nhint: " + d.hint;
  std::string out = "::";
  out += github_command(d.severity);
  if (!properties.empty()) out += ' ' + properties;
  out += "::" + escape_data(message) + '\n';
  return out;
}

void print_diagnostics(const Diagnostics& diagnostics, OutputFormat format, std::FILE* out) {
  std::string text;
  if (format == OutputFormat::json) {
    text = format_diagnostics_json(diagnostics);
  } else if (format == OutputFormat::github) {
    for (const auto& d : diagnostics) text += format_github_annotation(d);
  } else {
    for (const auto& d : diagnostics) text += format_diagnostic(d);
    if (running_in_github_actions()) {
      for (const auto& d : diagnostics) text += format_github_annotation(d);
    }
  }
  std::fwrite(text.data(), 1, text.size(), out);
  std::fflush(out);
}

void print_error(std::string_view message) {
  std::fprintf(stderr, "comreg: error: %.*s\n", static_cast<int>(message.size()), message.data());
  if (running_in_github_actions()) {
    const std::string line = "::error title=comreg::" + escape_data(message) + "\n";
    std::fputs(line.c_str(), stderr);
  }
}

}  // namespace comreg::cli
