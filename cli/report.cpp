#include "report.hpp"

#include <string>

namespace comreg::cli {

void print_diagnostics(const Diagnostics& diagnostics, OutputFormat format, std::FILE* out) {
  std::string text;
  if (format == OutputFormat::json) {
    text = format_diagnostics_json(diagnostics);
  } else {
    for (const auto& d : diagnostics) text += format_diagnostic(d);
  }
  std::fwrite(text.data(), 1, text.size(), out);
  std::fflush(out);
}

void print_error(std::string_view message) {
  std::fprintf(stderr, "comreg: error: %.*s\n", static_cast<int>(message.size()), message.data());
}

}  // namespace comreg::cli
