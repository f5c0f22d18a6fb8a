#include "comreg/lint/lint.hpp"

#include "lint/lint_context.hpp"

namespace comreg {
namespace lint_detail {

void LintContext::report(std::string_view id, const SourceRef& at, std::string_view member,
                         const std::string& finding, std::string_view fix) {
  const LintRule* rule = find_lint_rule(id);
  if (rule == nullptr) return;  // a rule family naming an ID the catalogue lacks is a bug
  Diagnostic d;
  d.severity = rule->severity;
  d.code = std::string(rule->id);
  d.message = finding + ": " + std::string(rule->why);
  d.location.file = description_.file;
  d.location.line = at.line;
  d.location.column = at.column;
  d.location.pointer = at.pointer + std::string(member);
  d.hint = std::string(fix.empty() ? rule->fix : fix);
  out_.add(std::move(d));
}

std::string quote(std::string_view text) {
  return "'" + std::string(text) + "'";
}

}  // namespace lint_detail

Diagnostics lint(const Description& description, const PlanOptions& options) {
  Diagnostics out;
  lint_detail::LintContext cx(description, options, out);
  lint_detail::check_paths(cx);
  lint_detail::check_names(cx);
  lint_detail::check_appid_security(cx);
  lint_detail::check_class_model(cx);
  lint_detail::check_views(cx);
  return out;
}

}  // namespace comreg
