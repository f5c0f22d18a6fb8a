// comreg audit's rules over the hijack corpus (tests/data/audit): each rule's planted file,
// audited with the machine export, gives that rule and no other; its clean twin gives nothing.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "comreg/audit/audit.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "support/test_files.hpp"

using namespace comreg;
using comreg::testing::source_path;

namespace {

MemoryBackend load(const std::string& relative) {
  MemoryBackend registry;
  Diagnostics diagnostics;
  RegReadOptions options;
  options.file_name = relative;
  const bool read = read_reg_file(source_path(relative), options, registry, diagnostics);
  INFO(relative << ": " << (diagnostics.empty() ? "" : diagnostics.items().front().message));
  REQUIRE(read);
  return registry;
}

// Audits the machine export with `file` (when given), the user's keys over the machine's.
AuditReport audit_files(const std::string& file, const std::string& root = {}) {
  const MemoryBackend machine = load("tests/data/audit/machine.reg");
  std::vector<const RegistryBackend*> sources{&machine};
  MemoryBackend planted;
  if (!file.empty()) {
    planted = load(file);
    sources.push_back(&planted);
  }
  AuditOptions options;
  options.root = root.empty() ? std::string() : source_path(root);
  return audit(sources, options);
}

std::set<std::string> rule_ids(const AuditReport& report) {
  std::set<std::string> ids;
  for (const auto& f : report.findings) ids.emplace(f.rule->id);
  return ids;
}

std::string describe(const AuditReport& report) {
  std::string s;
  for (const auto& f : report.findings) {
    s += std::string(f.rule->id) + " " + f.key + " " + f.value + ": " + f.message + "\n";
  }
  return s;
}

const std::string drive_c = "tests/data/audit/drive_c";

}  // namespace

TEST_CASE("the machine export alone is clean, server files included") {
  const AuditReport report = audit_files({}, drive_c);
  INFO(describe(report));
  CHECK(report.findings.empty());
  CHECK(report.keys_read > 10);
}

TEST_CASE("each rule finds its planted hijack, with its ID, and nothing in its clean twin") {
  for (const AuditRule& rule : audit_rules()) {
    const std::string id(rule.id);
    // Missing files are looked for only below a drive.
    const std::string root = id == "AUD304" ? drive_c : std::string();
    SECTION(id) {
      const AuditReport planted = audit_files("tests/data/audit/rules/" + id + ".reg", root);
      INFO(describe(planted));
      CHECK(rule_ids(planted) == std::set<std::string>{id});
      const AuditReport twin = audit_files("tests/data/audit/rules/" + id + "-clean.reg", root);
      INFO(describe(twin));
      CHECK(twin.findings.empty());
    }
  }
}

TEST_CASE("findings name the registry key the hijack is in") {
  const AuditReport report = audit_files("tests/data/audit/rules/AUD101.reg");
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].key ==
        "HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{11111111-2222-3333-4444-555555555501}"
        "\\InprocServer32");
  CHECK(report.findings[0].message.find("evil.dll") != std::string::npos);
  CHECK(report.findings[0].message.find("widget.dll") != std::string::npos);
}

TEST_CASE("a TreatAs loop is reported once, not once per class in it") {
  const AuditReport report = audit_files("tests/data/audit/rules/AUD107.reg");
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].message.find("loop") != std::string::npos);
}

TEST_CASE("an AppID permission is judged from its binary descriptor") {
  const AuditReport report = audit_files("tests/data/audit/rules/AUD401.reg");
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].value == "LaunchPermission");
  CHECK(report.findings[0].message.find("Everyone") != std::string::npos);
  CHECK(report.findings[0].message.find("(A;;CCDCSW;;;WD)") != std::string::npos);
}

TEST_CASE("the per-user layer is found in any source, the machine layer in another") {
  // The same keys in one store: the view is by root, not by store.
  MemoryBackend both = load("tests/data/audit/machine.reg");
  Diagnostics diagnostics;
  RegReadOptions options;
  REQUIRE(
      read_reg_file(source_path("tests/data/audit/rules/AUD101.reg"), options, both, diagnostics));
  const std::vector<const RegistryBackend*> sources{&both};
  CHECK(rule_ids(audit(sources, {})) == std::set<std::string>{"AUD101"});
}

TEST_CASE("rule IDs are unique and docs/audit.md documents each with its severity") {
  const std::string doc = comreg::testing::read_file(source_path("docs/audit.md"));
  std::set<std::string_view> seen;
  for (const AuditRule& rule : audit_rules()) {
    INFO(rule.id);
    CHECK(seen.insert(rule.id).second);
    CHECK(find_audit_rule(rule.id) == &rule);
    const std::string heading = "### " + std::string(rule.id) + " " + std::string(rule.name) +
                                " (" + std::string(to_string(rule.severity)) + ")";
    CHECK(doc.find(heading) != std::string::npos);
    CHECK(doc.find(std::string(rule.source)) != std::string::npos);
  }
  for (const HijackTarget& t : hijack_targets()) {
    INFO(t.clsid);
    CHECK(doc.find(std::string(t.clsid)) != std::string::npos);
    CHECK(doc.find(std::string(t.source)) != std::string::npos);
  }
}
