// verify on the in-memory registry, with plans built from small descriptions: stale values and
// keys, wrong types, shared keys, and the renderings.
#include <algorithm>
#include <catch2/catch.hpp>

#include "comreg/apply/apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "support/description_builders.hpp"

using namespace comreg;

namespace {

const std::string root = "HKEY_CURRENT_USER\\Software\\Classes\\";
const std::string clsid = "{11111111-2222-3333-4444-555555555555}";
const std::string catid = "{40FC6ED4-2438-11CF-A3DB-080036F12502}";
const std::string class_key = root + "CLSID\\" + clsid;
const std::string category_key = root + "Component Categories\\" + catid;

Plan one_class(ServerKind kind, std::string path, Threading threading) {
  Description d = testing::make_description({testing::make_server(
      kind, std::move(path), {testing::make_class(clsid, "Widget", "", "", threading)})});
  Category k;
  k.catid = catid;
  k.description = "Controls";
  k.at.pointer = "/categories/0";
  d.categories.push_back(k);
  return make_plan(d, {});
}

MemoryBackend installed(const Plan& plan) {
  MemoryBackend r;
  REQUIRE(install(plan, r).status.ok());
  REQUIRE(verify(plan, r).ok());
  return r;
}

}  // namespace

TEST_CASE("Verify: a ThreadingModel the description does not set is stale", "[verify]") {
  const Plan plan = one_class(ServerKind::inproc, "C:\\w.dll", Threading::none);
  MemoryBackend r = installed(plan);
  REQUIRE(r.set_value(class_key + "\\InprocServer32", "ThreadingModel", RegValue::sz("Both")).ok());
  const auto report = verify(plan, r);
  REQUIRE(report.findings.size() == 1);
  const Finding& f = report.findings[0];
  CHECK(f.kind == Finding::Kind::unexpected_value);
  CHECK(f.subject == "class " + clsid);
  CHECK(f.key == class_key + "\\InprocServer32");
  CHECK(f.name == "ThreadingModel");
  CHECK_FALSE(f.expected);
  CHECK(f.found == RegValue::sz("Both"));
  CHECK(f.origin == "/servers/0/classes/0");
  CHECK(format_verify_report(report, false) ==
        "class " + clsid + " (/servers/0/classes/0):\n  unexpected value: " + class_key +
            "\\InprocServer32 \"ThreadingModel\": REG_SZ \"Both\"\n1 difference\n");
}

TEST_CASE("Verify: the same text with another type is a wrong value, and both types are shown",
          "[verify]") {
  const Plan plan = one_class(ServerKind::inproc, "C:\\w.dll", Threading::apartment);
  MemoryBackend r = installed(plan);
  REQUIRE(r.set_value(class_key + "\\InprocServer32", "", RegValue::expand_sz("C:\\w.dll")).ok());
  const auto report = verify(plan, r);
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].kind == Finding::Kind::wrong_value);
  CHECK(report.findings[0].expected == RegValue::sz("C:\\w.dll"));
  CHECK(report.findings[0].found == RegValue::expand_sz("C:\\w.dll"));
  CHECK(format_verify_report(report, false) ==
        "class " + clsid + " (/servers/0/classes/0):\n  wrong value: " + class_key +
            "\\InprocServer32 @: expected REG_SZ \"C:\\\\w.dll\", found REG_EXPAND_SZ "
            "\"C:\\\\w.dll\"\n1 difference\n");
  CHECK(format_verify_report(report, true) == R"({
  "ok": false,
  "findings": [
    {
      "kind": "wrong value",
      "subject": "class {11111111-2222-3333-4444-555555555555}",
      "key": "HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{11111111-2222-3333-4444-555555555555}\\InprocServer32",
      "name": "",
      "expected": {
        "type": "REG_SZ",
        "value": "C:\\w.dll"
      },
      "found": {
        "type": "REG_EXPAND_SZ",
        "value": "C:\\w.dll"
      },
      "origin": "/servers/0/classes/0"
    }
  ]
}
)");
}

