// Auditing a registry that already exists: COM hijacks (MITRE ATT&CK T1546.015) and broken
// registrations, over the merged classes view of one or more stores (HKLM's and HKCU's
// Software\Classes, the way HKEY_CLASSES_ROOT merges them: per-user keys win), so per-user
// shadowing of machine registrations is visible. Each rule has a stable ID (AUDnnn,
// docs/audit.md).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/core/diagnostics.hpp"
#include "comreg/store/registry_backend.hpp"

namespace comreg {

/// One rule of the audit catalogue: what it finds, why that matters, how to fix it, and the
/// public source that describes the technique or the requirement.
struct AuditRule {
  std::string_view id;    // "AUD101": stable, never reused
  std::string_view name;  // "user-clsid-shadows-machine": stable, readable
  Severity severity;
  std::string_view summary;  // one line: what the rule finds
  std::string_view why;
  std::string_view fix;
  std::string_view source;  // a URL
};

/// Every rule, in ID order.
[[nodiscard]] std::span<const AuditRule> audit_rules();

/// The rule with `id`, or nullptr.
[[nodiscard]] const AuditRule* find_audit_rule(std::string_view id);

/// A CLSID that attackers are documented to hijack per user (docs/audit.md gives the sources).
struct HijackTarget {
  std::string_view clsid;  // braced, upper case
  std::string_view name;
  std::string_view source;  // a URL
};

/// The curated list behind AUD108.
[[nodiscard]] std::span<const HijackTarget> hijack_targets();

/// What to audit besides the registry.
struct AuditOptions {
  /// The mounted Windows drive (the folder that stands for C:\), "" = do not look at files.
  /// Server paths are mapped below it case-insensitively, %SystemRoot% and the other variables
  /// expanded to their defaults (C:\Windows, …).
  std::string root;
};

/// One finding: the rule, the key (a full registry path), the value it is about ("" = the
/// key's default value; also "" when the finding is about the key itself), and what was seen.
struct AuditFinding {
  const AuditRule* rule = nullptr;
  std::string key;
  std::string value;
  std::string message;
};

/// The findings, in rule-family order then key order, and how much was read.
struct AuditReport {
  std::vector<AuditFinding> findings;
  std::size_t keys_read = 0;  // keys looked up or listed that existed
  [[nodiscard]] std::size_t count(Severity s) const;
};

/// Audits the classes of every store in `sources` (each holds full paths below
/// HKEY_LOCAL_MACHINE\Software\Classes and/or HKEY_CURRENT_USER\Software\Classes; a key found
/// in several stores of one layer is read from the first).
[[nodiscard]] AuditReport audit(std::span<const RegistryBackend* const> sources,
                                const AuditOptions& options);

}  // namespace comreg
