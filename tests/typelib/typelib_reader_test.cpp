// The type library reader against a real MSFT type library: comreg_tltest.idl compiled by
// widl at build time. Every expectation below is what the IDL declares.
#include <catch2/catch.hpp>
#include <string>

#include "comreg/readers/typelib_reader.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

const std::string kIDispatch = "{00020400-0000-0000-C000-000000000046}";
const std::string kIUnknown = "{00000000-0000-0000-C000-000000000046}";

std::string guid(const char* last) {
  return std::string("{8D1F0C2A-5B3E-4C7D-9A61-2E4F6B8C0D") + last + "}";
}

TypeLibInfo read_test_library() {
  const std::string bytes = testing::read_file(COMREG_TLTEST_TLB);
  const auto result =
      read_typelib({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
  INFO((result.error ? result.error->code + ": " + result.error->message : std::string()));
  REQUIRE(result.info);
  REQUIRE_FALSE(result.error);
  return *result.info;
}

const TypeInfo& find(const TypeLibInfo& lib, const std::string& name) {
  for (const auto& t : lib.types) {
    if (t.name == name) return t;
  }
  FAIL("no type named " << name);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("typelib reader: the library attributes", "[typelib]") {
  const TypeLibInfo lib = read_test_library();
  CHECK(lib.libid == guid("10"));
  CHECK(lib.major == 2);
  CHECK(lib.minor == 3);
  CHECK(lib.lcid == 0x409);
  CHECK(lib.flags == 0);
  CHECK(lib.syskind == SysKind::win64);
  CHECK(lib.name == "ComregTypelibTest");
  CHECK(lib.helpstring == "comreg type library test");
  CHECK(lib.helpfile == "help\\comreg_tltest.chm");
  CHECK(lib.helpdir() == "help");
  CHECK(lib.types.size() == 11);
}

TEST_CASE("typelib reader: dual interfaces and their inheritance chain", "[typelib]") {
  const TypeLibInfo lib = read_test_library();
  const TypeInfo& base = find(lib, "ICalcBase");
  CHECK(base.kind == TypeKind::dispatch);  // a dual interface is stored as its IDispatch view
  CHECK(base.guid == guid("01"));
  CHECK(base.has(type_dual));
  CHECK(base.has(type_oleautomation));
  CHECK(base.has(type_dispatchable));
  CHECK(base.helpstring == "Adds numbers");
  CHECK(base.function_count == 1);
  CHECK(base.inherited_function_count == 7);
  CHECK(base.vtable_methods() == 8);
  REQUIRE(base.base);
  CHECK(base.base->guid == kIDispatch);
  CHECK(base.base->name == "IDispatch");
  CHECK(base.base->imported_from == "stdole2.tlb");
  CHECK_FALSE(base.base->index);

  const TypeInfo& plus = find(lib, "ICalcPlus");
  CHECK(plus.kind == TypeKind::dispatch);
  CHECK(plus.guid == guid("02"));
  CHECK(plus.has(type_dual));
  CHECK(plus.has(type_oleautomation));  // dual implies it
  CHECK(plus.function_count == 2);
  CHECK(plus.inherited_function_count == 8);
  CHECK(plus.vtable_methods() == 10);
  REQUIRE(plus.base);
  CHECK(plus.base->guid == guid("01"));
  CHECK(plus.base->name == "ICalcBase");
  REQUIRE(plus.base->index);
  CHECK(lib.types[*plus.base->index].name == "ICalcBase");
}

TEST_CASE("typelib reader: vtable interfaces, automation and custom", "[typelib]") {
  const TypeLibInfo lib = read_test_library();
  const TypeInfo& status = find(lib, "IStatus");
  CHECK(status.kind == TypeKind::interface);
  CHECK(status.guid == guid("03"));
  CHECK(status.has(type_oleautomation));
  CHECK_FALSE(status.has(type_dual));
  CHECK(status.function_count == 1);
  CHECK(status.vtable_methods() == 4);
  REQUIRE(status.base);
  CHECK(status.base->guid == kIUnknown);
  CHECK(status.base->name == "IUnknown");

  const TypeInfo& raw = find(lib, "IRawBuffer");
  CHECK(raw.kind == TypeKind::interface);
  CHECK(raw.guid == guid("04"));
  CHECK_FALSE(raw.has(type_oleautomation));
  CHECK_FALSE(raw.has(type_dual));
  CHECK(raw.vtable_methods() == 5);
  REQUIRE(raw.base);
  CHECK(raw.base->guid == kIUnknown);

  const TypeInfo& ex = find(lib, "IRawBufferEx");
  CHECK(ex.guid == guid("05"));
  CHECK(ex.has(type_hidden));
  CHECK(ex.function_count == 1);
  CHECK(ex.inherited_function_count == 5);
  CHECK(ex.vtable_methods() == 6);
  REQUIRE(ex.base);
  CHECK(ex.base->name == "IRawBuffer");
  CHECK(ex.base->guid == guid("04"));
}

TEST_CASE("typelib reader: a dispinterface and an enum", "[typelib]") {
  const TypeLibInfo lib = read_test_library();
  const TypeInfo& events = find(lib, "DCalcEvents");
  CHECK(events.kind == TypeKind::dispatch);
  CHECK(events.guid == guid("06"));
  CHECK_FALSE(events.has(type_dual));
  CHECK(events.helpstring == "Calculator events");
  CHECK(events.function_count == 1);
  CHECK(events.variable_count == 1);
  CHECK(events.vtable_methods() == 7);
  REQUIRE(events.base);
  CHECK(events.base->guid == kIDispatch);

  const TypeInfo& mode = find(lib, "CalcMode");
  CHECK(mode.kind == TypeKind::enumeration);
  CHECK(mode.guid == guid("07"));
  CHECK(mode.variable_count == 2);
  CHECK(mode.vtable_methods() == 0);
  CHECK_FALSE(mode.base);
}

TEST_CASE("typelib reader: coclasses and the interfaces they implement", "[typelib]") {
  const TypeLibInfo lib = read_test_library();
  const TypeInfo& calc = find(lib, "Calculator");
  CHECK(calc.kind == TypeKind::coclass);
  CHECK(calc.guid == guid("11"));
  CHECK(calc.helpstring == "comreg test calculator");
  CHECK(calc.has(type_cancreate));
  REQUIRE(calc.implements.size() == 3);
  CHECK(calc.implements[0].type.name == "ICalcPlus");
  CHECK(calc.implements[0].type.guid == guid("02"));
  CHECK(calc.implements[0].flags == impl_default);
  CHECK(calc.implements[1].type.name == "IStatus");
  CHECK(calc.implements[1].flags == 0);
  CHECK(calc.implements[2].type.name == "DCalcEvents");
  CHECK(calc.implements[2].flags == (impl_default | impl_source));

  const TypeInfo& adder = find(lib, "Adder");
  CHECK(adder.guid == guid("12"));
  REQUIRE(adder.implements.size() == 2);
  CHECK(adder.implements[0].type.guid == guid("01"));
  CHECK(adder.implements[0].flags == impl_default);
  CHECK(adder.implements[1].type.guid == guid("04"));

  const TypeInfo& recorder = find(lib, "Recorder");
  CHECK(recorder.helpstring.empty());
  REQUIRE(recorder.implements.size() == 1);
  CHECK(recorder.implements[0].type.name == "IRawBufferEx");
  CHECK(recorder.implements[0].flags == impl_default);  // the first one is the default

  const TypeInfo& snapshot = find(lib, "Snapshot");
  CHECK(snapshot.guid == guid("14"));
  CHECK_FALSE(snapshot.has(type_cancreate));
}

TEST_CASE("typelib reader: other formats are refused by name", "[typelib]") {
  const auto read = [](const std::string& bytes) {
    return read_typelib({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
  };
  const auto sltg = read(std::string("SLTG") + std::string(60, '\0'));
  REQUIRE(sltg.error);
  CHECK(sltg.error->code == "typelib-unsupported-format");
  CHECK_THAT(sltg.error->message, Catch::Contains("SLTG"));
  const auto text = read("{ \"comreg\": 1 }");
  REQUIRE(text.error);
  CHECK(text.error->code == "typelib-not-typelib");
  const auto empty = read("");
  REQUIRE(empty.error);
  CHECK(empty.error->code == "typelib-truncated");
}

#ifdef COMREG_TLTEST_DLL
TEST_CASE("typelib reader: a DLL's TYPELIB resource", "[typelib][pe]") {
  const std::string dll = testing::read_file(COMREG_TLTEST_DLL);
  REQUIRE(dll.substr(0, 2) == "MZ");
  const auto r = read_typelib({reinterpret_cast<const std::uint8_t*>(dll.data()), dll.size()});
  INFO((r.error ? r.error->code + ": " + r.error->message : std::string()));
  REQUIRE(r.info);
  const TypeLibInfo from_tlb = read_test_library();
  CHECK(r.info->libid == from_tlb.libid);
  CHECK(r.info->name == from_tlb.name);
  REQUIRE(r.info->types.size() == from_tlb.types.size());
  for (std::size_t i = 0; i < from_tlb.types.size(); ++i) {
    CHECK(r.info->types[i].name == from_tlb.types[i].name);
    CHECK(r.info->types[i].guid == from_tlb.types[i].guid);
  }

  const std::string plain = testing::read_file(COMREG_NO_TYPELIB_DLL);
  const auto none =
      read_typelib({reinterpret_cast<const std::uint8_t*>(plain.data()), plain.size()});
  REQUIRE(none.error);
  CHECK(none.error->code == "typelib-no-resource");

  // A damaged module is the PE reader's to report; a damaged resource is ours, at its offset
  // in the module.
  const auto cut = read_typelib({reinterpret_cast<const std::uint8_t*>(dll.data()), 200});
  REQUIRE(cut.error);
  CHECK(cut.error->code.rfind("pe-", 0) == 0);
  std::string damaged = dll;
  const auto msft = damaged.find("MSFT");
  REQUIRE(msft != std::string::npos);
  damaged[msft + 0x20] = '\x7F';  // the type info count's low byte (11 -> 127)
  damaged[msft + 0x23] = '\x7F';
  const auto bad =
      read_typelib({reinterpret_cast<const std::uint8_t*>(damaged.data()), damaged.size()});
  REQUIRE(bad.error);
  CHECK(bad.error->code == "typelib-bad-value");
  CHECK_THAT(bad.error->message, Catch::StartsWith("TYPELIB resource 1: "));
  CHECK(bad.error->offset == msft + 0x20);
}
#endif