TEST_CASE("Verify: an InprocServer32 left beside the LocalServer32 is reported", "[verify]") {
  const Plan plan = one_class(ServerKind::local, "C:\\Program Files\\w.exe", Threading::none);
  MemoryBackend r = installed(plan);
  CHECK(r.get_value(class_key + "\\LocalServer32", "") ==
        RegValue::sz("\"C:\\Program Files\\w.exe\""));
  REQUIRE(r.create_key(class_key + "\\InprocServer32").ok());
  REQUIRE(r.set_value(class_key + "\\InprocServer32", "", RegValue::sz("C:\\old.dll")).ok());
  const auto report = verify(plan, r);
  // Reported once, as a key: its content is not looked into.
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].kind == Finding::Kind::unexpected_key);
  CHECK(report.findings[0].key == class_key + "\\InprocServer32");
  CHECK(report.findings[0].subject == "class " + clsid);
  CHECK_FALSE(report.ok());
}

TEST_CASE("Verify: in a shared key only the description's values count", "[verify]") {
  const Plan plan = one_class(ServerKind::inproc, "C:\\w.dll", Threading::both);
  MemoryBackend r = installed(plan);
  REQUIRE(r.set_value(category_key, "407", RegValue::sz("Steuerelemente")).ok());
  REQUIRE(r.create_key(category_key + "\\Other").ok());
  CHECK(verify(plan, r).ok());
  REQUIRE(r.delete_value(category_key, "409").ok());
  const auto report = verify(plan, r);
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].kind == Finding::Kind::missing_value);
  CHECK(report.findings[0].subject == "category " + catid);
  CHECK(report.findings[0].origin == "/categories/0");
  CHECK(format_verify_report(report, false) ==
        "category " + catid + " (/categories/0):\n  missing value: " + category_key +
            " \"409\": expected REG_SZ \"Controls\"\n1 difference\n");
}

TEST_CASE("Verify: a missing key is one finding, not one per value below it", "[verify]") {
  const Plan plan = one_class(ServerKind::inproc, "C:\\w.dll", Threading::apartment);
  MemoryBackend r = installed(plan);
  REQUIRE(r.delete_tree(class_key + "\\InprocServer32").ok());
  const auto report = verify(plan, r);
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].kind == Finding::Kind::missing_key);
  CHECK(report.findings[0].key == class_key + "\\InprocServer32");
  CHECK(format_verify_report(verify(plan, installed(plan)), false) == "matches the description\n");
}

TEST_CASE("Verify: values Windows reads as the plan are warnings, and the report says why",
          "[verify]") {
  const Plan plan = one_class(ServerKind::inproc, "C:\\w.dll", Threading::apartment);
  MemoryBackend r = installed(plan);
  REQUIRE(r.set_value(class_key + "\\InprocServer32", "ThreadingModel", RegValue::sz("apartment"))
              .ok());
  const auto report = verify(plan, r);
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].kind == Finding::Kind::same_for_windows);
  CHECK(report.findings[0].is_warning());
  CHECK(report.ok());
  CHECK(report.warnings() == 1);
  CHECK(format_verify_report(report, false) ==
        "class " + clsid + " (/servers/0/classes/0):\n  warning: same for Windows: " + class_key +
            "\\InprocServer32 \"ThreadingModel\": expected REG_SZ \"Apartment\", found REG_SZ "
            "\"apartment\"\n    (COM reads ThreadingModel in any case (a manifest's "
            "threadingModel is exact))\nmatches the description as Windows reads it (1 warning)\n");
  const std::string json = format_verify_report(report, true);
  CHECK(json.find("\"ok\": true") != std::string::npos);
  CHECK(json.find("\"warning\": true") != std::string::npos);
}

TEST_CASE("Verify: a wrong value whose text looks like the expected one shows the bytes",
          "[verify]") {
  VerifyReport report;
  Finding f;
  f.kind = Finding::Kind::wrong_value;
  f.subject = "class " + clsid;
  f.key = class_key;
  f.name = "Flags";
  f.expected = RegValue::sz("a");
  f.found = RegValue::from_raw(RegType::sz, {0x61, 0, 0, 0, 0x62, 0, 0, 0});
  report.findings.push_back(f);
  CHECK(format_verify_report(report, false) ==
        "class " + clsid + ":\n  wrong value: " + class_key +
            " \"Flags\": expected REG_SZ \"a\" (61 00 00 00), found REG_SZ \"a\" (61 00 00 00 62 "
            "00 00 00)\n1 difference\n");
}

