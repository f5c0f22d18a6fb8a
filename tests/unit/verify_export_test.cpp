// verify against .reg exports: hand-built from comreg's own output in the form `reg export HKCR`
// writes (UTF-16LE, HKEY_CLASSES_ROOT), then tampered the way drift happens; each kind of drift
// is named. The Wine test (tests/wine/export_verify_e2e.sh) does the same with real exports.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "comreg/description/description_loader.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "core/utf.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

const std::string widget = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}";
const std::string service = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}";

Plan sample_plan(const std::string& name, Scope scope = Scope::user, View view = View::v64) {
  LoadOptions load;
  load.defines["installdir"] = "C:\\Contoso";
  const std::string file = "samples/" + name + ".json";
  auto loaded = load_description(testing::read_file(testing::source_path(file)), file, load);
  REQUIRE(loaded.description);
  return make_plan(*loaded.description, {scope, view});
}

// The plan as an export of HKEY_CLASSES_ROOT would show it, as UTF-8 text to tamper with.
std::string hkcr_export(const Plan& plan) {
  RegWriteOptions w;
  w.format = RegFormat::regedit4;
  std::string text = write_reg(plan, w).bytes;
  text.replace(0, 8, "Windows Registry Editor Version 5.00");
  const std::string root = classes_root(plan.options.scope);
  for (std::size_t at = text.find(root); at != std::string::npos; at = text.find(root, at)) {
    text.replace(at, root.size(), "HKEY_CLASSES_ROOT");
  }
  return text;
}

void replace(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

// What `comreg verify --against` does with the export (comreg/registry_open.hpp).
VerifyReport verify_export(const Plan& plan, const std::string& utf8_text) {
  std::string bytes = "\xFF\xFE";
  text::append_utf16le(bytes, utf8_text);
  RegReadOptions options;
  options.file_name = "export.reg";
  options.only_under = verified_roots(plan);
  options.root_aliases.emplace_back("HKEY_CLASSES_ROOT", classes_root(plan.options.scope));
  MemoryBackend registry;
  Diagnostics d;
  const bool ok = read_reg(bytes, options, registry, d);
  INFO(format_diagnostics_json(d));
  REQUIRE(ok);
  return verify(plan, registry);
}

Finding only_finding(const VerifyReport& report) {
  INFO(format_verify_report(report, false));
  REQUIRE(report.findings.size() == 1);
  return report.findings[0];
}

}  // namespace

TEST_CASE("Verify export: an untouched export matches, for either scope and view",
          "[verify-export]") {
  for (const auto scope : {Scope::user, Scope::machine}) {
    for (const auto view : {View::v64, View::v32}) {
      const Plan plan = sample_plan("inproc-typelib", scope, view);
      const auto report = verify_export(plan, hkcr_export(plan));
      INFO(format_verify_report(report, false));
      CHECK(report.ok());
    }
  }
}

TEST_CASE("Verify export: other products' keys around ours do not matter", "[verify-export]") {
  const Plan plan = sample_plan("contoso-widgets");
  std::string text = hkcr_export(plan);
  replace(text, "\r\n\r\n[",
          "\r\n\r\n[HKEY_CLASSES_ROOT\\.txt]\r\n@=\"txtfile\"\r\n\r\n"
          "[HKEY_CLASSES_ROOT\\CLSID\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0F}]\r\n@=\"other\"\r\n"
          "\r\n[HKEY_CLASSES_ROOT\\Contoso.WidgetX]\r\n@=\"not ours\"\r\n\r\n[");
  CHECK(verify_export(plan, text).ok());
}

