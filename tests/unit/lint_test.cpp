// Every lint rule with a description that triggers it and a corrected one that does not;
// the finding's rule ID, severity, location and hint; and the catalogue against docs/lint.md.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "comreg/lint/lint.hpp"
#include "support/diagnostic_matchers.hpp"
#include "support/test_files.hpp"

using comreg::Diagnostics;
using comreg::PlanOptions;
using comreg::Scope;
using comreg::View;

namespace {

const char* const c1 = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}";
const char* const c2 = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}";
const char* const a1 = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}";
const char* const good_sddl = "O:BAG:BAD:(A;;CCDCSW;;;IU)(A;;CCDCSW;;;SY)(A;;CCDCSW;;;BA)";

// A description with `servers` and `appids` (the JSON array contents).
std::string doc(const std::string& servers, const std::string& appids = {}) {
  std::string s = R"({
  "comreg": 1,
  "assembly": { "name": "Contoso.Widgets", "version": "1.2.0.0", "arch": "amd64" },
  "servers": [ )" +
                  servers + " ]";
  if (!appids.empty()) s += ",\n  \"appids\": [ " + appids + " ]";
  return s + "\n}\n";
}

// One server of `kind` at `path` with one class; `cls` adds members to the class, `extra` to
// the server.
std::string server(const std::string& kind, const std::string& path, const std::string& cls,
                   const std::string& extra = {}) {
  return R"({ "kind": ")" + kind + R"(", "path": ")" + path + "\"" + extra +
         R"(, "classes": [ { "clsid": ")" + c1 + "\"" + cls + " } ] }";
}

std::string inproc(
    const std::string& path = "${installdir}\\\\w.dll",
    const std::string& cls = R"(, "progid": "Contoso.Widget.1", "threading": "Apartment")",
    const std::string& extra = {}) {
  return server("inproc", path, cls, extra);
}

std::string local(const std::string& path = "${installdir}\\\\svc.exe") {
  std::string s = server("local", path, std::string(R"(, "appid": ")") + a1 + "\"");
  return s.replace(s.find(c1), std::string_view(c1).size(), c2);
}

// An AppID entry with `members` added; secure by default unless `members` says otherwise.
std::string appid(const std::string& members, bool permissions = true) {
  std::string s = std::string(R"({ "appid": ")") + a1 + "\"";
  if (permissions) {
    s += std::string(R"(, "launchPermission": ")") + good_sddl + R"(", "accessPermission": ")" +
         good_sddl + "\"";
  }
  return s + members + " }";
}

// An AppID with these SDDL strings ("" = not given).
std::string sddl_appid(const std::string& launch, const std::string& access) {
  std::string s = std::string("{ \"appid\": \"") + a1 + "\"";
  if (!launch.empty()) s += ", \"launchPermission\": \"" + launch + "\"";
  if (!access.empty()) s += ", \"accessPermission\": \"" + access + "\"";
  return s + " }";
}

Diagnostics lint_text(const std::string& text, Scope scope = Scope::user, View view = View::v64) {
  const auto loaded = comreg::testing::load_text(text);
  INFO(text << "\n" << comreg::format_diagnostics_json(loaded.diagnostics));
  REQUIRE(loaded.description);
  PlanOptions options;
  options.scope = scope;
  options.view = view;
  return comreg::lint(*loaded.description, options);
}

std::vector<comreg::Diagnostic> findings(const Diagnostics& ds, std::string_view id) {
  std::vector<comreg::Diagnostic> out;
  for (const auto& d : ds) {
    if (d.code == id) out.push_back(d);
  }
  return out;
}

struct Case {
  const char* id;
  std::string positive;
  std::string negative;
  std::string pointer;  // of the positive finding
  Scope scope = Scope::user;
  View view = View::v64;
};