TEST_CASE("Verify: findings on an export of HKEY_CLASSES_ROOT are named there, with a note",
          "[verify]") {
  VerifyReport report;
  Finding f;
  f.kind = Finding::Kind::missing_key;
  f.subject = "class " + clsid;
  f.key = class_key;
  report.findings.push_back(f);
  f.key = "HKEY_LOCAL_MACHINE\\Software\\Classes\\CLSID\\" + clsid;  // another root: kept
  report.findings.push_back(f);
  name_as_merged_view(report, "HKEY_CURRENT_USER\\Software\\Classes");
  CHECK(report.findings[0].key == "HKEY_CLASSES_ROOT\\CLSID\\" + clsid);
  CHECK(report.findings[1].key == f.key);
  REQUIRE(report.notes.size() == 1);
  CHECK(report.notes[0].find("cannot say which of them holds a value") != std::string::npos);
  CHECK(format_verify_report(report, false).find("\nnote: the export is of HKEY_CLASSES_ROOT") !=
        std::string::npos);
  VerifyReport untouched;
  name_as_merged_view(untouched, "HKEY_CURRENT_USER\\Software\\Classes");
  CHECK(untouched.notes.empty());
}

TEST_CASE("Verify: an interface's 16-bit ProxyStubClsid is checked as a GUID", "[verify]") {
  Description d = testing::make_description({});
  Interface i;
  i.iid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0C}";
  i.name = "IWidget";
  i.proxy_stub16 = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0D}";
  i.at.pointer = "/interfaces/0";
  d.interfaces.push_back(i);
  const Plan plan = make_plan(d, {});
  MemoryBackend r = installed(plan);
  const std::string key = root + "Interface\\" + i.iid + "\\ProxyStubClsid";
  // Another case of the same GUID: CLSIDFromString reads it the same.
  REQUIRE(r.set_value(key, "", RegValue::sz("{0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c0d}")).ok());
  auto report = verify(plan, r);
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].kind == Finding::Kind::same_for_windows);
  CHECK(report.ok());
  // Another proxy/stub: a difference, named by the member's interface.
  REQUIRE(r.set_value(key, "", RegValue::sz("{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0E}")).ok());
  report = verify(plan, r);
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].kind == Finding::Kind::wrong_value);
  CHECK(report.findings[0].key == key);
  CHECK(report.findings[0].origin == "/interfaces/0");
  CHECK_FALSE(report.ok());
}

TEST_CASE("Verify: a class's own values and subkeys are checked as planned values", "[verify]") {
  Description d = testing::make_description({testing::make_server(
      ServerKind::inproc, "C:\\w.dll", {testing::make_class(clsid, "Widget")})});
  ComClass& c = d.servers[0].classes[0];
  c.at.pointer = "/servers/0/classes/0";
  c.values = {{"Author", RegValue::sz("Contoso")}};
  c.subkeys = {
      {"Instance\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0D}", {{"Merit", RegValue::dword(0x200000)}}}};
  const Plan plan = make_plan(d, {});
  MemoryBackend r = installed(plan);
  const std::string instance = class_key + "\\Instance\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0D}";
  REQUIRE(r.set_value(instance, "Merit", RegValue::dword(0x600000)).ok());
  REQUIRE(r.set_value(instance, "FriendlyName", RegValue::sz("Widget")).ok());
  REQUIRE(r.delete_value(class_key, "Author").ok());
  const auto report = verify(plan, r);
  std::vector<std::pair<Finding::Kind, std::string>> found;
  for (const auto& f : report.findings) found.emplace_back(f.kind, f.key + "|" + f.name);
  std::sort(found.begin(), found.end());
  std::vector<std::pair<Finding::Kind, std::string>> expected{
      {Finding::Kind::missing_value, class_key + "|Author"},
      {Finding::Kind::wrong_value, instance + "|Merit"},
      {Finding::Kind::unexpected_value, instance + "|FriendlyName"}};
  std::sort(expected.begin(), expected.end());
  CHECK(found == expected);
}
