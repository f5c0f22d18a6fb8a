// install, uninstall and verify on the in-memory registry.
#include <catch2/catch.hpp>

#include "comreg/apply/apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "support/diagnostic_matchers.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

ApplyOptions dry_run() {
  ApplyOptions o;
  o.dry_run = true;
  return o;
}

Plan sample_plan(const char* name, PlanOptions options = {Scope::machine, View::v64}) {
  const auto r = testing::load_text(
      testing::read_file(testing::source_path(std::string("samples/") + name + ".json")));
  REQUIRE(r.description);
  return make_plan(*r.description, options);
}

const std::string clsid_key =
    "HKEY_LOCAL_MACHINE\\Software\\Classes\\CLSID\\{351A7A78-FFEA-4062-B652-1AE856DA7CD7}";

// A registry like a Windows machine's: the top-level containers exist, and another product
// is registered.
MemoryBackend populated() {
  MemoryBackend r;
  for (const char* container :
       {"CLSID", "AppID", "TypeLib", "Interface", "Component Categories", "Licenses"}) {
    REQUIRE(r.create_key(std::string("HKEY_LOCAL_MACHINE\\Software\\Classes\\") + container).ok());
  }
  REQUIRE(
      r.create_key(
           "HKEY_LOCAL_MACHINE\\Software\\Classes\\CLSID\\{00000000-1111-2222-3333-444444444444}")
          .ok());
  REQUIRE(r.create_key("HKEY_LOCAL_MACHINE\\Software\\Classes\\Other.Product").ok());
  return r;
}

}  // namespace

TEST_CASE("Apply: install writes the plan, and a second install changes nothing", "[apply]") {
  const Plan plan = sample_plan("inproc-typelib");
  MemoryBackend r = populated();
  const auto first = install(plan, r);
  REQUIRE(first.status.ok());
  CHECK(first.changes.size() == plan.ops.size());
  CHECK(verify(plan, r).ok());
  CHECK(r.get_value(clsid_key + "\\InprocServer32", "ThreadingModel") == RegValue::sz("Apartment"));

  const auto second = install(plan, r);
  CHECK(second.changes.empty());
  CHECK(format_apply_report(second, false) == "0 changes\n");
}

TEST_CASE("Apply: a dry run reports the same changes and writes nothing", "[apply]") {
  const Plan plan = sample_plan("inproc-typelib");
  MemoryBackend r = populated();
  const MemoryBackend before = r;
  const auto dry = install(plan, r, dry_run());
  CHECK(r == before);
  MemoryBackend real = populated();
  const auto done = install(plan, real);
  REQUIRE(dry.changes.size() == done.changes.size());
  CHECK(format_apply_report(dry, false) == format_apply_report(done, false));
}

TEST_CASE("Apply: install replaces a wrong value and reports what it was", "[apply]") {
  const Plan plan = sample_plan("inproc-typelib");
  MemoryBackend r;
  REQUIRE(install(plan, r).status.ok());
  REQUIRE(r.set_value(clsid_key + "\\InprocServer32", "ThreadingModel", RegValue::sz("Free")).ok());
  const auto again = install(plan, r);
  REQUIRE(again.changes.size() == 1);
  CHECK(again.changes[0].kind == Change::Kind::set_value);
  REQUIRE(again.changes[0].prior);
  CHECK(*again.changes[0].prior == RegValue::sz("Free"));
  CHECK(format_apply_report(again, false) ==
        "~ value " + clsid_key +
            "\\InprocServer32 \"ThreadingModel\" = REG_SZ \"Apartment\" "
            "(was REG_SZ \"Free\")\n1 change\n");
}

TEST_CASE("Apply: uninstall restores the registry exactly", "[apply]") {
  for (const char* sample : {"contoso-widgets", "inproc-typelib", "local-server", "surrogate",
                             "activex-control", "remote-client"}) {
    CAPTURE(sample);
    const Plan plan = sample_plan(sample);
    MemoryBackend r = populated();
    const MemoryBackend before = r;
    REQUIRE(install(plan, r).status.ok());
    const auto removed = uninstall(plan, r);
    REQUIRE(removed.status.ok());
    // Shared keys (TypeLib\{libid}, Component Categories\{catid}) stay, emptied of our values.
    for (const auto& op : plan.ops) {
      if (op.kind == OpKind::create_key && op.ownership == Ownership::shared) {
        REQUIRE(r.delete_tree(registry_path(plan, op.key, r)).ok());
      }
    }
    INFO(r.dump());
    CHECK(r == before);
  }
}