std::vector<Case> cases() {
  const std::string lsa = appid("");
  return {
      {"COM101", doc(local("\\\"C:\\\\Program Files\\\\Contoso\\\\svc.exe"), lsa),
       doc(local("C:\\\\Program Files\\\\Contoso\\\\svc.exe"), lsa), "/servers/0/path"},
      {"COM102", doc(inproc("widgets.dll")), doc(inproc("C:\\\\Program Files\\\\w.dll")),
       "/servers/0/path"},
      {"COM102", doc(inproc("bin\\\\widgets.dll")), doc(inproc("${installdir}\\\\w.dll")),
       "/servers/0/path"},
      {"COM103", doc(inproc("C:\\\\Users\\\\Public\\\\w.dll")),
       doc(inproc("C:\\\\Program Files\\\\Contoso\\\\w.dll")), "/servers/0/path", Scope::machine},
      {"COM103", doc(inproc("C:\\\\Tools\\\\Contoso\\\\w.dll")),
       doc(inproc("%ProgramFiles%\\\\Contoso\\\\w.dll")), "/servers/0/path", Scope::machine},
      {"COM103", doc(local("%ProgramData%\\\\Contoso\\\\svc.exe"), lsa),
       doc(local("C:\\\\Windows\\\\System32\\\\svc.exe"), lsa), "/servers/0/path", Scope::machine},
      {"COM104", doc(inproc("%APPDATA%\\\\Contoso\\\\w.dll")),
       doc(inproc("%SystemRoot%\\\\System32\\\\w.dll")), "/servers/0/path", Scope::machine},
      {"COM105", doc(inproc("\\\\\\\\files\\\\share\\\\w.dll")),
       doc(inproc("\\\\\\\\?\\\\C:\\\\Program Files\\\\w.dll")), "/servers/0/path"},
      {"COM106", doc(inproc("C:\\\\PROGRA~1\\\\Contoso\\\\w.dll")),
       doc(inproc("C:\\\\Program Files\\\\Contoso\\\\w.dll")), "/servers/0/path", Scope::machine},
      {"COM201",
       doc(inproc("${installdir}\\\\w.dll", R"(, "progid": "batfile", "threading": "Both")")),
       doc(inproc("${installdir}\\\\w.dll",
                  R"(, "progid": "Contoso.batfile", "threading": "Both")")),
       "/servers/0/classes/0/progid"},
      {"COM201",
       doc(inproc(
           "${installdir}\\\\w.dll",
           R"(, "progid": "Contoso.W.1", "versionIndependentProgid": "Msi.Package", "threading": "Both")")),
       doc(inproc(
           "${installdir}\\\\w.dll",
           R"(, "progid": "Contoso.W.1", "versionIndependentProgid": "Contoso.W", "threading": "Both")")),
       "/servers/0/classes/0/versionIndependentProgid"},
      {"COM202", doc(local(), appid(R"(, "executables": [ "svc.exe", "DllHost.exe" ])")),
       doc(local(), appid(R"(, "executables": [ "svc.exe" ])")), "/appids/0/executables/1"},
      {"COM203",
       doc(inproc("${installdir}\\\\w.dll", R"(, "progid": "Widget", "threading": "Both")")),
       doc(inproc("${installdir}\\\\w.dll",
                  R"(, "progid": "Contoso.Widget", "threading": "Both")")),
       "/servers/0/classes/0/progid"},
      {"COM301", doc(local(), appid("", false)), doc(local(), lsa), "/appids/0"},
      {"COM301", doc(local(), sddl_appid(good_sddl, "")),
       doc(local(), appid(R"(, "localService": "ContosoWidgets")", false)), "/appids/0"},
      {"COM301", doc(server("local", "${installdir}\\\\svc.exe", "")), doc(local(), lsa),
       "/servers/0/classes/0"},
      {"COM302", doc(local(), appid(R"(, "runAs": "Interactive User")")),
       doc(local(), appid(R"(, "runAs": "nt authority\\localservice")")), "/appids/0/runAs"},
      {"COM303", doc(local(), appid(R"(, "runAs": "CONTOSO\\svc-widgets")")), doc(local(), lsa),
       "/appids/0/runAs"},
      {"COM304",
       doc(server("surrogate", "${installdir}\\\\w.dll",
                  std::string(R"(, "threading": "Both", "appid": ")") + a1 + "\""),
           appid("", false)),
       doc(server("surrogate", "${installdir}\\\\w.dll",
                  std::string(R"(, "threading": "Both", "appid": ")") + a1 + "\""),
           lsa),
       "/appids/0"},
      {"COM305",
       doc(local(), sddl_appid("O:BAG:BAD:(A;;CCDCSW;;;BA)(A;;CCDCLCSWRP;;;WD)", good_sddl)),
       doc(local(), lsa), "/appids/0/launchPermission"},
      {"COM305", doc(local(), sddl_appid(good_sddl, "O:BAG:BAD:(A;;CCDC;;;S-1-5-7)")),
       doc(local(), sddl_appid(good_sddl, "O:BAG:BAD:(D;;CCDC;;;WD)(A;;CCDC;;;IU)")),
       "/appids/0/accessPermission"},
      {"COM305", doc(local(), sddl_appid(good_sddl, "D:NO_ACCESS_CONTROL")), doc(local(), lsa),
       "/appids/0/accessPermission"},
      {"COM305", doc(local(), sddl_appid(good_sddl, "O:BAG:BA")),
       doc(local(), sddl_appid(good_sddl, "O:BAG:BAD:")), "/appids/0/accessPermission"},
      {"COM307", doc(local(), sddl_appid(good_sddl, "O:BAG:BAD:(A;;CCDC;;;AU)")),
       doc(local(), sddl_appid(good_sddl, "O:BAG:BAD:(D;;CCDC;;;WD)(A;;CCDC;;;AU)")),
       "/appids/0/accessPermission"},
      {"COM306", doc(local(), appid(R"(, "authenticationLevel": 1)")),
       doc(local(), appid(R"(, "authenticationLevel": 6)")), "/appids/0/authenticationLevel"},
      {"COM401", doc(inproc("${installdir}\\\\w.dll", R"(, "progid": "Contoso.W.1")")),
       doc(inproc()), "/servers/0/classes/0"},
      {"COM401", doc(server("handler", "${installdir}\\\\h.dll", "")),
       doc(server("handler", "${installdir}\\\\h.dll", R"(, "threading": "Both")")),
       "/servers/0/classes/0"},
      {"COM402",
       doc(R"({ "kind": "inproc", "path": "${installdir}\\w.dll", "classes": [ { "clsid": ")" +
           std::string(c1) + R"(", "threading": "Both", "treatAs": ")" + c2 +
           R"(" }, { "clsid": ")" + c2 + R"(", "threading": "Both", "treatAs": ")" + c1 +
           R"(" } ] })"),
       doc(R"({ "kind": "inproc", "path": "${installdir}\\w.dll", "classes": [ { "clsid": ")" +
           std::string(c1) + R"(", "threading": "Both", "treatAs": ")" + c2 +
           R"(" }, { "clsid": ")" + c2 + R"(", "threading": "Both" } ] })"),
       "/servers/0/classes/0/treatAs"},
      {"COM402",
       doc(inproc("${installdir}\\\\w.dll",
                  std::string(R"(, "threading": "Both", "treatAs": ")") + c1 + "\"")),
       doc(inproc("${installdir}\\\\w.dll",
                  std::string(R"(, "threading": "Both", "treatAs": ")") + c2 + "\"")),
       "/servers/0/classes/0/treatAs"},
      {"COM501",
       doc(inproc("${installdir}\\\\w.dll", R"(, "threading": "Both")", R"(, "arch": "x86")")),
       doc(inproc()), "/servers/0/arch"},
      {"COM501", doc(inproc()),
       doc(inproc("${installdir}\\\\w.dll", R"(, "threading": "Both")", R"(, "arch": "x86")")),
       "/servers/0/arch", Scope::user, View::v32},
  };
}

}  // namespace

