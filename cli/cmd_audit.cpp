// comreg audit SOURCE… [--format text|json|sarif] [--root DIR] [--werror]: COM hijacks and
// broken registrations in a registry that already exists. Exit 0: no errors or warnings (notes
// do not count); 1: an error or warning, or any finding with --werror; 2: a source that cannot
// be read, or a usage error.
#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli_error.hpp"
#include "commands.hpp"
#include "common_options.hpp"
#include "comreg/audit/audit.hpp"
#include "comreg/open/registry_open.hpp"
#include "exit_codes.hpp"
#include "sarif.hpp"

namespace comreg::cli {
namespace {

struct AuditCliOptions {
  std::vector<std::string> sources;
  std::string format = "text";
  std::string root;
  bool werror = false;
};

// A hive's root says what it is: a SOFTWARE hive has Classes at its root, an NTUSER.DAT has
// Software, and a UsrClass.dat has the classes themselves. The probe's own diagnostics are
// dropped: opening the hive again under the mount found reports the same ones (a dirty hive's
// warning once, not twice).
std::string hive_mount(const RegistrySpec& spec) {
  Diagnostics diagnostics;
  RegistrySpec probe = spec;
  probe.mount = "HKEY_LOCAL_MACHINE\\SOFTWARE";
  RegistryOpenOptions options;
  options.scope = Scope::machine;
  OpenedRegistry opened = open_registry(probe, options, diagnostics);
  if (!opened.backend) return {};
  if (opened.backend->key_exists(probe.mount + "\\Classes")) return probe.mount;
  if (opened.backend->key_exists(probe.mount + "\\Software")) return "HKEY_CURRENT_USER";
  return classes_root(Scope::user);
}

// Opens every source (a .reg export naming HKEY_CLASSES_ROOT is read as the machine's
// classes); stops with exit 2 when one cannot be read.
std::vector<OpenedRegistry> open_sources(const std::vector<std::string>& sources) {
  std::vector<std::string> given = sources;
  if (given.empty()) given.emplace_back();  // the live registry
  std::vector<OpenedRegistry> out;
  for (const auto& source : given) {
    Diagnostics diagnostics;
    RegistrySpec spec = parse_registry_source(source);
    RegistryOpenOptions options;
    options.scope = Scope::machine;
    if (spec.kind == RegistrySpec::Kind::hive) spec.mount = hive_mount(spec);
    OpenedRegistry opened = open_registry(spec, options, diagnostics);
    if (!diagnostics.empty()) print_diagnostics(diagnostics, OutputFormat::text, stderr);
    if (!opened.backend) fail_reported(exit_usage_or_io);
    out.push_back(std::move(opened));
  }
  return out;
}

// A finding's registry path: the key, or the key and value name as Sysmon spells a value
// (…\InprocServer32\ThreadingModel).
std::string finding_path(const AuditFinding& f) {
  return f.value.empty() ? f.key : f.key + "\\" + f.value;
}

void print_text(const AuditReport& report) {
  for (const auto& f : report.findings) {
    std::printf("%s: %s: [%s] %s\n  why: %s\n  fix: %s\n", finding_path(f).c_str(),
                std::string(to_string(f.rule->severity)).c_str(), std::string(f.rule->id).c_str(),
                f.message.c_str(), std::string(f.rule->why).c_str(),
                std::string(f.rule->fix).c_str());
  }
  const auto plural = [](std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  std::printf("%s read: %s, %s, %s\n", plural(report.keys_read, "key", "keys").c_str(),
              plural(report.count(Severity::error), "error", "errors").c_str(),
              plural(report.count(Severity::warning), "warning", "warnings").c_str(),
              plural(report.count(Severity::note), "note", "notes").c_str());
}

void print_json(const AuditReport& report) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& f : report.findings) {
    findings.push_back({{"rule", f.rule->id},
                        {"name", f.rule->name},
                        {"severity", to_string(f.rule->severity)},
                        {"path", finding_path(f)},
                        {"key", f.key},
                        {"value", f.value},
                        {"message", f.message},
                        {"why", f.rule->why},
                        {"fix", f.rule->fix}});
  }
  const nlohmann::ordered_json out{{"findings", findings},
                                   {"errors", report.count(Severity::error)},
                                   {"warnings", report.count(Severity::warning)},
                                   {"notes", report.count(Severity::note)},
                                   {"keys_read", report.keys_read}};
  std::printf("%s\n", out.dump(2).c_str());
}

void print_sarif(const AuditReport& report) {
  std::vector<SarifRule> rules;
  for (const auto& r : audit_rules()) {
    rules.push_back({std::string(r.id), std::string(r.name), std::string(r.summary),
                     std::string(r.why), std::string(r.fix), std::string(r.source), r.severity});
  }
  std::vector<SarifResult> results;
  for (const auto& f : report.findings) {
    SarifResult r;
    r.rule_id = f.rule->id;
    r.level = f.rule->severity;
    r.message = f.message;
    r.registry_path = finding_path(f);
    r.registry_value = !f.value.empty();
    results.push_back(std::move(r));
  }
  std::fputs(format_sarif(rules, results).c_str(), stdout);
}

int run_audit(const AuditCliOptions& o) {
  std::vector<OpenedRegistry> opened = open_sources(o.sources);
  std::vector<const RegistryBackend*> stores;
  for (const auto& r : opened) stores.push_back(r.backend.get());
  AuditOptions options;
  options.root = o.root;
  const auto started = std::chrono::steady_clock::now();
  const AuditReport report = audit(stores, options);
  if (o.format == "json") {
    print_json(report);
  } else if (o.format == "sarif") {
    print_sarif(report);
  } else {
    print_text(report);
  }
  // For whole-image runs: COMREG_AUDIT_TIMING=1 prints the time the rules took on stderr.
  if (const char* t = std::getenv("COMREG_AUDIT_TIMING"); t != nullptr && *t == '1') {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    std::fprintf(stderr, "audit: %lld ms\n", static_cast<long long>(ms));
  }
  const bool counted = report.count(Severity::error) + report.count(Severity::warning) > 0;
  if (counted || (o.werror && !report.findings.empty())) return exit_problems;
  return exit_ok;
}

}  // namespace

