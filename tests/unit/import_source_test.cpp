// detect_import_source_kind: each kind told from its first bytes; --from names round-trip.
#include <catch2/catch.hpp>

#include "comreg/import/import_source.hpp"
#include "support/pe_files.hpp"
#include "support/test_files.hpp"

using namespace comreg;

TEST_CASE("import sources are told apart by content", "[import-source]") {
  const auto kind = [](std::string_view bytes) { return detect_import_source_kind(bytes); };
  CHECK(kind("Windows Registry Editor Version 5.00\r\n") == ImportSourceKind::reg);
  CHECK(kind("\xEF\xBB\xBFREGEDIT4\n") == ImportSourceKind::reg);
  std::string utf16 = "\xFF\xFE";
  for (const char c : std::string_view("Windows Registry Editor Version 5.00\r\n")) {
    utf16 += c;
    utf16 += '\0';
  }
  CHECK(kind(utf16) == ImportSourceKind::reg);
  CHECK(kind("REGEDIT\nHKEY_CLASSES_ROOT\\x = y\n") == ImportSourceKind::reg);
  CHECK(kind(std::string_view("regf\0\0\0\0", 8)) == ImportSourceKind::hive);
  CHECK(kind("MSFT\x02\x00\x01\x00") == ImportSourceKind::typelib);
  CHECK(kind("  <?xml version=\"1.0\"?><assembly/>") == ImportSourceKind::manifest);
  CHECK(kind("\n{ \"{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\": {} }") == ImportSourceKind::clsidmap);
  CHECK(kind("HKCR\n{\n}\n") == ImportSourceKind::rgs);
  CHECK(kind("") == ImportSourceKind::rgs);
  // A binary that is no readable PE is left to the type library reader, which says why.
  CHECK(kind("MZ") == ImportSourceKind::typelib);
  if (testing::have_pe_binaries()) {
    CHECK(kind(testing::read_pe_binary("comreg_pe_x64.dll")) == ImportSourceKind::typelib);
  }
  for (const char* name : {"reg", "hive", "rgs", "manifest", "clsidmap", "comhost", "typelib"}) {
    const auto parsed = parse_import_source_kind(name);
    REQUIRE(parsed);
    CHECK(to_string(*parsed) == name);
  }
  CHECK_FALSE(parse_import_source_kind("REG"));
}