TEST_CASE("Lint: every rule fires on its positive case and not on its negative", "[lint]") {
  std::set<std::string> covered;
  const auto all = cases();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Case& c = all[i];
    DYNAMIC_SECTION(i << ": " << c.id << " at " << c.pointer << " (positive)") {
      const Diagnostics ds = lint_text(c.positive, c.scope, c.view);
      INFO(c.positive << comreg::format_diagnostics_json(ds));
      const auto found = findings(ds, c.id);
      REQUIRE(found.size() == 1);
      const comreg::LintRule* rule = comreg::find_lint_rule(c.id);
      REQUIRE(rule != nullptr);
      CHECK(found[0].severity == rule->severity);
      CHECK(found[0].location.file == "test.json");
      CHECK(found[0].location.pointer == c.pointer);
      CHECK(found[0].location.line > 1);
      CHECK(found[0].location.column > 0);
      // The message ends with the rule's why; the hint is a fix.
      CHECK(found[0].message.size() > rule->why.size());
      CHECK(found[0].message.substr(found[0].message.size() - rule->why.size()) == rule->why);
      CHECK_FALSE(found[0].hint.empty());
    }
    DYNAMIC_SECTION(i << ": " << c.id << " at " << c.pointer << " (negative)") {
      const Diagnostics ds = lint_text(c.negative, c.scope, c.view);
      INFO(c.negative << comreg::format_diagnostics_json(ds));
      CHECK(findings(ds, c.id).empty());
    }
    covered.insert(c.id);
  }
  for (const auto& rule : comreg::lint_rules()) {
    INFO("rule " << rule.id << " has no test case");
    CHECK(covered.count(std::string(rule.id)) == 1);
  }
}

