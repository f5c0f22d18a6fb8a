// install and uninstall on the in-memory registry, with plans built from small descriptions:
// exact reports, shared keys, dry runs and backend failures.
#include <catch2/catch.hpp>

#include "comreg/apply/apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/testing/fault_backend.hpp"
#include "support/description_builders.hpp"

using namespace comreg;

namespace {

ApplyOptions dry_run() {
  ApplyOptions o;
  o.dry_run = true;
  return o;
}

const std::string root = "HKEY_CURRENT_USER\\Software\\Classes\\";
const std::string clsid = "{11111111-2222-3333-4444-555555555555}";
const std::string catid = "{40FC6ED4-2438-11CF-A3DB-080036F12502}";
const std::string class_key = root + "CLSID\\" + clsid;
const std::string category_key = root + "Component Categories\\" + catid;

// One in-process class with a ProgID, and a component category (a shared key).
Plan widget_plan(View view = View::v64) {
  Description d = testing::make_description({testing::make_server(
      ServerKind::inproc, "C:\\w.dll",
      {testing::make_class(clsid, "Widget", "Contoso.Widget.1", "", Threading::apartment)})});
  Category k;
  k.catid = catid;
  k.description = "Controls";
  k.at.pointer = "/categories/0";
  d.categories.push_back(k);
  return make_plan(d, {Scope::user, view});
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("Apply: install into an empty registry makes every operation, in plan order", "[apply]") {
  const Plan plan = widget_plan();
  MemoryBackend r;
  const auto report = install(plan, r);
  REQUIRE(report.status.ok());
  REQUIRE(report.changes.size() == plan.ops.size());
  for (std::size_t i = 0; i < plan.ops.size(); ++i) {
    CAPTURE(i);
    const auto& op = plan.ops[i];
    CHECK(report.changes[i].kind ==
          (op.kind == OpKind::create_key ? Change::Kind::create_key : Change::Kind::set_value));
    CHECK(report.changes[i].key == root + op.key);
    CHECK(report.changes[i].name == op.name);
    CHECK(report.changes[i].origin == plan.origin_of(op));
  }
  const std::string text = format_apply_report(report, false);
  CHECK(text.rfind("+ key   " + class_key + "\n+ value " + class_key + " @ = REG_SZ \"Widget\"\n",
                   0) == 0);
  CHECK(text.find("+ value " + class_key +
                  "\\InprocServer32 \"ThreadingModel\" = REG_SZ \"Apartment\"\n") !=
        std::string::npos);
  CHECK(text.substr(text.size() - 11) == "13 changes\n");
  CHECK(r.get_value(category_key, "409") == RegValue::sz("Controls"));
}

TEST_CASE("Apply: keys spelled in another case are the same keys", "[apply]") {
  const Plan plan = widget_plan();
  MemoryBackend r;
  REQUIRE(r.create_key("HKEY_CURRENT_USER\\SOFTWARE\\CLASSES\\clsid\\" + clsid).ok());
  REQUIRE(r.set_value("HKEY_CURRENT_USER\\SOFTWARE\\CLASSES\\clsid\\" + clsid, "",
                      RegValue::sz("Widget"))
              .ok());
  const auto report = install(plan, r);
  REQUIRE(report.status.ok());
  CHECK(report.changes.size() == plan.ops.size() - 2);  // the class key and its @ were there
  CHECK(install(plan, r).changes.empty());
}

TEST_CASE("Apply: the 32-bit view writes CLSID keys under Wow6432Node, ProgIDs beside them",
          "[apply]") {
  const Plan plan = widget_plan(View::v32);
  MemoryBackend r;
  REQUIRE(install(plan, r).status.ok());
  CHECK(r.key_exists(root + "Wow6432Node\\CLSID\\" + clsid + "\\InprocServer32"));
  CHECK_FALSE(r.key_exists(class_key));
  CHECK(r.key_exists(root + "Contoso.Widget.1\\CLSID"));
  const auto removed = uninstall(plan, r);
  REQUIRE(removed.status.ok());
  CHECK_FALSE(r.key_exists(root + "Wow6432Node\\CLSID\\" + clsid));
  REQUIRE(r.delete_tree(category_key).ok());  // shared: left in place, emptied
  // Containers created on the way stay, as regedit would leave them.
  CHECK(r.subkeys(root + "Wow6432Node\\CLSID").empty());
}

TEST_CASE("Apply: uninstall keeps another vendor's value in a shared key", "[apply]") {
  const Plan plan = widget_plan();
  MemoryBackend r;
  REQUIRE(r.create_key(category_key).ok());
  REQUIRE(r.set_value(category_key, "407", RegValue::sz("Steuerelemente")).ok());
  REQUIRE(install(plan, r).status.ok());
  const auto removed = uninstall(plan, r);
  REQUIRE(removed.status.ok());
  CHECK(r.get_value(category_key, "407") == RegValue::sz("Steuerelemente"));
  CHECK_FALSE(r.get_value(category_key, "409"));
  CHECK_FALSE(r.key_exists(class_key));
  CHECK_FALSE(r.key_exists(root + "Contoso.Widget.1"));
  CHECK(format_apply_report(removed, false) ==
        "- key   " + class_key + "\n- key   " + root + "Contoso.Widget.1\n- value " + category_key +
            " \"409\"\n  kept  key " + category_key + " (shared with other products)\n3 changes\n");
}

TEST_CASE("Apply: uninstall of what is not installed changes nothing", "[apply]") {
  MemoryBackend r;
  REQUIRE(r.create_key(root + "CLSID").ok());
  const MemoryBackend before = r;
  const auto report = uninstall(widget_plan(), r);
  CHECK(report.status.ok());
  CHECK(report.changes.empty());
  CHECK(report.kept.empty());
  CHECK(r == before);
}

TEST_CASE("Apply: an uninstall dry run reports what the real run does and writes nothing",
          "[apply]") {
  const Plan plan = widget_plan();
  MemoryBackend r;
  REQUIRE(install(plan, r).status.ok());
  // Foreign content under an owned key, and our shared value changed by someone else.
  REQUIRE(r.create_key(class_key + "\\InprocServer32\\Extra").ok());
  REQUIRE(r.set_value(category_key, "409", RegValue::sz("Renamed")).ok());
  const MemoryBackend before = r;
  const auto dry = uninstall(plan, r, dry_run());
  CHECK(r == before);
  const auto real = uninstall(plan, r);
  REQUIRE(real.status.ok());
  CHECK(format_apply_report(dry, false) == format_apply_report(real, false));
  CHECK(format_apply_report(dry, true) == format_apply_report(real, true));
  CHECK(r.key_exists(class_key + "\\InprocServer32\\Extra"));
  CHECK_FALSE(r.get_value(class_key + "\\InprocServer32", ""));
  CHECK_FALSE(r.key_exists(class_key + "\\ProgID"));
  CHECK(r.get_value(category_key, "409") == RegValue::sz("Renamed"));
  CHECK(
      contains(real.kept, "key " + class_key + "\\InprocServer32\\Extra (not written by comreg)"));
  CHECK(contains(real.kept, "value \"409\" in " + category_key +
                                " (changed by someone else since comreg wrote it)"));
}

TEST_CASE("Apply: a failed write is rolled back, and the report says so and lists no change",
          "[apply]") {
  const Plan plan = widget_plan();
  SECTION("install") {
    MemoryBackend r;
    // The class key, @, InprocServer32, then its @ fails.
    FaultInjectingBackend failing(r, 4, FaultInjectingBackend::Fault::fail);
    const auto report = install(plan, failing);
    CHECK(report.status.code == BackendErrc::injected);
    const std::string failure = "injected failure at write 4 (" + class_key + "\\InprocServer32)";
    CHECK(report.status.message == failure);
    CHECK(report.rolled_back);
    CHECK(report.changes.empty());
    CHECK(r.dump().empty());  // even the containers made on the way are gone
    const std::string text = format_apply_report(report, false);
    CHECK(text.substr(text.find("error:")) ==
          "error: " + failure + "\nrolled back: the registry is as it was before\n0 changes\n");
  }
  SECTION("uninstall") {
    MemoryBackend r;
    REQUIRE(install(plan, r).status.ok());
    const MemoryBackend installed = r;
    // The class tree goes, the ProgID tree fails.
    FaultInjectingBackend failing(r, 2, FaultInjectingBackend::Fault::fail);
    const auto report = uninstall(plan, failing);
    CHECK(report.status.code == BackendErrc::injected);
    CHECK(report.rolled_back);
    CHECK(report.changes.empty());
    CHECK(r.dump() == installed.dump());
  }
}

TEST_CASE("Apply: the JSON report carries typed values", "[apply]") {
  const Plan plan = widget_plan();
  MemoryBackend r;
  REQUIRE(install(plan, r).status.ok());
  REQUIRE(r.set_value(class_key + "\\InprocServer32", "ThreadingModel", RegValue::dword(1)).ok());
  const auto report = install(plan, r);
  CHECK(format_apply_report(report, true) == R"({
  "ok": true,
  "changes": [
    {
      "change": "replaceValue",
      "key": "HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{11111111-2222-3333-4444-555555555555}\\InprocServer32",
      "name": "ThreadingModel",
      "before": {
        "type": "REG_DWORD",
        "value": 1
      },
      "after": {
        "type": "REG_SZ",
        "value": "Apartment"
      },
      "origin": "/servers/0/classes/0"
    }
  ],
  "kept": []
}
)");
}
