// Records of the previous format (a "Created" list of trees and "Overwritten\NNNN" entries,
// named by the assembly name alone) are read with the plan: keys inside a created tree count as
// created, the values it kept as overwritten; and a newer registration's uninstall leaves the
// trees such a record claims.
#include <algorithm>
#include <catch2/catch.hpp>

#include "comreg/apply/apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "support/description_builders.hpp"

using namespace comreg;

namespace {

const std::string software = "HKEY_CURRENT_USER\\Software";
const std::string root = software + "\\Classes\\";
const std::string clsid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A01}";
const std::string legacy_key = software + "\\comreg\\Registrations\\64\\Contoso.Widgets";

Plan widget_plan(View view) {
  return make_plan(testing::make_description({testing::make_server(
                       ServerKind::inproc, "C:\\Contoso\\w.dll",
                       {testing::make_class(clsid, "Widget", "Contoso.Widget.1", "Contoso.Widget",
                                            Threading::both)})}),
                   {Scope::user, view});
}

ApplyOptions owner(std::string name) {
  ApplyOptions o;
  o.owner = std::move(name);
  return o;
}

// The classes root alone, without comreg's bookkeeping.
std::string classes_dump(const MemoryBackend& r) {
  MemoryBackend copy = r;
  if (copy.key_exists(software + "\\comreg")) REQUIRE(copy.delete_tree(software + "\\comreg").ok());
  return copy.dump();
}

// Before any install: the class container and a version-independent ProgID whose CurVer
// another server set.
MemoryBackend baseline() {
  MemoryBackend r;
  REQUIRE(r.create_key(root + "CLSID").ok());
  REQUIRE(r.create_key(root + "Contoso.Widget\\CurVer").ok());
  REQUIRE(r.set_value(root + "Contoso.Widget\\CurVer", "", RegValue::sz("Contoso.Widget.0")).ok());
  return r;
}

// What an earlier comreg left after installing the 64-bit widget on the baseline: the classes,
// and its record of the trees it created and the CurVer it overwrote.
void install_as_before(MemoryBackend& r) {
  REQUIRE(install(widget_plan(View::v64), r, owner("")).status.ok());
  REQUIRE(r.create_key(legacy_key + "\\Overwritten\\0000").ok());
  REQUIRE(r.set_value(
               legacy_key, "Created",
               RegValue::multi_sz({"CLSID\\" + clsid, "Contoso.Widget.1", "Contoso.Widget\\CLSID"}))
              .ok());
  const std::string entry = legacy_key + "\\Overwritten\\0000";
  REQUIRE(r.set_value(entry, "Key", RegValue::sz("Contoso.Widget\\CurVer")).ok());
  REQUIRE(r.set_value(entry, "Name", RegValue::sz("")).ok());
  REQUIRE(r.set_value(entry, "Prior", RegValue::sz("Contoso.Widget.0")).ok());
}

}  // namespace

TEST_CASE("Legacy record: uninstall follows it and gives the registry back as it was",
          "[ownership][legacy]") {
  MemoryBackend r = baseline();
  install_as_before(r);
  const ApplyReport report = uninstall(widget_plan(View::v64), r, owner("Contoso.Widgets 1.0.0.0"));
  INFO(report.status.message);
  REQUIRE(report.status.ok());
  CHECK(r.dump() == baseline().dump());
}

TEST_CASE("Legacy record: a reinstall rewrites it in the new form", "[ownership][legacy]") {
  MemoryBackend r = baseline();
  install_as_before(r);
  const ApplyReport report = install(widget_plan(View::v64), r, owner("Contoso.Widgets 1.0.0.0"));
  REQUIRE(report.status.ok());
  CHECK_FALSE(r.key_exists(legacy_key));
  const std::string record = legacy_key + " 1.0.0.0";
  const auto keys = r.get_value(record, "Keys");
  REQUIRE(keys);
  // Inside the trees it created: created; the version-independent ProgID was there.
  CHECK(std::find(keys->strings.begin(), keys->strings.end(),
                  "+CLSID\\" + clsid + "\\InprocServer32") != keys->strings.end());
  CHECK(std::find(keys->strings.begin(), keys->strings.end(), "=Contoso.Widget") !=
        keys->strings.end());
  // The CurVer it overwrote keeps its prior data.
  const auto values = r.get_value(record, "Values");
  REQUIRE(values);
  const auto curver =
      std::find(values->strings.begin(), values->strings.end(), "~Contoso.Widget\\CurVer\t");
  REQUIRE(curver != values->strings.end());
  CHECK(r.get_value(record, "Prior." + std::to_string(curver - values->strings.begin())) ==
        RegValue::sz("Contoso.Widget.0"));
  REQUIRE(uninstall(widget_plan(View::v64), r, owner("Contoso.Widgets 1.0.0.0")).status.ok());
  CHECK(r.dump() == baseline().dump());
}

TEST_CASE("Legacy record: beside a registration of the new form, in either order",
          "[ownership][legacy]") {
  // The 64-bit widget installed by an earlier comreg, then the 32-bit one by this one: they
  // share the ProgIDs.
  const Plan v64 = widget_plan(View::v64);
  const Plan v32 = widget_plan(View::v32);
  MemoryBackend v32_alone = baseline();
  REQUIRE(install(v32, v32_alone, owner("Contoso.Widgets 1.0.0.0")).status.ok());
  MemoryBackend legacy_alone = baseline();
  install_as_before(legacy_alone);
  for (const bool legacy_first : {true, false}) {
    CAPTURE(legacy_first);
    MemoryBackend r = baseline();
    install_as_before(r);
    REQUIRE(install(v32, r, owner("Contoso.Widgets 1.0.0.0")).status.ok());
    if (legacy_first) {
      REQUIRE(uninstall(v64, r, owner("Contoso.Widgets 1.0.0.0")).status.ok());
      CHECK(verify(v32, r).ok());
      CHECK_FALSE(r.key_exists(legacy_key));
      CHECK(classes_dump(r) == classes_dump(v32_alone));
      REQUIRE(uninstall(v32, r, owner("Contoso.Widgets 1.0.0.0")).status.ok());
    } else {
      REQUIRE(uninstall(v32, r, owner("Contoso.Widgets 1.0.0.0")).status.ok());
      CHECK(verify(v64, r).ok());
      CHECK(r.key_exists(legacy_key));
      CHECK(classes_dump(r) == classes_dump(legacy_alone));
      REQUIRE(uninstall(v64, r, owner("Contoso.Widgets 1.0.0.0")).status.ok());
    }
    CHECK(r.dump() == baseline().dump());
  }
}

TEST_CASE("Legacy record: another registration's uninstall leaves the trees it claims created",
          "[ownership][legacy]") {
  // A key both claim as created (the new-form one made it, the old record lists it among its
  // trees): the new-form registration's uninstall leaves it.
  MemoryBackend r = baseline();
  REQUIRE(install(widget_plan(View::v32), r, owner("Contoso.Widgets 1.0.0.0")).status.ok());
  install_as_before(r);
  REQUIRE(uninstall(widget_plan(View::v32), r, owner("Contoso.Widgets 1.0.0.0")).status.ok());
  CHECK(r.key_exists(root + "Contoso.Widget.1\\CLSID"));
  CHECK(r.key_exists(root + "Contoso.Widget\\CLSID"));
  CHECK(r.key_exists(root + "CLSID\\" + clsid + "\\InprocServer32"));
  CHECK(r.key_exists(legacy_key));
}