CommandSpec audit_command() {
  auto o = std::make_shared<AuditCliOptions>();
  CommandSpec c{
      .name = "audit",
      .help = "Find COM hijacks and broken registrations in a registry (rules AUDnnn)",
      .footer =
          "SOURCE: a .reg export, or hive:PATH (a SOFTWARE hive, an NTUSER.DAT or a "
          "UsrClass.dat, told apart by their keys); several form one view, per-user keys "
          "over the machine's, as HKEY_CLASSES_ROOT merges them. No SOURCE: the live "
          "registry (Windows).\nExit 0: no error or warning (notes do not count); 1: "
          "findings (any with --werror); 2: a source cannot be read.\ndocs/audit.md "
          "explains every rule.\n\nExamples:\n  comreg audit machine.reg user.reg\n  comreg "
          "audit hive:SOFTWARE hive:UsrClass.dat --root /mnt/c --format sarif",
      .options = {{.names = "SOURCE",
                   .help = "A .reg export or hive:PATH (several: one merged view)",
                   .target = &o->sources},
                  format_option(o->format, "Findings as text, json or sarif (SARIF 2.1.0)",
                                {"text", "json", "sarif"}),
                  {.names = "--root",
                   .help = "The mounted Windows drive (C:\\): check that server files exist",
                   .target = &o->root,
                   .type_name = "DIR"},
                  {.names = "--werror",
                   .help = "Exit 1 on any finding, notes included",
                   .target = &o->werror}},
      .run = [o] { return run_audit(*o); },
      .reads_description = false};
  return c;
}

}  // namespace comreg::cli
