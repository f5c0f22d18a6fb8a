// SARIF 2.1.0 logs (the format code-scanning dashboards read) for lint and audit: one run of
// the tool "comreg" with its rule catalogue and results located by file:line:col (lint) or by
// registry path (audit, as logical locations).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "comreg/core/diagnostics.hpp"

namespace comreg::cli {

/// One rule as tool.driver.rules lists it.
struct SarifRule {
  std::string id;
  std::string name;
  std::string short_description;
  std::string full_description;
  std::string help;
  std::string help_uri;  // "" = none
  Severity level = Severity::warning;
};

/// One result. A file location when `file` is set (line and column where known), else a
/// logical location: a registry key ("registryKey") or value ("registryValue") by full path.
struct SarifResult {
  std::string rule_id;
  Severity level = Severity::warning;
  std::string message;
  std::string file;
  std::uint32_t line = 0, column = 0;
  std::string registry_path;
  bool registry_value = false;
};

/// The SARIF log, pretty-printed, ending with a newline.
[[nodiscard]] std::string format_sarif(const std::vector<SarifRule>& rules,
                                       const std::vector<SarifResult>& results);

/// "error", "warning" or "note".
[[nodiscard]] const char* sarif_level(Severity s);

}  // namespace comreg::cli
