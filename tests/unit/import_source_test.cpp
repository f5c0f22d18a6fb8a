// detect_import_source_kind: each kind told from its first bytes; --from names round-trip;
// read_input_start(), the start import reads of a file.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>

#include "comreg/core/output_file.hpp"
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

// import reads only the first 8 KiB of a .reg export or a hive to tell its kind (the opener
// maps the file): the start must tell what the whole file tells, and a file that cannot be
// read must fail as read_input() fails.
TEST_CASE("the start of a file tells its kind as the whole file does", "[import-source]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "comreg-import-source-start";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string export_text = "\xFF\xFE";
  std::string script = "HKCR\n{\n";
  for (int i = 0; i < 2000; ++i) {
    for (const char c : "[HKEY_CLASSES_ROOT\\Filler" + std::to_string(i) + "]\r\n") {
      export_text += c;
      export_text += '\0';
    }
    script += "  NoRemove Filler" + std::to_string(i) + "\n";
  }
  const std::string header = "Windows Registry Editor Version 5.00\r\n";
  std::string wide_header;
  for (const char c : header) {
    wide_header += c;
    wide_header += '\0';
  }
  export_text.insert(2, wide_header);
  script += "}\n";
  for (const auto& [name, bytes, kind] : {std::tuple{"big.reg", export_text, ImportSourceKind::reg},
                                          std::tuple{"big.rgs", script, ImportSourceKind::rgs}}) {
    const fs::path path = dir / name;
    std::ofstream(path, std::ios::binary) << bytes;
    std::string start, whole, error;
    REQUIRE(read_input_start(path.string(), 8192, start, error));
    REQUIRE(read_input(path.string(), whole, error));
    REQUIRE(whole.size() > 8192);
    CHECK(start == whole.substr(0, 8192));
    CHECK(detect_import_source_kind(start) == kind);
    CHECK(detect_import_source_kind(whole) == kind);
  }
  std::string start, error;
  REQUIRE(read_input_start((dir / "big.rgs").string(), 1 << 20, start, error));
  CHECK(start == script);  // a file shorter than the limit is read whole
  for (const fs::path& unreadable : {dir / "absent.reg", dir}) {
    std::string a, b, error_start, error_whole;
    CHECK_FALSE(read_input_start(unreadable.string(), 8192, a, error_start));
    CHECK_FALSE(read_input(unreadable.string(), b, error_whole));
    CHECK(error_start == error_whole);
    CHECK_FALSE(error_start.empty());
  }
  fs::remove_all(dir);
}
