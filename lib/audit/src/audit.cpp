// The audit run: the merged view, the server entries every path rule reads, each rule family.
#include "comreg/audit/audit.hpp"

#include <algorithm>
#include <array>

#include "audit_context.hpp"
#include "core/ascii.hpp"
#include "core/command_line.hpp"

namespace comreg {
namespace audit_detail {

void AuditContext::report(std::string_view id, Layer layer, std::string_view rel,
                          std::string_view value, std::string message) {
  out_.findings.push_back(
      {find_audit_rule(id), ClassesView::path(layer, rel), std::string(value), std::move(message)});
}

std::vector<ServerEntry> server_entries(const ClassesView& view) {
  static constexpr std::array<std::string_view, 3> kinds{"InprocServer32", "LocalServer32",
                                                         "InprocHandler32"};
  std::vector<ServerEntry> out;
  for (const Layer layer : {Layer::machine, Layer::user}) {
    for (const auto& clsid : view.subkeys(layer, "CLSID")) {
      for (const auto kind : kinds) {
        std::string rel = "CLSID\\" + clsid + "\\" + std::string(kind);
        auto data = view.text(layer, rel);
        if (!data || data->empty()) continue;
        out.push_back({layer, clsid, std::move(rel), std::string(kind), std::move(*data)});
      }
    }
  }
  return out;
}

ServerCommand split_server_command(std::string_view command) {
  // Leading blanks are the defender's to see past: the file is what matters here.
  const std::size_t start = command.find_first_not_of(" \t");
  command = start == std::string_view::npos ? std::string_view{} : command.substr(start);
  return {!command.empty() && command.front() == '"',
          std::string(intended_command(command).program)};
}

std::string server_file(const ServerEntry& entry) {
  if (entry.kind == "LocalServer32") return split_server_command(entry.data).program;
  return std::string(dll_path_as_com_reads(entry.data));
}

std::string file_name(std::string_view path) {
  const std::size_t slash = path.find_last_of("\\/");
  return text::fold_case(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// "script:", "http:", "javascript:" …: a moniker display name or URL, not a file path. A
// drive letter ("C:") is one character, so a scheme needs two or more.
bool is_moniker_or_url(std::string_view path) {
  while (!path.empty() && (path.front() == '"' || path.front() == ' ')) path.remove_prefix(1);
  const std::size_t colon = path.find(':');
  if (colon == std::string_view::npos || colon < 2) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = path[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return true;
}

std::string quote(std::string_view text) {
  return "'" + std::string(text) + "'";
}

}  // namespace audit_detail

std::size_t AuditReport::count(Severity s) const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(),
                    [&](const AuditFinding& f) { return f.rule->severity == s; }));
}

AuditReport audit(std::span<const RegistryBackend* const> sources, const AuditOptions& options) {
  using namespace audit_detail;
  AuditReport report;
  const ClassesView view(sources);
  AuditContext cx(view, options, report);
  const std::vector<ServerEntry> servers = server_entries(view);
  check_shadowing(cx);
  check_redirections(cx);
  check_script_servers(cx, servers);
  check_server_paths(cx, servers);
  check_appids(cx);
  check_elevation(cx);
  // Rule order, then key order: the same registry gives the same report.
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const AuditFinding& a, const AuditFinding& b) {
                     if (a.rule->id != b.rule->id) return a.rule->id < b.rule->id;
                     return text::fold_case(a.key) < text::fold_case(b.key);
                   });
  report.keys_read = view.keys_read();
  return report;
}

}  // namespace comreg