TEST_CASE("Apply: uninstall keeps what others added under owned keys, and says so", "[apply]") {
  const Plan plan = sample_plan("inproc-typelib");
  MemoryBackend r;
  REQUIRE(install(plan, r).status.ok());
  const std::string foreign = clsid_key + "\\Implemented Categories";
  REQUIRE(r.create_key(foreign + "\\{40FC6ED4-2438-11CF-A3DB-080036F12502}").ok());
  REQUIRE(r.set_value(clsid_key, "AddedByOthers", RegValue::dword(1)).ok());
  const auto removed = uninstall(plan, r);
  REQUIRE(removed.status.ok());
  CHECK(r.key_exists(foreign + "\\{40FC6ED4-2438-11CF-A3DB-080036F12502}"));
  CHECK(r.get_value(clsid_key, "AddedByOthers") == RegValue::dword(1));
  CHECK_FALSE(r.key_exists(clsid_key + "\\InprocServer32"));
  CHECK_FALSE(r.get_value(clsid_key, ""));  // our default value is gone
  CHECK(std::find(removed.kept.begin(), removed.kept.end(),
                  "key " + foreign + " (not written by comreg)") != removed.kept.end());
  CHECK(std::find(removed.kept.begin(), removed.kept.end(),
                  "key " + clsid_key + " (holds content not written by comreg)") !=
        removed.kept.end());
}

TEST_CASE("Apply: uninstall leaves a shared value that someone else changed", "[apply]") {
  const Plan plan = sample_plan("activex-control");
  MemoryBackend r;
  REQUIRE(install(plan, r).status.ok());
  const std::string category =
      "HKEY_LOCAL_MACHINE\\Software\\Classes\\Component "
      "Categories\\{AFA9CC37-3CF0-493C-A361-22E9021E1107}";
  REQUIRE(r.set_value(category, "409", RegValue::sz("Renamed by another product")).ok());
  const auto removed = uninstall(plan, r);
  CHECK(r.get_value(category, "409") == RegValue::sz("Renamed by another product"));
  CHECK(std::find(removed.kept.begin(), removed.kept.end(),
                  "value \"409\" in " + category +
                      " (changed by someone else since comreg wrote it)") != removed.kept.end());
}

TEST_CASE("Verify: every kind of drift, named by subject", "[verify]") {
  const Plan plan = sample_plan("inproc-typelib");
  MemoryBackend r;
  REQUIRE(install(plan, r).status.ok());
  REQUIRE(verify(plan, r).ok());
  REQUIRE(r.set_value(clsid_key + "\\InprocServer32", "", RegValue::sz("C:\\evil.dll")).ok());
  REQUIRE(r.delete_value(clsid_key + "\\InprocServer32", "ThreadingModel").ok());
  REQUIRE(r.create_key(clsid_key + "\\LocalServer32").ok());
  REQUIRE(r.set_value(clsid_key, "Stale", RegValue::sz("x")).ok());
  REQUIRE(r.delete_tree("HKEY_LOCAL_MACHINE\\Software\\Classes\\Fabrikam.ImageDecoder").ok());
  const auto report = verify(plan, r);
  INFO(format_verify_report(report, false));
  REQUIRE(report.findings.size() == 5);
  CHECK(format_verify_report(report, false) ==
        "class {351A7A78-FFEA-4062-B652-1AE856DA7CD7} (/servers/0/classes/0):\n"
        "  unexpected value: " +
            clsid_key +
            " \"Stale\": REG_SZ \"x\"\n"
            "  unexpected key: " +
            clsid_key +
            "\\LocalServer32\n"
            "  registered to another file: " +
            clsid_key +
            "\\InprocServer32 @: expected REG_SZ "
            "\"C:\\\\Program Files\\\\Contoso\\\\imaging.dll\", found REG_SZ \"C:\\\\evil.dll\"\n"
            "  missing value: " +
            clsid_key +
            "\\InprocServer32 \"ThreadingModel\": expected REG_SZ "
            "\"Apartment\"\n"
            "ProgID Fabrikam.ImageDecoder (/servers/0/classes/0):\n"
            "  missing key: HKEY_LOCAL_MACHINE\\Software\\Classes\\Fabrikam.ImageDecoder\n"
            "5 differences\n");
  const std::string json = format_verify_report(report, true);
  CHECK(json.find("\"ok\": false") != std::string::npos);
  CHECK(json.find("\"kind\": \"registered to another file\"") != std::string::npos);
}

TEST_CASE("Verify: an empty registry is missing every key, and subjects name the elements",
          "[verify]") {
  const Plan plan = sample_plan("contoso-widgets");
  MemoryBackend r;
  const auto report = verify(plan, r);
  // Each missing tree once: two CLSIDs, four ProgIDs, one AppID.
  REQUIRE(report.findings.size() == 7);
  for (const auto& f : report.findings) CHECK(f.kind == Finding::Kind::missing_key);
  CHECK(report.findings[0].subject == "class {0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}");
  CHECK(report.findings[6].subject == "AppID {0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}");
  CHECK(subject_of("CLSID\\{X}\\InprocServer32") == "class {X}");
  CHECK(subject_of("Interface\\{I}") == "interface {I}");
  CHECK(subject_of("TypeLib\\{L}\\1.0") == "type library {L}");
  CHECK(subject_of("AppID\\svc.exe") == "AppID svc.exe");
  CHECK(subject_of("Contoso.Widget\\CurVer") == "ProgID Contoso.Widget");
}
