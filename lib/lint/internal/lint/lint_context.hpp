// What every rule family gets: the description, the options, and a way to report a finding.
#pragma once

#include <string>
#include <string_view>

#include "comreg/lint/lint.hpp"

namespace comreg::lint_detail {

class LintContext {
 public:
  LintContext(const Description& description, const PlanOptions& options, Diagnostics& out)
      : description_(description), options_(options), out_(out) {}

  [[nodiscard]] const Description& description() const { return description_; }
  [[nodiscard]] const PlanOptions& options() const { return options_; }
  [[nodiscard]] bool machine_scope() const { return options_.scope == Scope::machine; }

  /// Reports rule `id` at `at` (its pointer extended by `member`, e.g. "/path"): message is
  /// "<finding>: <the rule's why>", hint the rule's fix unless `fix` overrides it.
  void report(std::string_view id, const SourceRef& at, std::string_view member,
              const std::string& finding, std::string_view fix = {});

 private:
  const Description& description_;
  const PlanOptions& options_;
  Diagnostics& out_;
};

// One function per rule family (one file each).
void check_paths(LintContext& cx);
void check_names(LintContext& cx);
void check_appid_security(LintContext& cx);
void check_class_model(LintContext& cx);
void check_views(LintContext& cx);

/// 'text' in single quotes, as diagnostics quote values.
[[nodiscard]] std::string quote(std::string_view text);

}  // namespace comreg::lint_detail