TEST_CASE("Verify export: a server path that differs is its own kind", "[verify-export]") {
  const Plan plan = sample_plan("contoso-widgets");
  std::string text = hkcr_export(plan);
  replace(text, "@=\"C:\\\\Contoso\\\\widgets.dll\"", "@=\"D:\\\\Old\\\\Contoso\\\\WIDGETS.DLL\"");
  const Finding f = only_finding(verify_export(plan, text));
  CHECK(f.kind == Finding::Kind::server_path_differs);
  CHECK(f.subject == "class " + widget);
  CHECK(f.key == "HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\" + widget + "\\InprocServer32");
  CHECK(f.name.empty());
  CHECK(f.expected == RegValue::sz("C:\\Contoso\\widgets.dll"));
  CHECK(f.found == RegValue::sz("D:\\Old\\Contoso\\WIDGETS.DLL"));
  CHECK(f.origin == "/servers/0/classes/0");
}

TEST_CASE("Verify export: a local server command line with arguments is the same file",
          "[verify-export]") {
  const Plan plan = sample_plan("contoso-widgets");
  std::string text = hkcr_export(plan);
  replace(text, "@=\"C:\\\\Contoso\\\\widgetsvc.exe\"",
          "@=\"\\\"C:\\\\Program Files\\\\Contoso\\\\widgetsvc.exe\\\" /automation\"");
  const Finding f = only_finding(verify_export(plan, text));
  CHECK(f.kind == Finding::Kind::server_path_differs);
  CHECK(f.subject == "class " + service);
}

TEST_CASE("Verify export: a class registered to another file is foreign", "[verify-export]") {
  const Plan plan = sample_plan("contoso-widgets");
  std::string text = hkcr_export(plan);
  replace(text, "@=\"C:\\\\Contoso\\\\widgets.dll\"", "@=\"C:\\\\Contoso\\\\gadgets.dll\"");
  const auto report = verify_export(plan, text);
  const Finding f = only_finding(report);
  CHECK(f.kind == Finding::Kind::foreign_server);
  CHECK(format_verify_report(report, false) ==
        "class " + widget +
            " (/servers/0/classes/0):\n  registered to another file: "
            "HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\" +
            widget +
            "\\InprocServer32 @: expected REG_SZ \"C:\\\\Contoso\\\\widgets.dll\", found REG_SZ "
            "\"C:\\\\Contoso\\\\gadgets.dll\"\n1 difference\n");
}

TEST_CASE("Verify export: a ProgID pointing to another CLSID, a CurVer pointing elsewhere",
          "[verify-export]") {
  const Plan plan = sample_plan("contoso-widgets");
  std::string text = hkcr_export(plan);
  const std::string other = "{99999999-0000-0000-0000-000000000001}";
  replace(text, "[HKEY_CLASSES_ROOT\\Contoso.Widget.1\\CLSID]\r\n@=\"" + widget,
          "[HKEY_CLASSES_ROOT\\Contoso.Widget.1\\CLSID]\r\n@=\"" + other);
  replace(text, "[HKEY_CLASSES_ROOT\\Contoso.Widget\\CurVer]\r\n@=\"Contoso.Widget.1",
          "[HKEY_CLASSES_ROOT\\Contoso.Widget\\CurVer]\r\n@=\"Contoso.Widget.2");
  const auto report = verify_export(plan, text);
  INFO(format_verify_report(report, false));
  REQUIRE(report.findings.size() == 2);
  CHECK(report.findings[0].kind == Finding::Kind::foreign_progid);
  CHECK(report.findings[0].subject == "ProgID Contoso.Widget.1");
  CHECK(report.findings[0].found == RegValue::sz(other));
  CHECK(report.findings[1].kind == Finding::Kind::stale_curver);
  CHECK(report.findings[1].subject == "ProgID Contoso.Widget");
  CHECK(report.findings[1].expected == RegValue::sz("Contoso.Widget.1"));
  const std::string json = format_verify_report(report, true);
  CHECK(json.find("\"kind\": \"ProgID points to another class\"") != std::string::npos);
  CHECK(json.find("\"kind\": \"CurVer points to another ProgID\"") != std::string::npos);
  CHECK(json.find("\"ok\": false") != std::string::npos);
}

TEST_CASE("Verify export: a type library file elsewhere, or another file", "[verify-export]") {
  const Plan plan = sample_plan("inproc-typelib");
  std::string text = hkcr_export(plan);
  replace(text, "\\win64]\r\n@=\"C:\\\\Contoso\\\\imaging.dll\"",
          "\\win64]\r\n@=\"C:\\\\Elsewhere\\\\imaging.dll\"");
  replace(text, "\\win32]\r\n@=\"C:\\\\Contoso\\\\x86\\\\imaging.dll\"",
          "\\win32]\r\n@=\"C:\\\\Contoso\\\\x86\\\\imaging.tlb\"");
  const auto report = verify_export(plan, text);
  INFO(format_verify_report(report, false));
  REQUIRE(report.findings.size() == 2);
  CHECK(report.findings[0].kind == Finding::Kind::foreign_server);
  CHECK(report.findings[0].key.find("\\win32") != std::string::npos);
  CHECK(report.findings[1].kind == Finding::Kind::server_path_differs);
  CHECK(report.findings[1].subject.rfind("type library ", 0) == 0);
}

TEST_CASE("Verify export: wrong values show both types, missing and stale keys",
          "[verify-export]") {
  const Plan plan = sample_plan("contoso-widgets");
  std::string text = hkcr_export(plan);
  replace(text, "\"ThreadingModel\"=\"Apartment\"",
          "\"ThreadingModel\"=hex(2):42,00,6f,00,74,00,68,00,00,00");
  replace(text, "[HKEY_CLASSES_ROOT\\AppID\\", "[HKEY_CLASSES_ROOT\\AppIDx\\");
  replace(text, "[HKEY_CLASSES_ROOT\\CLSID\\" + widget + "\\ProgID]",
          "[HKEY_CLASSES_ROOT\\CLSID\\" + widget +
              "\\LocalServer32]\r\n@=\"old.exe\"\r\n\r\n"
              "[HKEY_CLASSES_ROOT\\CLSID\\" +
              widget + "\\ProgID]");
  const auto report = verify_export(plan, text);
  INFO(format_verify_report(report, false));
  REQUIRE(report.findings.size() == 3);
  CHECK(report.findings[0].kind == Finding::Kind::unexpected_key);
  CHECK(report.findings[0].key.find("\\LocalServer32") != std::string::npos);
  CHECK(report.findings[1].kind == Finding::Kind::wrong_value);
  CHECK(report.findings[1].found->type == RegType::expand_sz);
  CHECK(report.findings[1].expected->type == RegType::sz);
  CHECK(report.findings[2].kind == Finding::Kind::missing_key);
  CHECK(report.findings[2].subject == "AppID {0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}");
}

TEST_CASE("Verify export: verified_roots names each subject's root once, in the view's keys",
          "[verify-export]") {
  const Plan plan = sample_plan("contoso-widgets", Scope::machine, View::v32);
  const std::string r = "HKEY_LOCAL_MACHINE\\Software\\Classes\\";
  CHECK(verified_roots(plan) ==
        std::vector<std::string>{r + "Wow6432Node\\CLSID\\" + widget, r + "Contoso.Widget.1",
                                 r + "Contoso.Widget", r + "Wow6432Node\\CLSID\\" + service,
                                 r + "Contoso.WidgetService.1", r + "Contoso.WidgetService",
                                 r + "AppID\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}"});
}

TEST_CASE("Verify export: verified_roots skips only keys at or below a whole root",
          "[verify-export]") {
  // Keys of one root follow each other and are not looked at again; a first component alone
  // that names a kind of two levels ("CLSID", "AppID") is a root of its own, not the root of
  // the keys below it. A root spelled in another case is the same root.
  Plan plan;
  plan.options.scope = Scope::user;
  plan.options.view = View::v64;
  for (const char* key :
       {"Contoso.A", "Contoso.A\\CLSID", "CLSID", "CLSID\\{X}", "CLSID\\{X}\\InprocServer32",
        "CLSID\\{Y}", "Contoso.A", "contoso.a\\CurVer", "AppID", "AppID\\{Z}", "Contoso.AB"}) {
    Operation op;
    op.kind = OpKind::create_key;
    op.key = key;
    plan.ops.push_back(op);
  }
  const std::string r = "HKEY_CURRENT_USER\\Software\\Classes\\";
  CHECK(verified_roots(plan) ==
        std::vector<std::string>{r + "Contoso.A", r + "CLSID", r + "CLSID\\{X}", r + "CLSID\\{Y}",
                                 r + "AppID", r + "AppID\\{Z}", r + "Contoso.AB"});
}

namespace {

// samples/contoso-widgets.json installed in C:\Program Files\Contoso, as the hand-written
// tests/data/contoso-hkcr-handwritten.reg registers it.
Plan program_files_plan() {
  LoadOptions load;
  load.defines["installdir"] = "C:\\Program Files\\Contoso";
  const std::string file = "samples/contoso-widgets.json";
  auto loaded = load_description(testing::read_file(testing::source_path(file)), file, load);
  REQUIRE(loaded.description);
  return make_plan(*loaded.description, {Scope::user, View::v64});
}

std::string handwritten_export() {
  return testing::read_file(testing::source_path("tests/data/contoso-hkcr-handwritten.reg"));
}

}  // namespace

TEST_CASE("Verify export: a hand-written export Windows reads as the plan has warnings only",
          "[verify-export]") {
  const Plan plan = program_files_plan();
  const auto report = verify_export(plan, handwritten_export());
  INFO(format_verify_report(report, false));
  CHECK(report.ok());
  CHECK(report.differences() == 0);
  // The server path's NULs, ThreadingModel, four ProgID CLSIDs and the class's AppID.
  REQUIRE(report.warnings() == 7);
  for (const auto& f : report.findings) {
    CHECK(f.kind == Finding::Kind::same_for_windows);
    CHECK_FALSE(f.why.empty());
  }
  CHECK(report.findings[0].name.empty());
  CHECK(report.findings[0].why.find("up to its first NUL") != std::string::npos);
  CHECK(report.findings[1].name == "ThreadingModel");
  CHECK(report.findings[2].key.find("Contoso.Widget.1\\CLSID") != std::string::npos);
  CHECK(report.findings[2].why.find("CLSIDFromString") != std::string::npos);
}

TEST_CASE("Verify export: in a hand-written export, a lower-case GUID of another class differs",
          "[verify-export]") {
  const Plan plan = program_files_plan();
  std::string text = handwritten_export();
  replace(text,
          "[HKEY_CLASSES_ROOT\\Contoso.Widget.1\\CLSID]\r\n@=\"{0f5d1c8e-4b7a-4f2e-9c3d-"
          "2a6b8e1f7c01}\"",
          "[HKEY_CLASSES_ROOT\\Contoso.Widget.1\\CLSID]\r\n@=\"{0f5d1c8e-4b7a-4f2e-9c3d-"
          "2a6b8e1f7c02}\"");
  replace(text, "\"ThreadingModel\"=\"apartment\"", "\"ThreadingModel\"=\"free\"");
  const auto report = verify_export(plan, text);
  INFO(format_verify_report(report, false));
  CHECK_FALSE(report.ok());
  CHECK(report.differences() == 2);
  CHECK(report.warnings() == 5);
  CHECK(report.findings[1].kind == Finding::Kind::wrong_value);
  CHECK(report.findings[1].name == "ThreadingModel");
  CHECK(report.findings[2].kind == Finding::Kind::foreign_progid);
}

TEST_CASE("Verify export: an unquoted server path with spaces warns, a GUID without braces differs",
          "[verify-export]") {
  const Plan plan = program_files_plan();
  const auto report = verify_export(
      plan,
      testing::read_file(testing::source_path("tests/data/contoso-hkcr-handwritten-drift.reg")));
  INFO(format_verify_report(report, false));
  CHECK_FALSE(report.ok());
  REQUIRE(report.differences() == 1);
  CHECK(report.warnings() == 7);
  const auto difference = std::find_if(report.findings.begin(), report.findings.end(),
                                       [](const Finding& f) { return !f.is_warning(); });
  CHECK(difference->kind == Finding::Kind::wrong_value);
  CHECK(difference->why.find("no braces") != std::string::npos);
  const auto ambiguous =
      std::count_if(report.findings.begin(), report.findings.end(),
                    [](const Finding& f) { return f.kind == Finding::Kind::ambiguous_command; });
  CHECK(ambiguous == 1);
}