TEST_CASE("Lint: a careful description has no findings in either scope or view", "[lint]") {
  const std::string text = doc(inproc() + ", " + local(), appid(R"(, "executables": ["svc.exe"])"));
  CHECK(lint_text(text, Scope::user).empty());
  CHECK(lint_text(text, Scope::machine).empty());
}

TEST_CASE("Lint: machine-only path rules are silent in user scope", "[lint]") {
  for (const char* path :
       {"C:\\\\Users\\\\bob\\\\AppData\\\\w.dll", "%LOCALAPPDATA%\\\\w.dll", "%TEMP%\\\\w.dll"}) {
    CAPTURE(path);
    CHECK(lint_text(doc(inproc(path)), Scope::user).empty());
    CHECK(lint_text(doc(inproc(path)), Scope::machine).size() == 1);
  }
}

TEST_CASE("Lint: the finding locates the element in the file", "[lint]") {
  const std::string text = doc(inproc("widgets.dll"));
  const Diagnostics ds = lint_text(text);
  REQUIRE(ds.size() == 1);
  const auto p = comreg::testing::position_of(text, R"({ "kind": "inproc")");
  CHECK(ds.items()[0].location.line == p.line);
  CHECK(ds.items()[0].location.column == p.column);
  CHECK(ds.items()[0].message == "server DLL path 'widgets.dll' is not absolute: " +
                                     std::string(comreg::find_lint_rule("COM102")->why));
}

TEST_CASE("Lint: rule IDs and names are unique and documented in docs/lint.md", "[lint]") {
  const std::string docs = comreg::testing::read_file(comreg::testing::source_path("docs/lint.md"));
  std::set<std::string_view> ids, names;
  for (const auto& rule : comreg::lint_rules()) {
    CHECK(ids.insert(rule.id).second);
    CHECK(names.insert(rule.name).second);
    CHECK(comreg::find_lint_rule(rule.name) == &rule);
    const std::string heading = "## " + std::string(rule.id) + " `" + std::string(rule.name) + "`";
    INFO(heading);
    CHECK(docs.find(heading) != std::string::npos);
    const std::string severity =
        "Severity: **" + std::string(comreg::to_string(rule.severity)) + "**";
    CHECK(docs.find(heading + "\n\n" + severity) != std::string::npos);
  }
}

