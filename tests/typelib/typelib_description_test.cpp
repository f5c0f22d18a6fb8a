// description_from_typelib() and merge_description() on the widl-built test library: the
// description mt.exe -tlb would derive, and the registry plan it gives.
#include <catch2/catch.hpp>
#include <string>

#include "comreg/plan/plan.hpp"
#include "comreg/readers/typelib_description.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

std::string guid(const char* last) {
  return std::string("{8D1F0C2A-5B3E-4C7D-9A61-2E4F6B8C0D") + last + "}";
}

TypeLibInfo test_library() {
  const std::string bytes = testing::read_file(COMREG_TLTEST_TLB);
  auto r = read_typelib({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
  REQUIRE(r.info);
  return std::move(*r.info);
}

TypeLibImportOptions options() {
  TypeLibImportOptions o;
  o.file = "comreg_tltest.tlb";
  o.typelib_path = "${installdir}\\comreg_tltest.dll";
  return o;
}

const Interface& find_interface(const Description& d, const std::string& iid) {
  for (const auto& i : d.interfaces) {
    if (i.iid == iid) return i;
  }
  FAIL("no interface " << iid);
  throw std::logic_error("unreachable");
}

// The value a plan sets at `key`/`name`, or "<none>".
std::string planned(const Plan& plan, const std::string& key, const std::string& name = {}) {
  for (const auto& op : plan.ops) {
    if (op.kind == OpKind::set_value && op.key == key && op.name == name) return op.value.text;
  }
  return "<none>";
}

}  // namespace

TEST_CASE("typelib import: the type library entry", "[typelib][import]") {
  Diagnostics diagnostics;
  const Description d = description_from_typelib(test_library(), options(), diagnostics);
  REQUIRE(d.typelibs.size() == 1);
  const TypeLib& t = d.typelibs[0];
  CHECK(t.libid == guid("10"));
  CHECK(t.major == 2);
  CHECK(t.minor == 3);
  CHECK(t.lcid == 0x409);
  CHECK(t.name == "comreg type library test");
  CHECK(t.win64 == "${installdir}\\comreg_tltest.dll");  // a win64 library
  CHECK(t.win32.empty());
  CHECK(t.helpdir == "help");
  CHECK(d.assembly.name == "ComregTypelibTest");
  CHECK(d.assembly.version == "2.3.0.0");
  CHECK(d.assembly.arch == Arch::amd64);
}

TEST_CASE("typelib import: a class per creatable coclass", "[typelib][import]") {
  TypeLibImportOptions o = options();
  o.threading = Threading::both;
  o.server_path = "${installdir}\\server.dll";
  o.progid_pattern = "ComregTest.{coclass}.1";
  Diagnostics diagnostics;
  const Description d = description_from_typelib(test_library(), o, diagnostics);
  REQUIRE(d.servers.size() == 1);
  const Server& s = d.servers[0];
  CHECK(s.kind == ServerKind::inproc);
  CHECK(s.path == "${installdir}\\server.dll");
  REQUIRE(s.classes.size() == 3);  // Snapshot is noncreatable
  CHECK(s.classes[0].clsid == guid("11"));
  CHECK(s.classes[0].name == "comreg test calculator");
  CHECK(s.classes[0].progid == "ComregTest.Calculator.1");
  CHECK(s.classes[0].version_independent_progid == "ComregTest.Calculator");
  CHECK(s.classes[0].threading == Threading::both);
  CHECK(s.classes[0].typelib == guid("10"));
  CHECK(s.classes[1].clsid == guid("12"));
  CHECK(s.classes[2].clsid == guid("13"));
  CHECK(s.classes[2].name == "Recorder");  // no help string: the coclass name
}

TEST_CASE("typelib import: interfaces and their proxy/stubs", "[typelib][import]") {
  Diagnostics diagnostics;
  const Description d = description_from_typelib(test_library(), options(), diagnostics);
  CHECK(d.interfaces.size() == 6);
  const Interface& base = find_interface(d, guid("01"));
  CHECK(base.name == "ICalcBase");
  CHECK(base.proxy_stub == kAutomationMarshaler);
  CHECK(base.num_methods == 8u);
  CHECK(base.base_interface == "{00020400-0000-0000-C000-000000000046}");
  CHECK(base.typelib == guid("10"));
  const Interface& plus = find_interface(d, guid("02"));
  CHECK(plus.proxy_stub == kAutomationMarshaler);
  CHECK(plus.num_methods == 10u);
  CHECK(plus.base_interface == guid("01"));
  CHECK(find_interface(d, guid("03")).proxy_stub == kAutomationMarshaler);  // [oleautomation]
  CHECK(find_interface(d, guid("06")).proxy_stub == kDispatchMarshaler);    // dispinterface
  // The custom interfaces have no proxy/stub the library could name: each is reported.
  CHECK(find_interface(d, guid("04")).proxy_stub.empty());
  CHECK(find_interface(d, guid("05")).proxy_stub.empty());
  CHECK(diagnostics.warning_count() == 2);
  CHECK_FALSE(diagnostics.has_errors());
  for (const auto& w : diagnostics) {
    CHECK(w.code == "needs-proxy-stub");
    CHECK(w.location.file == "comreg_tltest.tlb");
  }

  TypeLibImportOptions o = options();
  o.proxy_stub = "8d1f0c2a-5b3e-4c7d-9a61-2e4f6b8c0dff";
  Diagnostics none;
  const Description with_ps = description_from_typelib(test_library(), o, none);
  CHECK(none.empty());
  CHECK(find_interface(with_ps, guid("04")).proxy_stub == guid("FF"));
  CHECK(find_interface(with_ps, guid("01")).proxy_stub == kAutomationMarshaler);
}

TEST_CASE("typelib import: the registry plan is what RegisterTypeLib writes", "[typelib][import]") {
  TypeLibImportOptions o = options();
  o.typelib_path = "C:\\app\\comreg_tltest.dll";
  Diagnostics diagnostics;
  const Description d = description_from_typelib(test_library(), o, diagnostics);
  const Plan plan = make_plan(d, PlanOptions{Scope::machine, View::v64});
  const std::string lib = "TypeLib\\" + guid("10") + "\\2.3";
  CHECK(planned(plan, lib) == "comreg type library test");
  CHECK(planned(plan, lib + "\\409\\win64") == "C:\\app\\comreg_tltest.dll");
  CHECK(planned(plan, lib + "\\FLAGS") == "0");
  const std::string plus = "Interface\\" + guid("02");
  CHECK(planned(plan, plus) == "ICalcPlus");
  CHECK(planned(plan, plus + "\\ProxyStubClsid32") == kAutomationMarshaler);
  CHECK(planned(plan, plus + "\\TypeLib") == guid("10"));
  CHECK(planned(plan, plus + "\\TypeLib", "Version") == "2.3");
  const std::string calc = "CLSID\\" + guid("11");
  CHECK(planned(plan, calc + "\\InprocServer32") == "C:\\app\\comreg_tltest.dll");
  CHECK(planned(plan, calc + "\\InprocServer32", "ThreadingModel") == "Apartment");
  CHECK(planned(plan, calc + "\\TypeLib") == guid("10"));
}

TEST_CASE("typelib import: completing an existing description", "[typelib][import]") {
  Diagnostics diagnostics;
  const Description imported = description_from_typelib(test_library(), options(), diagnostics);

  Description existing;
  existing.file = "widgets.json";
  Server s;
  s.path = "${installdir}\\comreg_tltest.dll";
  s.at.pointer = "/servers/0";
  ComClass calc;
  calc.clsid = guid("11");
  calc.name = "My calculator";
  calc.progid = "Mine.Calculator.1";
  calc.at.pointer = "/servers/0/classes/0";
  s.classes.push_back(calc);
  existing.servers.push_back(s);
  Interface plus;
  plus.iid = guid("02");
  plus.name = "ICalcPlus";
  plus.proxy_stub = "{8D1F0C2A-5B3E-4C7D-9A61-2E4F6B8C0DEE}";  // the user's own proxy/stub
  plus.at = {"/interfaces/0", 12, 5};
  existing.interfaces.push_back(plus);

  Diagnostics merge;
  merge_description(existing, imported, merge);
  // Added: the type library, the other two classes (to the same server), the other interfaces.
  REQUIRE(existing.typelibs.size() == 1);
  REQUIRE(existing.servers.size() == 1);
  REQUIRE(existing.servers[0].classes.size() == 3);
  CHECK(existing.servers[0].classes[1].clsid == guid("12"));
  CHECK(existing.servers[0].classes[1].at.pointer == "/servers/0/classes/1");
  CHECK(existing.interfaces.size() == 6);
  // Kept: the user's values; completed: what was missing.
  const ComClass& c = existing.servers[0].classes[0];
  CHECK(c.name == "My calculator");
  CHECK(c.progid == "Mine.Calculator.1");
  CHECK(c.typelib == guid("10"));
  CHECK(c.threading == Threading::apartment);
  CHECK(existing.interfaces[0].proxy_stub == "{8D1F0C2A-5B3E-4C7D-9A61-2E4F6B8C0DEE}");
  CHECK(existing.interfaces[0].num_methods == 10u);
  // The disagreement is reported where the user wrote it.
  REQUIRE(merge.size() == 1);
  const Diagnostic& w = *merge.begin();
  CHECK(w.code == "import-conflict");
  CHECK(w.severity == Severity::warning);
  CHECK(w.location.file == "widgets.json");
  CHECK(w.location.line == 12);
  CHECK(w.location.pointer == "/interfaces/0/proxyStub");
  CHECK_THAT(w.message, Catch::Contains(kAutomationMarshaler));

  // Merging again changes nothing and reports the same conflict only.
  const std::size_t classes = existing.servers[0].classes.size();
  Diagnostics again;
  merge_description(existing, imported, again);
  CHECK(existing.servers[0].classes.size() == classes);
  CHECK(existing.interfaces.size() == 6);
  CHECK(again.size() == 1);
}
