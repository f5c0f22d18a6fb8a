// Hostile .reg files: every file in reg/ (REG_CASES says which must be refused) and large
// inputs made here. A refused file names a line:column in the file and leaves the registry it
// was read into exactly as it was; nothing crashes, recurses without bound or hangs.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "core/utf.hpp"
#include "support/test_files.hpp"

namespace {

struct Outcome {
  bool ok = false;
  bool unchanged = false;
  comreg::Diagnostics diagnostics;
};

Outcome read(const std::string& bytes, const std::string& name) {
  comreg::MemoryBackend before;
  REQUIRE(before.create_key("HKEY_CURRENT_USER\\Keep").ok());
  comreg::MemoryBackend registry = before;
  Outcome o;
  comreg::RegReadOptions options;
  options.file_name = name;
  o.ok = comreg::read_reg(bytes, options, registry, o.diagnostics);
  o.unchanged = registry == before;
  return o;
}

void require_refused(const Outcome& o, const std::string& name) {
  INFO(comreg::format_diagnostics_json(o.diagnostics));
  CHECK_FALSE(o.ok);
  CHECK(o.diagnostics.has_errors());
  if (o.diagnostics.empty()) return;
  const auto& first = o.diagnostics.items().front();
  CHECK(first.location.file == name);
  CHECK(first.location.line > 0);
  CHECK_FALSE(first.code.empty());
  CHECK(o.unchanged);
}

std::string utf16(std::string_view utf8) {
  std::string out = "\xFF\xFE";
  comreg::text::append_utf16le(out, utf8);
  return out;
}

const std::string v5 = "Windows Registry Editor Version 5.00\r\n\r\n";
const std::string key = "[HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\x]\r\n";

}  // namespace

TEST_CASE("Hostile .reg: every corpus file is read or refused as REG_CASES says", "[hostile]") {
  std::istringstream cases(
      comreg::testing::read_file(comreg::testing::source_path("tests/hostile/REG_CASES")));
  std::size_t refused = 0, read_ok = 0;
  for (std::string line; std::getline(cases, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::string name = line.substr(0, line.find(' '));
    const std::string expect = line.substr(line.find(' ') + 1);
    const std::string bytes =
        comreg::testing::read_file(comreg::testing::source_path("tests/hostile/reg/" + name));
    CAPTURE(name);
    const Outcome o = read(bytes, name);
    if (expect == "error") {
      require_refused(o, name);
      ++refused;
    } else {
      INFO(comreg::format_diagnostics_json(o.diagnostics));
      CHECK(o.ok);
      CHECK_FALSE(o.diagnostics.has_errors());
      CHECK(o.unchanged == (name == "header-only.reg"));
      ++read_ok;
    }
  }
  CHECK(refused >= 30);
  CHECK(read_ok >= 5);
}

TEST_CASE("Hostile .reg: large and deep inputs", "[hostile]") {
  SECTION("a key 100,000 levels deep is refused; 512 levels are read") {
    // Deeper than the registry's 512 levels, the backend's tree would also recurse deeper than
    // the stack allows when it is destroyed (this crashed before the reader refused it).
    std::string deep = "[HKEY_CURRENT_USER";
    for (int i = 1; i < 100'000; ++i) deep += "\\a";
    const Outcome o = read(utf16(v5 + deep + "]\r\n"), "deep.reg");
    require_refused(o, "deep.reg");
    CHECK(o.diagnostics.items().front().message ==
          "the key is 100000 levels deep; the registry allows 512");
    std::string limit = "[HKEY_CURRENT_USER";
    for (int i = 1; i < 512; ++i) limit += "\\a";
    const Outcome ok = read(utf16(v5 + limit + "]\r\n"), "limit.reg");
    CHECK(ok.ok);
    const Outcome over = read(utf16(v5 + limit + "\\a]\r\n"), "over.reg");
    require_refused(over, "over.reg");
  }
  SECTION("a raw NUL in a string is refused like the escaped one") {
    const Outcome o = read(utf16(v5 + key + std::string("@=\"a\0b\"\r\n", 10)), "nul.reg");
    require_refused(o, "nul.reg");
    CHECK(o.diagnostics.items().front().location.line == 4);
    CHECK(o.diagnostics.items().front().location.column == 5);
  }
  SECTION("a 5 MB string value") {
    const Outcome o =
        read(utf16(v5 + key + "@=\"" + std::string(5'000'000, 'x') + "\"\r\n"), "big-string.reg");
    if (!o.ok) require_refused(o, "big-string.reg");
  }
  SECTION("a 1 MB key name is refused; 255 characters are read") {
    const Outcome o = read(
        utf16(v5 + "[HKEY_CURRENT_USER\\" + std::string(1'000'000, 'k') + "]\r\n"), "big-key.reg");
    require_refused(o, "big-key.reg");
    const Outcome ok =
        read(utf16(v5 + "[HKEY_CURRENT_USER\\" + std::string(255, 'k') + "]\r\n"), "255.reg");
    CHECK(ok.ok);
  }
  SECTION("100,000 hex continuation lines") {
    std::string hex = "\"Blob\"=hex:00";
    for (int i = 0; i < 100'000; ++i) hex += ",\\\r\n  01";
    const Outcome o = read(utf16(v5 + key + hex + "\r\n"), "long-hex.reg");
    if (!o.ok) require_refused(o, "long-hex.reg");
  }
  SECTION("an unterminated 4 MB string") {
    const Outcome o =
        read(utf16(v5 + key + "@=\"" + std::string(4'000'000, 'x')), "unterminated.reg");
    require_refused(o, "unterminated.reg");
  }
  SECTION("4 MB of backslashes") {
    const Outcome o =
        read(utf16(v5 + key + "@=\"" + std::string(4'000'000, '\\') + "\"\r\n"), "escapes.reg");
    if (!o.ok) require_refused(o, "escapes.reg");
  }
}
