// Security and correctness rules over a validated description: what `comreg lint` reports.
//
// validate answers "is this a description comreg can register?"; lint answers "should it be
// registered like this?" — DLL search-order hijacking, privilege escalation through writable
// folders, over-broad COM security, registrations that cannot work in the chosen view.
// Each rule has a stable ID (COMnnn, docs/lint.md) that is the Diagnostic::code of its
// findings.
#pragma once

#include <span>
#include <string_view>

#include "comreg/core/diagnostics.hpp"
#include "comreg/model/description.hpp"
#include "comreg/plan/plan.hpp"

namespace comreg {

/// One rule of the catalogue. `why` is the one-line risk, `fix` what to do; both end up in
/// each finding (message and hint).
struct LintRule {
  std::string_view id;    // "COM101": stable, never reused
  std::string_view name;  // "unquoted-local-server-path": stable, readable
  Severity severity;
  std::string_view why;
  std::string_view fix;
};

/// Every rule, in ID order.
[[nodiscard]] std::span<const LintRule> lint_rules();

/// The rule with `id`, or nullptr.
[[nodiscard]] const LintRule* find_lint_rule(std::string_view id);

/// Runs every rule on `description` (which must come from load_description() without errors)
/// as it would be registered with `options` (scope, view). Findings are in rule-family order,
/// then description order; each cites the element's SourceRef, its pointer narrowed to the
/// offending member.
[[nodiscard]] Diagnostics lint(const Description& description, const PlanOptions& options);

}  // namespace comreg
