#include "comreg/core/diagnostics.hpp"

#include <nlohmann/json.hpp>

namespace comreg {

void Diagnostics::error(std::string code, std::string message, SourceLocation where,
                        std::string hint) {
  add({Severity::error, std::move(code), std::move(message), std::move(where), std::move(hint)});
}

void Diagnostics::warning(std::string code, std::string message, SourceLocation where,
                          std::string hint) {
  add({Severity::warning, std::move(code), std::move(message), std::move(where), std::move(hint)});
}

void Diagnostics::note(std::string code, std::string message, SourceLocation where,
                       std::string hint) {
  add({Severity::note, std::move(code), std::move(message), std::move(where), std::move(hint)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const {
  return error_count() != 0;
}

std::size_t Diagnostics::error_count() const {
  std::size_t n = 0;
  for (const auto& d : items_) n += d.severity == Severity::error;
  return n;
}

std::size_t Diagnostics::warning_count() const {
  std::size_t n = 0;
  for (const auto& d : items_) n += d.severity == Severity::warning;
  return n;
}

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  const auto& loc = d.location;
  if (!loc.file.empty()) {
    out += loc.file;
    if (loc.line != 0) {
      out += ':' + std::to_string(loc.line);
      if (loc.column != 0) out += ':' + std::to_string(loc.column);
    }
    out += ": ";
  }
  out += to_string(d.severity);
  out += ": ";
  out += d.message;
  if (!d.code.empty()) out += " [" + d.code + "]";
  out += '\n';
  if (!loc.pointer.empty()) out += "  at " + loc.pointer + '\n';
  if (!d.hint.empty()) out += "  hint: " + d.hint + '\n';
  return out;
}

std::string format_diagnostics_json(const Diagnostics& ds) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& d : ds) {
    nlohmann::ordered_json j;
    j["severity"] = std::string(to_string(d.severity));
    j["code"] = d.code;
    j["message"] = d.message;
    j["file"] = d.location.file;
    j["line"] = d.location.line;
    j["column"] = d.location.column;
    j["pointer"] = d.location.pointer;
    if (!d.hint.empty()) j["hint"] = d.hint;
    list.push_back(std::move(j));
  }
  nlohmann::ordered_json doc;
  doc["diagnostics"] = std::move(list);
  doc["errors"] = ds.error_count();
  doc["warnings"] = ds.warning_count();
  // Invalid UTF-8 in a message (quoted from bad input) must not throw: replace it.
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace comreg