namespace {

// `path` as a JSON string body.
std::string json_string(std::string_view path) {
  std::string s;
  for (char c : path) {
    if (c == '\\' || c == '"') s += '\\';
    s += c;
  }
  return s;
}

// The path-rule IDs lint reports for an inproc server at `path`, in machine scope.
std::set<std::string> path_findings(std::string_view path) {
  std::set<std::string> ids;
  for (const auto& d : lint_text(doc(inproc(json_string(path))), Scope::machine)) {
    if (d.code.substr(0, 4) == "COM1") ids.insert(d.code);
  }
  return ids;
}

}  // namespace

TEST_CASE("Lint: every spelling of a server path gets its folder's verdict", "[lint][path]") {
  using Ids = std::set<std::string>;
  const Ids writable{"COM103"}, clean{}, unverifiable{"COM106"};
  const std::pair<const char*, Ids> cases[] = {
      {R"(C:\Program Files\..\Users\Public\x.dll)", writable},
      {R"(C:\Program Files\Contoso\x.dll)", clean},
      {R"(\\.\C:\Users\Public\x.dll)", writable},
      {R"(\\?\C:\Users\Public\x.dll)", writable},
      {R"(\??\C:\Users\Public\x.dll)", writable},
      {R"(\\?\C:\Program Files\Contoso\x.dll)", clean},
      {R"(%SystemRoot%\Temp\x.dll)", writable},
      {R"(%windir%\Tasks\x.dll)", writable},
      {R"(%SystemDrive%\ProgramData\x\y.dll)", writable},
      {R"(C:\Windows\Tasks\x.dll)", writable},
      {R"(C:\Windows\System32\spool\drivers\color\x.dll)", writable},
      {R"(C:\Windows\tracing\x.dll)", writable},
      {R"(C:\Windows\System32\x.dll)", clean},
      {R"(%SystemRoot%\System32\x.dll)", clean},
      {R"(C:\PROGRA~1\x.dll)", unverifiable},
      {R"(C:\Windows\Temp.\x.dll)", writable},
      {R"(C:\Windows\Temp \x.dll)", writable},
      {R"(C:/Users/Public/x.dll)", writable},
      {R"(\\?\GLOBALROOT\Device\HarddiskVolume3\Windows\System32\x.dll)", unverifiable},
      {R"(\\?\GLOBALROOT\Device\HarddiskVolume3\Users\Public\x.dll)", writable},
      {R"(\\?\UNC\files\share\x.dll)", Ids{"COM105"}},
      {R"(%CONTOSO_HOME%\x.dll)", clean},  // the machine decides; not judged
      {R"(C:\Users\%USERNAME%\x.dll)", Ids{"COM104"}},
  };
  for (const auto& [path, expected] : cases) {
    CAPTURE(path);
    CHECK(path_findings(path) == expected);
  }
}

TEST_CASE("Lint: a path is judged as read, and the finding shows the reading", "[lint][path]") {
  const auto ds = lint_text(doc(inproc(json_string(R"(C:\Program Files\..\Users\Public\x.dll)"))),
                            Scope::machine);
  const auto found = findings(ds, "COM103");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.find(R"(server DLL path 'C:\Program Files\..\Users\Public\x.dll' )"
                              R"((read as 'c:\users\public\x.dll') is in a user-writable )"
                              R"(folder in a machine-scope registration (profile folders)") == 0);
  // A short name is a warning that says why, never an error.
  const auto short_name =
      lint_text(doc(inproc(json_string(R"(C:\PROGRA~1\x.dll)"))), Scope::machine);
  REQUIRE(short_name.size() == 1);
  CHECK(short_name.items()[0].severity == comreg::Severity::warning);
  CHECK(short_name.items()[0].message.find("8.3 short name") != std::string::npos);
  // Only machine scope judges folders.
  CHECK(lint_text(doc(inproc(json_string(R"(C:\PROGRA~1\x.dll)"))), Scope::user).empty());
}

