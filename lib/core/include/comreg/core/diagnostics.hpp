// Problems found in user input, reported as values with a location.
//
// Every stage that reads user input (description loader, .reg reader, …) appends to a
// Diagnostics list instead of throwing, so one run can report every problem at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace comreg {

enum class Severity : std::uint8_t { note, warning, error };

/// Where a problem is: file, 1-based line and column (0 = unknown) and, for description
/// problems, the RFC 6901 JSON pointer of the offending member ("/servers/0/classes/2/clsid").
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string pointer;
};

/// One problem. `code` is a stable slug ("bad-guid", "unknown-field") that scripts may match on;
/// `message` says what is wrong (lowercase, quotes the value); `hint` says what to do.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;
  std::string message;
  SourceLocation location;
  std::string hint;
};

/// An ordered list of diagnostics with convenience adders.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string code, std::string message, SourceLocation where, std::string hint = {});
  void warning(std::string code, std::string message, SourceLocation where, std::string hint = {});
  void note(std::string code, std::string message, SourceLocation where, std::string hint = {});
  void append(const Diagnostics& other);

  [[nodiscard]] bool has_errors() const;
  [[nodiscard]] std::size_t error_count() const;
  [[nodiscard]] std::size_t warning_count() const;
  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] auto begin() const { return items_.begin(); }
  [[nodiscard]] auto end() const { return items_.end(); }

 private:
  std::vector<Diagnostic> items_;
};

[[nodiscard]] std::string_view to_string(Severity s);

/// Compiler-style text: "file:line:col: error: message [code]" followed by
/// "  at /json/pointer" and "  hint: …" lines where present. Ends with a newline.
[[nodiscard]] std::string format_diagnostic(const Diagnostic& d);

/// All diagnostics as one JSON document:
/// {"diagnostics":[{"severity","code","message","file","line","column","pointer","hint"}],
///  "errors":N,"warnings":N}
[[nodiscard]] std::string format_diagnostics_json(const Diagnostics& ds);

}  // namespace comreg
