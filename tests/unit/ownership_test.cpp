// Exact ownership: install records what it created and what it overwrote; uninstall removes
// only that, gives back what it overwrote while it is still as install left it, and keeps
// (and reports) what others added.
#include <catch2/catch.hpp>

#include "comreg/apply/apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/testing/fault_backend.hpp"
#include "support/description_builders.hpp"

using namespace comreg;

namespace {

const std::string root = "HKEY_CURRENT_USER\\Software\\Classes\\";
const std::string clsid = "{11111111-2222-3333-4444-555555555555}";
const std::string class_key = root + "CLSID\\" + clsid;
const std::string vi_key = root + "Contoso.Widget";
const std::string record =
    "HKEY_CURRENT_USER\\Software\\comreg\\Registrations\\64\\Contoso.Widgets";

Plan widget_plan() {
  return make_plan(testing::make_description({testing::make_server(
                       ServerKind::inproc, "C:\\w.dll",
                       {testing::make_class(clsid, "Widget", "Contoso.Widget.1", "Contoso.Widget",
                                            Threading::apartment)})}),
                   {Scope::user, View::v64});
}

ApplyOptions owned(bool dry_run = false) {
  ApplyOptions o;
  o.owner = "Contoso.Widgets";
  o.dry_run = dry_run;
  return o;
}

// Another server registered the version-independent ProgID first (version 2 of the widget).
MemoryBackend with_other_version() {
  MemoryBackend r;
  REQUIRE(r.create_key(root + "CLSID").ok());
  REQUIRE(r.create_key(vi_key + "\\CurVer").ok());
  REQUIRE(r.set_value(vi_key, "", RegValue::sz("Old Widget")).ok());
  REQUIRE(r.set_value(vi_key + "\\CurVer", "", RegValue::sz("Contoso.Widget.2")).ok());
  return r;
}

// Everything but comreg's own record and the containers it lives in.
std::string classes_dump(const MemoryBackend& r) {
  MemoryBackend copy = r;
  if (copy.key_exists("HKEY_CURRENT_USER\\Software\\comreg")) {
    REQUIRE(copy.delete_tree("HKEY_CURRENT_USER\\Software\\comreg").ok());
  }
  return copy.dump();
}

bool kept(const ApplyReport& report, const std::string& text) {
  for (const auto& k : report.kept) {
    if (k.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("Ownership: install records each key and value it claims, with what was there",
          "[ownership]") {
  MemoryBackend r = with_other_version();
  REQUIRE(install(widget_plan(), r, owned()).status.ok());
  CHECK(r.get_value(record, "Sequence") == RegValue::qword(1));
  // Nothing but the records: the numbering lives in them.
  CHECK(r.value_names("HKEY_CURRENT_USER\\Software\\comreg\\Registrations").empty());
  const auto keys = r.get_value(record, "Keys");
  REQUIRE(keys);
  CHECK(keys->strings ==
        std::vector<std::string>{"+CLSID\\" + clsid, "+CLSID\\" + clsid + "\\InprocServer32",
                                 "+CLSID\\" + clsid + "\\ProgID",
                                 "+CLSID\\" + clsid + "\\VersionIndependentProgID",
                                 "+Contoso.Widget.1", "+Contoso.Widget.1\\CLSID", "=Contoso.Widget",
                                 "+Contoso.Widget\\CLSID", "=Contoso.Widget\\CurVer"});
  const auto values = r.get_value(record, "Values");
  REQUIRE(values);
  // The version-independent ProgID's name and CurVer were Old Widget's: what they held is kept.
  std::size_t curver = values->strings.size();
  for (std::size_t i = 0; i < values->strings.size(); ++i) {
    if (values->strings[i] == "~Contoso.Widget\\CurVer\t") curver = i;
  }
  REQUIRE(curver < values->strings.size());
  CHECK(r.get_value(record, "Prior." + std::to_string(curver)) == RegValue::sz("Contoso.Widget.2"));
  CHECK(values->strings.front() == "+CLSID\\" + clsid + "\t");
}

TEST_CASE("Ownership: a second install reports 0 changes", "[ownership]") {
  MemoryBackend r = with_other_version();
  REQUIRE(install(widget_plan(), r, owned()).status.ok());
  const MemoryBackend once = r;
  const ApplyReport second = install(widget_plan(), r, owned());
  CHECK(second.changes.empty());
  CHECK(format_apply_report(second, false) == "0 changes\n");
  CHECK(r.dump() == once.dump());
}

TEST_CASE("Ownership: uninstall gives the overwritten CurVer back and keeps the key it found",
          "[ownership]") {
  MemoryBackend r = with_other_version();
  const std::string before = classes_dump(r);
  REQUIRE(install(widget_plan(), r, owned()).status.ok());
  CHECK(r.get_value(vi_key + "\\CurVer", "") == RegValue::sz("Contoso.Widget.1"));
  const ApplyReport removed = uninstall(widget_plan(), r, owned());
  REQUIRE(removed.status.ok());
  CHECK(r.get_value(vi_key + "\\CurVer", "") == RegValue::sz("Contoso.Widget.2"));
  CHECK(r.get_value(vi_key, "") == RegValue::sz("Old Widget"));
  CHECK_FALSE(r.key_exists(vi_key + "\\CLSID"));  // install created it
  CHECK_FALSE(r.key_exists(class_key));
  CHECK_FALSE(r.key_exists(record));
  CHECK(kept(removed, "key " + vi_key + " (it was there before comreg installed)"));
  CHECK(classes_dump(r) == before);                // every byte of the classes root as it was
  CHECK(r.dump() == with_other_version().dump());  // and comreg's bookkeeping is gone too
  const std::string text = format_apply_report(removed, false);
  CHECK(text.find("~ value " + vi_key +
                  "\\CurVer @ = REG_SZ \"Contoso.Widget.2\" (was REG_SZ \"Contoso.Widget.1\")\n") !=
        std::string::npos);
}

TEST_CASE("Ownership: a CurVer someone changed after the install is left as they set it",
          "[ownership]") {
  MemoryBackend r = with_other_version();
  REQUIRE(install(widget_plan(), r, owned()).status.ok());
  REQUIRE(r.set_value(vi_key + "\\CurVer", "", RegValue::sz("Contoso.Widget.3")).ok());
  const ApplyReport removed = uninstall(widget_plan(), r, owned());
  REQUIRE(removed.status.ok());
  CHECK(r.get_value(vi_key + "\\CurVer", "") == RegValue::sz("Contoso.Widget.3"));
  CHECK(kept(removed, "in " + vi_key + "\\CurVer (changed by someone else since comreg wrote it)"));
}

TEST_CASE("Ownership: a foreign subkey under a key install created is kept and reported",
          "[ownership]") {
  MemoryBackend r;
  REQUIRE(install(widget_plan(), r, owned()).status.ok());
  REQUIRE(r.create_key(class_key + "\\Implemented Categories\\{0000}").ok());
  const ApplyReport removed = uninstall(widget_plan(), r, owned());
  REQUIRE(removed.status.ok());
  CHECK(r.key_exists(class_key + "\\Implemented Categories\\{0000}"));
  CHECK_FALSE(r.key_exists(class_key + "\\InprocServer32"));
  CHECK_FALSE(r.get_value(class_key, ""));
  CHECK(kept(removed, "key " + class_key + "\\Implemented Categories (not written by comreg)"));
  CHECK(kept(removed, "key " + class_key + " (holds content not written by comreg)"));
  CHECK_FALSE(r.key_exists(root + "Contoso.Widget"));  // created by install: gone whole
}

TEST_CASE("Ownership: uninstall after a rolled-back install is clean", "[ownership]") {
  const MemoryBackend before = with_other_version();
  MemoryBackend r = before;
  FaultInjectingBackend failing(r, 6, FaultInjectingBackend::Fault::fail);
  const ApplyReport failed = install(widget_plan(), failing, owned());
  REQUIRE(failed.rolled_back);
  REQUIRE(r.dump() == before.dump());
  const ApplyReport removed = uninstall(widget_plan(), r, owned());
  REQUIRE(removed.status.ok());
  CHECK(removed.changes.empty());
  CHECK(r.dump() == before.dump());
}

TEST_CASE("Ownership: --dry-run lists exactly the changes the real run makes", "[ownership]") {
  MemoryBackend r = with_other_version();
  const MemoryBackend before = r;
  const ApplyReport dry_install = install(widget_plan(), r, owned(true));
  CHECK(r.dump() == before.dump());
  const ApplyReport real_install = install(widget_plan(), r, owned());
  CHECK(format_apply_report(dry_install, false) == format_apply_report(real_install, false));
  const MemoryBackend installed = r;
  const ApplyReport dry_uninstall = uninstall(widget_plan(), r, owned(true));
  CHECK(r.dump() == installed.dump());
  const ApplyReport real_uninstall = uninstall(widget_plan(), r, owned());
  CHECK(format_apply_report(dry_uninstall, false) == format_apply_report(real_uninstall, false));
  CHECK_FALSE(dry_uninstall.changes.empty());
}

TEST_CASE("Ownership: inside a key install created, a value someone changed goes with the key",
          "[ownership]") {
  MemoryBackend r = with_other_version();
  const MemoryBackend before = r;
  REQUIRE(install(widget_plan(), r, owned()).status.ok());
  REQUIRE(
      r.set_value(class_key + "\\InprocServer32", "", RegValue::sz("C:\\elsewhere\\x.dll")).ok());
  REQUIRE(r.set_value(class_key + "\\InprocServer32", "ThreadingModel", RegValue::sz("Free")).ok());
  const ApplyReport removed = uninstall(widget_plan(), r, owned());
  REQUIRE(removed.status.ok());
  CHECK_FALSE(r.key_exists(class_key));
  CHECK(r.dump() == before.dump());
}

TEST_CASE("Records of both views are one bookkeeping key, which the live store keeps in one view",
          "[ownership]") {
  // The live store opens exactly these paths in the 64-bit view whatever its own view is.
  CHECK(is_software_bookkeeping("HKEY_LOCAL_MACHINE\\Software\\comreg"));
  CHECK(is_software_bookkeeping(
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\Comreg\\Registrations\\32\\Contoso.Widgets 1.0.0.0"));
  CHECK(is_software_bookkeeping("HKEY_CURRENT_USER\\Software\\comreg\\Registrations"));
  CHECK_FALSE(is_software_bookkeeping("HKEY_LOCAL_MACHINE\\Software\\comregistry"));
  CHECK_FALSE(is_software_bookkeeping("HKEY_LOCAL_MACHINE\\Software\\Classes\\comreg"));
  CHECK_FALSE(is_software_bookkeeping("HKEY_LOCAL_MACHINE\\Software"));
  CHECK_FALSE(is_software_bookkeeping("HKEY_LOCAL_MACHINE\\Software\\Wow6432Node\\comreg"));
  CHECK_FALSE(is_software_bookkeeping("comreg"));
}