TEST_CASE("Lint: SDDL grants are judged as an access check would", "[lint][sddl]") {
  using Ids = std::set<std::string>;
  const Ids error{"COM305"}, warning{"COM307"}, none{};
  const std::pair<const char*, Ids> cases[] = {
      {"O:BAG:BAD:(A;;CCDC;;;WD)", error},
      {"O:BAG:BAD:(A;;CCDC;;;AN)", error},
      {"O:BAG:BAD:(A;;CCDC;;;BG)", error},
      // Deny before allow takes the rights away; allow before deny keeps them.
      {"O:BAG:BAD:(D;;CCDC;;;WD)(A;;CCDC;;;WD)", none},
      {"O:BAG:BAD:(A;;CCDC;;;WD)(D;;CCDC;;;WD)", error},
      // A deny of some rights leaves the others.
      {"O:BAG:BAD:(D;;CC;;;WD)(A;;CCDC;;;WD)", error},
      // Everyone's deny reaches every group's members, since their tokens hold Everyone.
      {"O:BAG:BAD:(D;;CCDC;;;WD)(A;;CCDC;;;AU)", none},
      {"O:BAG:BAD:(D;;CCDC;;;AU)(A;;CCDC;;;WD)", error},
      // A deny for another SID does not take away Everyone's grant.
      {"O:BAG:BAD:(D;;CCDC;;;IU)(A;;CCDC;;;WD)", error},
      // Object ACEs count like plain ones for the rights they name.
      {"O:BAG:BAD:(OA;;CCDC;0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01;;WD)", error},
      {"O:BAG:BAD:(OD;;CCDC;;;WD)(A;;CCDC;;;WD)", none},
      // Inherit-only ACEs do not apply to the object itself.
      {"O:BAG:BAD:(A;OICIIO;CCDC;;;WD)", none},
      {"O:BAG:BAD:(D;OICIIO;CCDC;;;WD)(A;;CCDC;;;WD)", error},
      // A NULL or absent DACL allows everyone; an empty one no one.
      {"D:NO_ACCESS_CONTROL", error},
      {"O:BAG:BA", error},
      {"O:BAG:BAD:", none},
      // Broad groups are warnings.
      {"O:BAG:BAD:(A;;CCDC;;;AU)", warning},
      {"O:BAG:BAD:(A;;CCDC;;;NU)", warning},
      {"O:BAG:BAD:(A;;CCDC;;;BU)", warning},
      {"O:BAG:BAD:(A;;CCDC;;;S-1-5-11)", warning},
      {"O:BAG:BAD:(D;;CCDC;;;BU)(A;;CCDC;;;BU)", none},
      {"O:BAG:BAD:(A;;CCDC;;;AN)(A;;CCDC;;;AU)", Ids{"COM305", "COM307"}},
      {"O:BAG:BAD:(A;;0x0;;;WD)", none},  // no rights at all
      {good_sddl, none},
  };
  for (const auto& [sddl, expected] : cases) {
    CAPTURE(sddl);
    Ids ids;
    for (const auto& d : lint_text(doc(local(), sddl_appid(good_sddl, sddl)))) {
      if (d.code == "COM305" || d.code == "COM307") {
        CHECK(d.location.pointer == "/appids/0/accessPermission");
        CHECK(ids.insert(d.code).second);  // one finding per rule and member
      }
    }
    CHECK(ids == expected);
  }
}

TEST_CASE("Lint: a grant to Everyone is one error naming it, not a warning too", "[lint][sddl]") {
  // Guests and Authenticated Users are granted too (their tokens hold Everyone): not repeated.
  const auto ds = lint_text(
      doc(local(), sddl_appid(good_sddl, "O:BAG:BAD:(A;;CCDC;;;WD)(A;;CCDC;;;AN)(A;;CC;;;AU)")));
  const auto found = findings(ds, "COM305");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.find("grants Everyone (WD) and Anonymous Logon (AN): ") !=
        std::string::npos);
  CHECK(findings(ds, "COM307").empty());
}
