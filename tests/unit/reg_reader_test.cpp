// The .reg reader: every construct regedit writes or reads, each encoding and line end,
// malformed input with its exact line, filtered reads, and round trips of comreg's own output.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "comreg/apply/apply.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "core/key_path.hpp"
#include "core/utf.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

const std::string v5 = "Windows Registry Editor Version 5.00\r\n";

// UTF-8 text as the UTF-16LE bytes (with BOM) regedit writes.
std::string utf16(std::string_view utf8) {
  std::string out = "\xFF\xFE";
  text::append_utf16le(out, utf8);
  return out;
}

struct Read {
  bool ok = false;
  MemoryBackend registry;
  Diagnostics diagnostics;
};

Read read(std::string_view bytes, RegReadOptions options = {}, RegReadStats* stats = nullptr) {
  Read r;
  if (options.file_name.empty()) options.file_name = "test.reg";
  r.ok = read_reg(bytes, options, r.registry, r.diagnostics, stats);
  return r;
}

Read read_ok(std::string_view bytes, RegReadOptions options = {}) {
  Read r = read(bytes, std::move(options));
  INFO(format_diagnostics_json(r.diagnostics));
  REQUIRE(r.ok);
  REQUIRE_FALSE(r.diagnostics.has_errors());
  return r;
}

// Requires a failed read whose first error is at `line`:`column` and mentions `words`.
void require_error(std::string_view bytes, std::uint32_t line, std::uint32_t column,
                   std::string_view words) {
  MemoryBackend before;
  REQUIRE(before.create_key("HKEY_CURRENT_USER\\Keep").ok());
  MemoryBackend registry = before;
  Diagnostics d;
  const bool ok = read_reg(bytes, {"bad.reg", {}, {}}, registry, d);
  INFO(format_diagnostics_json(d));
  REQUIRE_FALSE(ok);
  REQUIRE(d.has_errors());
  const Diagnostic& first = d.items().front();
  CHECK(first.location.file == "bad.reg");
  CHECK(first.location.line == line);
  CHECK(first.location.column == column);
  CHECK(first.message.find(words) != std::string::npos);
  CHECK(registry == before);  // nothing half-applied
}

}  // namespace

TEST_CASE("Reg reader: a v5 UTF-16LE file with keys and every value form", "[reg-reader]") {
  const std::string text = v5 +
                           "\r\n[HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{X}]\r\n"
                           "@=\"Widget \\\"Pro\\\" \\\\ 1\"\r\n"
                           "\"Count\"=dword:0000002a\r\n"
                           "\"Bin\"=hex:01,02,ff\r\n"
                           "\"Expand\"=hex(2):25,00,41,00,25,00,00,00\r\n"
                           "\"Multi\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"
                           "\"Q\"=hex(b):01,00,00,00,00,00,00,00\r\n"
                           "\"None\"=hex(0):\r\n"
                           "\"Dw\"=hex(4):2a,00,00,00\r\n"
                           "\"Big\"=hex(5):00,00,00,2a\r\n"
                           "\"Sz\"=hex(1):61,00,00,00\r\n"
                           "\"Odd\"=hex(100):aa\r\n"
                           "\r\n";
  const Read r = read_ok(utf16(text));
  const std::string k = "HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{X}";
  CHECK(r.registry.get_value(k, "") == RegValue::sz("Widget \"Pro\" \\ 1"));
  CHECK(r.registry.get_value(k, "Count") == RegValue::dword(42));
  CHECK(r.registry.get_value(k, "Bin") == RegValue::binary({1, 2, 0xff}));
  CHECK(r.registry.get_value(k, "Expand") == RegValue::expand_sz("%A%"));
  CHECK(r.registry.get_value(k, "Multi") == RegValue::multi_sz({"a", "b"}));
  CHECK(r.registry.get_value(k, "Q") == RegValue::qword(1));
  CHECK(r.registry.get_value(k, "None")->type == RegType::none);
  CHECK(r.registry.get_value(k, "None")->raw_bytes().empty());
  CHECK(r.registry.get_value(k, "Dw") == RegValue::dword(42));
  CHECK(r.registry.get_value(k, "Big")->type == RegType::dword_big_endian);
  CHECK(r.registry.get_value(k, "Sz") == RegValue::sz("a"));
  CHECK(r.registry.get_value(k, "Odd")->type == static_cast<RegType>(0x100));
  CHECK(r.registry.get_value(k, "Odd")->raw_bytes() == std::vector<std::uint8_t>{0xaa});
}

TEST_CASE("Reg reader: malformed values are located", "[reg-reader]") {
  require_error(v5 + "\r\n[HKEY_CURRENT_USER\\A]\r\n\"x\"=dword:123456789\r\n", 4, 11,
                "1 to 8 hex digits");
  require_error(v5 + "[HKEY_CURRENT_USER\\A]\n\n\"x\"=hex:01,zz\n", 4, 12, "hex byte");
  require_error("REGEDIT5\r\n", 1, 1, "expected the header");
}

TEST_CASE("Reg reader: comreg's own .reg output reads back as what install writes",
          "[reg-reader]") {
  const std::string sample =
      GENERATE(as<std::string>{}, "contoso-widgets", "inproc-typelib", "local-server", "surrogate",
               "activex-control", "remote-client");
  CAPTURE(sample);
  LoadOptions load;
  load.defines["installdir"] = "C:\\Program Files\\Fabrikam";
  const std::string file = "samples/" + sample + ".json";
  auto loaded = load_description(testing::read_file(testing::source_path(file)), file, load);
  REQUIRE(loaded.description);
  for (const auto view : {View::v64, View::v32}) {
    for (const auto format : {RegFormat::v5, RegFormat::regedit4}) {
      const Plan plan = make_plan(*loaded.description, {Scope::machine, view});
      MemoryBackend installed;
      REQUIRE(install(plan, installed).status.ok());
      RegWriteOptions w;
      w.format = format;
      const auto written = write_reg(plan, w);
      if (written.diagnostics.has_errors()) continue;  // non-ASCII text has no REGEDIT4 form
      const Read r = read_ok(written.bytes);
      CHECK(r.registry.dump() == installed.dump());

      // The uninstall file, read into the installed registry, leaves what uninstall leaves,
      // and the keys of the trees another product may register too (AppID, Interface…),
      // emptied of the values the plan set: a .reg file cannot know who else holds them.
      MemoryBackend removed = installed;
      REQUIRE(uninstall(plan, removed).status.ok());
      std::vector<std::string> shareable;
      for (const auto& op : plan.ops) {
        if (op.kind != OpKind::create_key) continue;
        if (op.shareable) shareable.push_back(op.key + "\\");
        for (const auto& root : shareable) {
          if ((op.key + "\\").rfind(root, 0) == 0) {
            REQUIRE(
                removed.create_key(classes_root(Scope::machine) + "\\" + physical_key(op.key, view))
                    .ok());
            break;
          }
        }
      }
      w.uninstall = true;
      MemoryBackend read_back = installed;
      Diagnostics d;
      REQUIRE(read_reg(write_reg(plan, w).bytes, {"u.reg", {}, {}}, read_back, d));
      CHECK(read_back.dump() == removed.dump());
    }
  }
}

TEST_CASE("Reg reader: every hex(N) type keeps its number and bytes", "[reg-reader]") {
  std::string text = v5 + "[HKEY_LOCAL_MACHINE\\T]\r\n";
  for (unsigned n = 0; n <= 11; ++n) {
    char line[64];
    std::snprintf(line, sizeof line, "\"t%u\"=hex(%x):01,00,00,00\r\n", n, n);
    text += line;
  }
  const Read r = read_ok(utf16(text));
  for (unsigned n = 0; n <= 11; ++n) {
    CAPTURE(n);
    const auto v = r.registry.get_value("HKEY_LOCAL_MACHINE\\T", "t" + std::to_string(n));
    REQUIRE(v);
    CHECK(v->type == static_cast<RegType>(n));
    // String types arrive NUL-terminated (01 00 is one UTF-16 unit, 00 00 its NUL).
    CHECK(v->raw_bytes() == std::vector<std::uint8_t>{1, 0, 0, 0});
  }
  CHECK(r.registry.get_value("HKEY_LOCAL_MACHINE\\T", "t4") == RegValue::dword(1));
  CHECK(r.registry.get_value("HKEY_LOCAL_MACHINE\\T", "t3") == RegValue::binary({1, 0, 0, 0}));
}

TEST_CASE("Reg reader: string hex data without its NUL gets one, as regedit adds it",
          "[reg-reader]") {
  const Read r = read_ok(utf16(v5 + "[HKCU\\A]\r\n@=hex(2):41,00\r\n\"m\"=hex(7):61,00\r\n"));
  CHECK(r.registry.get_value("HKEY_CURRENT_USER\\A", "")->raw_bytes() ==
        std::vector<std::uint8_t>{0x41, 0, 0, 0});
  CHECK(r.registry.get_value("HKEY_CURRENT_USER\\A", "m")->raw_bytes() ==
        std::vector<std::uint8_t>{0x61, 0, 0, 0});
}

TEST_CASE("Reg reader: each encoding and line end reads the same registry", "[reg-reader]") {
  const std::string body =
      "\n[HKEY_CURRENT_USER\\Software\\Caf\xC3\xA9]\n@=\"na\xC3\xAFve\"\n\"n\"=dword:00000001\n";
  const Read expected = read_ok(utf16(v5 + body));
  CHECK(expected.registry.get_value("HKEY_CURRENT_USER\\Software\\Caf\xC3\xA9", "") ==
        RegValue::sz("na\xC3\xAFve"));
  auto with = [](std::string s, std::string_view eol) {
    std::string out;
    for (char c : s) {
      if (c == '\n') {
        out += eol;
      } else {
        out.push_back(c);
      }
    }
    return out;
  };
  const std::string v5lf = "Windows Registry Editor Version 5.00\n";
  SECTION("UTF-16LE with CRLF, LF and CR") {
    for (const char* eol : {"\r\n", "\n", "\r"}) {
      CHECK(read_ok(utf16(with(v5lf + body, eol))).registry == expected.registry);
    }
  }
  SECTION("UTF-8 with and without BOM") {
    CHECK(read_ok("\xEF\xBB\xBF" + with(v5lf + body, "\r\n")).registry == expected.registry);
    CHECK(read_ok(with(v5lf + body, "\n")).registry == expected.registry);
  }
  SECTION("ANSI (Windows-1252) REGEDIT4") {
    const std::string ansi =
        "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\Caf\xE9]\r\n@=\"na\xEFve\"\r\n"
        "\"n\"=dword:00000001\r\n";
    CHECK(read_ok(ansi).registry == expected.registry);
  }
}

TEST_CASE("Reg reader: REGEDIT4 string hex data is 8-bit text", "[reg-reader]") {
  const Read r = read_ok(
      "REGEDIT4\r\n[HKEY_CURRENT_USER\\A]\r\n\"e\"=hex(2):25,41,25,00\r\n"
      "\"m\"=hex(7):61,00,e9,00,00\r\n");
  CHECK(r.registry.get_value("HKEY_CURRENT_USER\\A", "e") == RegValue::expand_sz("%A%"));
  CHECK(r.registry.get_value("HKEY_CURRENT_USER\\A", "m") == RegValue::multi_sz({"a", "\xC3\xA9"}));
}

TEST_CASE("Reg reader: comments, blanks, continuations and leading whitespace", "[reg-reader]") {
  const std::string text = v5 +
                           "; a comment line\r\n"
                           "\r\n"
                           "  [HKEY_CLASSES_ROOT\\.txt] ; after the key\r\n"
                           "\t@=\"txtfile\" ; after a string\r\n"
                           "\"n\" = dword:0000000a ;after a dword\r\n"
                           "\"b\"=hex:01,02,\\\r\n"
                           "  03,04,\\ ; after a backslash\r\n"
                           "\r\n"
                           "; a comment inside the continuation\r\n"
                           "  05\r\n"
                           "\"last\"=hex:aa,\\\r\n"
                           "  bb,\\\r\n";  // the file ends during a continuation
  const Read r = read_ok(utf16(text));
  const std::string k = "HKEY_CLASSES_ROOT\\.txt";
  CHECK(r.registry.get_value(k, "") == RegValue::sz("txtfile"));
  CHECK(r.registry.get_value(k, "n") == RegValue::dword(10));
  CHECK(r.registry.get_value(k, "b") == RegValue::binary({1, 2, 3, 4, 5}));
  CHECK(r.registry.get_value(k, "last") == RegValue::binary({0xaa, 0xbb}));
}

TEST_CASE("Reg reader: escapes in names and strings, an unknown escape is a warning",
          "[reg-reader]") {
  const Read r =
      read_ok(utf16(v5 + "[HKCU\\E]\r\n\"a\\\"b\\\\c\"=\"1\\n2\\r3\"\r\n\"w\"=\"x\\qy\"\r\n"));
  CHECK(r.registry.get_value("HKEY_CURRENT_USER\\E", "a\"b\\c") == RegValue::sz("1\n2\r3"));
  CHECK(r.registry.get_value("HKEY_CURRENT_USER\\E", "w") == RegValue::sz("xqy"));
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics.items()[0].severity == Severity::warning);
  CHECK(r.diagnostics.items()[0].code == "reg-escape");
  CHECK(r.diagnostics.items()[0].location.line == 4);
  CHECK(r.diagnostics.items()[0].location.column == 7);
}

TEST_CASE("Reg reader: root abbreviations are read as the long names", "[reg-reader]") {
  const Read r =
      read_ok(utf16(v5 + "[HKCR\\a]\r\n[HKCU\\b]\r\n[HKLM\\c]\r\n[HKU\\d]\r\n[HKCC\\e]\r\n"
                         "[hkey_local_machine\\f]\r\n"));
  for (const char* k : {"HKEY_CLASSES_ROOT\\a", "HKEY_CURRENT_USER\\b", "HKEY_LOCAL_MACHINE\\c",
                        "HKEY_USERS\\d", "HKEY_CURRENT_CONFIG\\e", "HKEY_LOCAL_MACHINE\\f"}) {
    CHECK(r.registry.key_exists(k));
  }
  CHECK(r.registry.subkeys("").size() == 5);
}

TEST_CASE(
    "Reg reader: a deletion line deletes a tree and \"name\"=- a value, also in what was there",
    "[reg-reader]") {
  MemoryBackend registry;
  REQUIRE(registry.create_key("HKEY_CURRENT_USER\\Old\\Deep\\Deeper").ok());
  REQUIRE(registry.create_key("HKEY_CURRENT_USER\\Keep").ok());
  REQUIRE(registry.set_value("HKEY_CURRENT_USER\\Keep", "gone", RegValue::sz("x")).ok());
  REQUIRE(registry.set_value("HKEY_CURRENT_USER\\Keep", "stays", RegValue::sz("y")).ok());
  Diagnostics d;
  REQUIRE(read_reg(utf16(v5 + "[-HKEY_CURRENT_USER\\Old]\r\n"
                              "[-HKEY_CURRENT_USER\\NeverThere]\r\n"
                              "[HKEY_CURRENT_USER\\Keep]\r\n"
                              "\"gone\"=-\r\n"
                              "\"absent\"=- ; deleting what is absent is fine\r\n"),
                   {"t.reg", {}, {}}, registry, d));
  CHECK_FALSE(registry.key_exists("HKEY_CURRENT_USER\\Old"));
  CHECK_FALSE(registry.get_value("HKEY_CURRENT_USER\\Keep", "gone"));
  CHECK(registry.get_value("HKEY_CURRENT_USER\\Keep", "stays") == RegValue::sz("y"));
}

TEST_CASE("Reg reader: values in a deletion section are ignored, as regedit ignores them",
          "[reg-reader]") {
  const Read r = read_ok(utf16(v5 + "[-HKCU\\X]\r\n\"v\"=hex:01,\\\r\n  02\r\n[HKCU\\Y]\r\n"));
  CHECK_FALSE(r.registry.key_exists("HKEY_CURRENT_USER\\X"));
  CHECK(r.registry.key_exists("HKEY_CURRENT_USER\\Y"));
}

TEST_CASE("Reg reader: a key name may contain a closing bracket (the name ends at the last one)",
          "[reg-reader]") {
  const Read r = read_ok(utf16(v5 + "[HKCU\\a]b]\r\n@=\"x\"\r\n"));
  CHECK(r.registry.get_value("HKEY_CURRENT_USER\\a]b", "") == RegValue::sz("x"));
}

TEST_CASE("Reg reader: malformed input names the file, line, column and what was expected",
          "[reg-reader]") {
  const std::string k = "[HKEY_CURRENT_USER\\A]\r\n";
  // Line 1 is the header, line 2 the key: the error is on line 3 unless said otherwise.
  require_error("", 1, 1, "empty first line");
  require_error("REGEDIT 4\r\n", 1, 1, "expected the header");
  require_error(utf16("Windows Registry Editor Version 4.00\r\n"), 1, 1, "expected the header");
  require_error(v5 + "[HKEY_CURRENT_USER\\A\r\n", 2, 21, "expected ']'");
  require_error(v5 + "[ HKEY_CURRENT_USER\\A]\r\n", 2, 2, "must not start with a blank");
  require_error(v5 + "[HKEY_NOWHERE\\A]\r\n", 2, 2, "unknown root key 'HKEY_NOWHERE'");
  require_error(v5 + "[-HKEY_CURRENT_USER]\r\n", 2, 3, "cannot delete the root");
  require_error(v5 + "[HKCU\\A] x\r\n", 2, 10, "unexpected 'x'");
  require_error(v5 + "@=\"x\"\r\n", 2, 1, "value outside a key");
  require_error(v5 + k + "\"x\"\r\n", 3, 4, "expected '='");
  require_error(v5 + k + "\"x\"=\"abc\r\n", 3, 9, "expected '\"' closing");
  require_error(v5 + k + "\"x\"=\"a\\0b\"\r\n", 3, 7, "'\\0'");
  require_error(v5 + k + "\"x\"=\"a\" b\r\n", 3, 9, "unexpected 'b'");
  require_error(v5 + k + "\"x\"=dword:\r\n", 3, 11, "1 to 8 hex digits");
  require_error(v5 + k + "\"x\"=dword:0x10\r\n", 3, 12, "unexpected 'x'");
  require_error(v5 + k + "\"x\"=qword:1\r\n", 3, 5, "expected a value after '='");
  require_error(v5 + k + "\"x\"=str(2):\"a\"\r\n", 3, 5, "expected a value after '='");
  require_error(v5 + k + "\"x\"=hex(0x2):00\r\n", 3, 10, "hex type number");
  require_error(v5 + k + "\"x\"=hex(2)00\r\n", 3, 11, "expected ':'");
  require_error(v5 + k + "\"x\"=hex:100\r\n", 3, 11, "at most 2 digits");
  require_error(v5 + k + "\"x\"=hex:01 02\r\n", 3, 12, "expected ','");
  require_error(v5 + k + "\"x\"=hex:01,\\\r\n  02,zz\r\n", 4, 6, "hex byte");
  require_error(v5 + k + "\"x\"=hex:01,\\\r\n[HKCU\\B]\r\n", 4, 1, "hex byte");
  require_error(v5 + k + "x=1\r\n", 3, 1, "expected a [key]");
  require_error(v5 + "[HKCU\\" + std::string(256, 'k') + "]\r\n", 2, 7, "255 characters");
  // The same error on the same line in every encoding and line end.
  for (const char* eol : {"\r\n", "\n", "\r"}) {
    std::string text = std::string("Windows Registry Editor Version 5.00") + eol + eol +
                       "[HKCU\\A]" + eol + "; c" + eol + "\"x\"=dword:zz" + eol;
    require_error(utf16(text), 5, 11, "1 to 8 hex digits");
    require_error(text, 5, 11, "1 to 8 hex digits");
  }
}

TEST_CASE("Reg reader: every error of a file is reported, not just the first", "[reg-reader]") {
  const Read r = read(utf16(v5 + "[HKCU\\A]\r\n\"a\"=dword:x\r\n\"b\"=\"ok\"\r\n\"c\"=hex:zz\r\n"));
  CHECK_FALSE(r.ok);
  REQUIRE(r.diagnostics.error_count() == 2);
  CHECK(r.diagnostics.items()[0].location.line == 3);
  CHECK(r.diagnostics.items()[1].location.line == 5);
  CHECK(r.registry.subkeys("").empty());
}

TEST_CASE("Reg reader: a filtered read keeps only the named trees", "[reg-reader]") {
  const std::string text = v5 +
                           "[HKEY_CLASSES_ROOT\\.txt]\r\n@=\"txtfile\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID]\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{A}]\r\n@=\"A\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{A}\\InprocServer32]\r\n@=\"a.dll\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{AB}]\r\n@=\"not A\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{B}]\r\n\"broken\"=dword:zz\r\n"
                           "[hkcr\\clsid\\{c}\\Sub]\r\n@=\"C, abbreviated, other case\"\r\n"
                           "[HKEY_CLASSES_ROOT\\Widget]\r\n@=\"W\"\r\n"
                           "[HKEY_CLASSES_ROOT\\Widget.1]\r\n@=\"W1\"\r\n";
  RegReadOptions options;
  options.only_under = {"HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{A}",
                        "HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{C}",
                        "HKEY_CURRENT_USER\\Software\\Classes\\Widget"};
  options.root_aliases = {{"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER\\Software\\Classes"}};
  for (const std::string& bytes : {utf16(text), text}) {
    RegReadStats stats;
    const Read r = read(bytes, options, &stats);
    INFO(format_diagnostics_json(r.diagnostics));
    REQUIRE(r.ok);  // the malformed {B} section is skipped unread
    const std::string root = "HKEY_CURRENT_USER\\Software\\Classes\\";
    CHECK(r.registry.get_value(root + "CLSID\\{A}\\InprocServer32", "") == RegValue::sz("a.dll"));
    CHECK(r.registry.get_value(root + "CLSID\\{C}\\Sub", "") ==
          RegValue::sz("C, abbreviated, other case"));
    CHECK(r.registry.get_value(root + "Widget", "") == RegValue::sz("W"));
    CHECK_FALSE(r.registry.key_exists(root + "CLSID\\{AB}"));
    CHECK_FALSE(r.registry.key_exists(root + "CLSID\\{B}"));
    CHECK_FALSE(r.registry.key_exists(root + "Widget.1"));
    CHECK_FALSE(r.registry.key_exists(root + ".txt"));
    CHECK_FALSE(r.registry.key_exists("HKEY_CLASSES_ROOT"));
    CHECK(stats.keys_kept == 4);
    CHECK(stats.keys_skipped == 5);
  }
}

TEST_CASE("Reg reader: a key line after a kept one is kept only at or below a kept path",
          "[reg-reader]") {
  // A key line below the path that kept the line before it is kept without the path being
  // hashed again: in another case too, but not where the same bytes go on without a
  // backslash ({A}é, whose non-ASCII character makes the raw test leave it to the exact one).
  const std::string text = v5 +
                           "[HKEY_CLASSES_ROOT\\CLSID\\{A}]\r\n@=\"A\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{A}\xC3\xA9]\r\n@=\"not A\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{A}\\Sub]\r\n@=\"kept\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{A}\xC3\xA9\\Sub]\r\n@=\"not A\"\r\n"
                           "[hkcr\\clsid\\{a}\\Lower]\r\n@=\"kept, other case\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{B}\xC3\xA9]\r\n@=\"not B\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{B}]\r\n@=\"B\"\r\n";
  RegReadOptions options;
  options.only_under = {"HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{A}",
                        "HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{B}"};
  options.root_aliases = {{"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER\\Software\\Classes"}};
  for (const std::string& bytes : {utf16(text), text}) {
    RegReadStats stats;
    const Read r = read(bytes, options, &stats);
    INFO(format_diagnostics_json(r.diagnostics));
    REQUIRE(r.ok);
    const std::string clsid = "HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\";
    CHECK(r.registry.get_value(clsid + "{A}\\Sub", "") == RegValue::sz("kept"));
    CHECK(r.registry.get_value(clsid + "{A}\\Lower", "") == RegValue::sz("kept, other case"));
    CHECK(r.registry.get_value(clsid + "{B}", "") == RegValue::sz("B"));
    CHECK(r.registry.subkeys(clsid) == std::vector<std::string>{"{A}", "{B}"});
    CHECK(stats.keys_kept == 4);
    CHECK(stats.keys_skipped == 3);
  }
}

TEST_CASE("Reg reader: below a refused key line, only its subkeys are refused unread",
          "[reg-reader]") {
  // Nothing kept is deeper than CLSID\{A}: a deeper line refuses its prefix for the lines
  // after it, and a line that only starts with the same text is decided on its own.
  const std::string text = v5 +
                           "[HKEY_CLASSES_ROOT\\CLSID\\{AB}\\Sub]\r\n@=\"no\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{AB}\\Sub\\Deeper]\r\n\"x\"=dword:zz\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{AB}]\r\n@=\"no\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{A}\\Sub]\r\n@=\"kept\"\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{A}\\Sub\\Deeper]\r\n@=\"kept too\"\r\n"
                           "[HKEY_LOCAL_MACHINE\\Other\\X]\r\n\"y\"=dword:zz\r\n"
                           "[HKEY_LOCAL_MACHINE\\Other\\X\\Y]\r\n\"y\"=dword:zz\r\n"
                           "[HKEY_CLASSES_ROOT\\CLSID\\{A}]\r\n@=\"A\"\r\n";
  RegReadOptions options;
  options.only_under = {"HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{A}"};
  options.root_aliases = {{"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER\\Software\\Classes"}};
  for (const std::string& bytes : {utf16(text), text}) {
    RegReadStats stats;
    const Read r = read(bytes, options, &stats);
    INFO(format_diagnostics_json(r.diagnostics));
    REQUIRE(r.ok);  // the malformed sections are skipped unread
    const std::string clsid = "HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\";
    CHECK(r.registry.get_value(clsid + "{A}", "") == RegValue::sz("A"));
    CHECK(r.registry.get_value(clsid + "{A}\\Sub", "") == RegValue::sz("kept"));
    CHECK(r.registry.get_value(clsid + "{A}\\Sub\\Deeper", "") == RegValue::sz("kept too"));
    CHECK(r.registry.subkeys(clsid) == std::vector<std::string>{"{A}"});
    CHECK_FALSE(r.registry.key_exists("HKEY_LOCAL_MACHINE"));
    CHECK(stats.keys_kept == 3);
    CHECK(stats.keys_skipped == 5);
  }
}

TEST_CASE("Reg reader: below a key neither kept nor above a kept key, lines are refused unread",
          "[reg-reader]") {
  // CLSID\{B} is refused and nothing kept is below it: the next lines under it are refused by
  // their first bytes, so a broken one (no closing bracket) is not even read. CLSID is above
  // a kept key: each line under it is decided on its own, and a broken one is reported, as is
  // one that only starts with {B}'s text. ({C}'s key makes four levels worth reading.)
  RegReadOptions options;
  options.only_under = {"HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{A}",
                        "HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{C}\\InprocServer32"};
  options.root_aliases = {{"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER\\Software\\Classes"}};
  const std::string below_refused = v5 +
                                    "[HKEY_CLASSES_ROOT\\CLSID\\{B}]\r\n@=\"no\"\r\n"
                                    "[HKEY_CLASSES_ROOT\\CLSID\\{B}\\Sub\r\n"
                                    "[HKEY_CLASSES_ROOT\\CLSID\\{B}\\Sub\\Deeper]\r\n"
                                    "[HKEY_CLASSES_ROOT\\CLSID\\{A}]\r\n@=\"A\"\r\n";
  const std::string below_kept_parent = v5 +
                                        "[HKEY_CLASSES_ROOT\\CLSID]\r\n"
                                        "[HKEY_CLASSES_ROOT\\CLSID\\{Q}\r\n"
                                        "[HKEY_CLASSES_ROOT\\CLSID\\{A}]\r\n@=\"A\"\r\n";
  const std::string same_text_only = v5 +
                                     "[HKEY_CLASSES_ROOT\\CLSID\\{B}]\r\n"
                                     "[HKEY_CLASSES_ROOT\\CLSID\\{B}X\\Sub\r\n"
                                     "[HKEY_CLASSES_ROOT\\CLSID\\{A}]\r\n@=\"A\"\r\n";
  for (const bool wide : {true, false}) {
    const auto encode = [wide](const std::string& s) { return wide ? utf16(s) : s; };
    RegReadStats stats;
    const Read r = read(encode(below_refused), options, &stats);
    INFO(format_diagnostics_json(r.diagnostics));
    REQUIRE(r.ok);
    CHECK(r.registry.get_value("HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{A}", "") ==
          RegValue::sz("A"));
    CHECK(stats.keys_kept == 1);
    CHECK(stats.keys_skipped == 3);
    for (const std::string* text : {&below_kept_parent, &same_text_only}) {
      const Read broken = read(encode(*text), options);
      INFO(*text);
      CHECK_FALSE(broken.ok);
      REQUIRE(broken.diagnostics.error_count() == 1);
      CHECK(broken.diagnostics.items()[0].location.line == 3);
      CHECK(broken.diagnostics.items()[0].message.find("']'") != std::string::npos);
    }
  }
}

namespace {

// The tree at `key` as text: values with their types and data, then subkeys, recursively.
void tree_text(const MemoryBackend& registry, const std::string& key, std::string& out) {
  const auto contents = registry.read_key(key);
  if (!contents) return;
  out += "[" + key + "]\n";
  for (const auto& [name, value] : contents->values) {
    out += "\"" + name + "\" " + reg_type_name(value.type) + " " + value.display() + "\n";
  }
  for (const auto& sub : contents->subkeys) tree_text(registry, key + "\\" + sub, out);
}

// tree_text() of `key` as a new string: what two reads hold at one path, compared.
std::string tree_at(const MemoryBackend& registry, const std::string& key) {
  std::string out;
  tree_text(registry, key, out);
  return out;
}

void key_paths(const MemoryBackend& registry, const std::string& key,
               std::vector<std::string>& out) {
  for (const auto& sub : registry.subkeys(key)) {
    const std::string path = key.empty() ? sub : key + "\\" + sub;
    out.push_back(path);
    key_paths(registry, path, out);  // not out.back(): `out` grows below
  }
}

}  // namespace

TEST_CASE("Reg reader: a filtered read of any file keeps exactly the trees a whole read has",
          "[reg-reader]") {
  // Every .reg file of the tests (other people's among them, tests/data/corpus/reg), read whole
  // and through filters that keep every key, every third key, only the deepest keys, and a
  // key's parent with nothing below it: the kept trees are the same, value for value, and
  // nothing outside them or their parents is kept. The filter refuses most lines on their raw
  // bytes, and whole subtrees unread; a wrong refusal shows here.
  std::size_t files = 0;
  std::size_t compared = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(testing::source_path("tests/data"))) {
    if (entry.path().extension() != ".reg") continue;
    RegReadOptions options;
    options.root_aliases = {{"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER\\Software\\Classes"}};
    const Read whole = read(testing::read_file(entry.path().string()), options);
    if (!whole.ok) continue;  // files that test errors
    std::vector<std::string> keys;
    key_paths(whole.registry, "", keys);
    if (keys.empty()) continue;
    ++files;
    std::size_t deepest = 0;
    for (const auto& k : keys) {
      deepest = std::max<std::size_t>(deepest, std::count(k.begin(), k.end(), '\\'));
    }
    std::vector<std::vector<std::string>> selections(4);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const auto depth = static_cast<std::size_t>(std::count(keys[i].begin(), keys[i].end(), '\\'));
      selections[0].push_back(keys[i]);
      if (i % 3 == 1) selections[1].push_back(keys[i]);
      if (depth == deepest) selections[2].push_back(keys[i]);
    }
    // A key the file does not have (the last key's name and an X: its parents are above a
    // kept key, every other line is neither) and one from the middle.
    selections[3].push_back(keys.back() + "X");
    selections[3].push_back(keys[keys.size() / 2]);
    const std::string bytes = testing::read_file(entry.path().string());
    for (const auto& only_under : selections) {
      if (only_under.empty()) continue;
      INFO(entry.path().string() << " keeping " << only_under.size() << " keys, first "
                                 << only_under.front());
      RegReadOptions filtered_options = options;
      filtered_options.only_under = only_under;
      const Read filtered = read(bytes, filtered_options);
      REQUIRE(filtered.ok);
      for (const auto& path : only_under) {
        CHECK(tree_at(filtered.registry, path) == tree_at(whole.registry, path));
        ++compared;
      }
      // Nothing else: every key of the filtered read is kept, below a kept key or above one.
      std::vector<std::string> held;
      key_paths(filtered.registry, "", held);
      for (const auto& k : held) {
        const bool related = std::any_of(only_under.begin(), only_under.end(), [&](const auto& p) {
          return regfile::is_at_or_below(k, p) || regfile::is_at_or_below(p, k);
        });
        CAPTURE(k);
        CHECK(related);
      }
    }
  }
  CHECK(files >= 40);
  CHECK(compared > 1000);
}

TEST_CASE("Reg reader: UTF-16 lines scanned a word at a time keep every unit in its place",
          "[reg-reader]") {
  // Lines are scanned and narrowed eight bytes (four units) at a time. Units that hold a CR or
  // LF byte without being one (U+0A41, U+010D, U+0D0A), and characters outside ASCII (two
  // bytes, three, and a surrogate pair) at every place of a key name and a value, must neither
  // end the line nor be narrowed with the ASCII.
  const std::vector<std::string> odd = {"\xE0\xA9\x81", "\xC4\x8D", "\xE0\xB4\x8A", "\xC3\xA9",
                                        "\xF0\x9F\x98\x80"};
  for (const auto& ch : odd) {
    for (std::size_t at = 0; at <= 13; ++at) {
      std::string name = "Key0123456789A";
      name.insert(at, ch);
      std::string data = "C:\\Program Files\\x";
      data.insert(at, ch);
      std::string escaped;
      for (const char c : data) escaped += c == '\\' ? std::string("\\\\") : std::string(1, c);
      const std::string text = v5 + "\r\n[HKEY_CURRENT_USER\\" + name + "]\r\n@=\"" + escaped +
                               "\"\r\n\"n\"=dword:7\r\n";
      INFO("at " << at);
      const Read r = read_ok(utf16(text));
      CHECK(r.registry.get_value("HKEY_CURRENT_USER\\" + name, "") == RegValue::sz(data));
      CHECK(r.registry.get_value("HKEY_CURRENT_USER\\" + name, "n") == RegValue::dword(7));
    }
  }
}

TEST_CASE("Reg reader: key lines hashed a word at a time are decided in every alignment",
          "[reg-reader]") {
  // The filter reads runs of plain units four (UTF-16) or eight (8-bit) at a time. Names of
  // every length from 1 to 17 move each unit that ends a run ('\\', ']', a non-ASCII letter,
  // a line end) to every place in a word; each line is kept exactly when a read that keeps
  // everything has it below a kept path.
  std::string text = v5;
  std::vector<std::string> kept;
  for (std::size_t n = 1; n <= 17; ++n) {
    const std::string name = std::string(n, 'K').replace(0, 1, "N");
    const std::string hkcr = "[HKEY_CLASSES_ROOT\\" + name;
    text += hkcr + "\\{A}]\r\n@=\"kept\"\r\n";           // kept
    text += hkcr + "\\{A}\\Sub]\r\n@=\"kept too\"\r\n";  // below a kept key
    text += hkcr + "\\{AB}]\r\n@=\"no\"\r\n";            // only starts alike
    text += hkcr + "\\{B}]\r\n@=\"no\"\r\n";             // a sibling
    text += hkcr + "\xC3\xA9\\{A}]\r\n@=\"no\"\r\n";     // non-ASCII in the name
    text += "[hkcr\\" + text::fold_case(name) + "\\{a}\\Lower]\r\n@=\"kept, other case\"\r\n";
    text += hkcr + "X\\{A}]\r\n@=\"no\"\r\n";  // a longer name
    kept.push_back("HKEY_CURRENT_USER\\Software\\Classes\\" + name + "\\{A}");
  }
  RegReadOptions whole_options;
  whole_options.root_aliases = {{"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER\\Software\\Classes"}};
  RegReadOptions options = whole_options;
  options.only_under = kept;
  for (const std::string& bytes : {utf16(text), text}) {
    const Read whole = read_ok(bytes, whole_options);
    RegReadStats stats;
    const Read filtered = read(bytes, options, &stats);
    INFO(format_diagnostics_json(filtered.diagnostics));
    REQUIRE(filtered.ok);
    for (const auto& path : kept) {
      CHECK(tree_at(filtered.registry, path) == tree_at(whole.registry, path));
      CHECK(filtered.registry.get_value(path + "\\Sub", "") == RegValue::sz("kept too"));
      CHECK(filtered.registry.get_value(path + "\\Lower", "") == RegValue::sz("kept, other case"));
    }
    CHECK(stats.keys_kept == 3 * kept.size());
    CHECK(stats.keys_skipped == 4 * kept.size());
  }
}

TEST_CASE("Reg reader: a filtered read applies deletions of kept keys and their parents",
          "[reg-reader]") {
  RegReadOptions options;
  options.only_under = {"HKEY_LOCAL_MACHINE\\Software\\Classes\\CLSID\\{A}"};
  const Read a = read_ok(utf16(v5 + "[HKLM\\Software\\Classes\\CLSID\\{A}\\x]\r\n"
                                    "[-HKLM\\Software\\Classes\\CLSID]\r\n"
                                    "[HKLM\\Software\\Classes\\CLSID\\{A}\\y]\r\n"),
                         options);
  CHECK_FALSE(a.registry.key_exists("HKEY_LOCAL_MACHINE\\Software\\Classes\\CLSID\\{A}\\x"));
  CHECK(a.registry.key_exists("HKEY_LOCAL_MACHINE\\Software\\Classes\\CLSID\\{A}\\y"));
}

TEST_CASE("Reg reader: read_reg_file reads a file, a missing file is a located error",
          "[reg-reader]") {
  const std::string path = "reg_reader_test.reg";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f != nullptr);
    const std::string bytes = utf16(v5 + "[HKCU\\F]\r\n@=\"file\"\r\n\"x\"=dword:zz\r\n");
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  }
  MemoryBackend registry;
  Diagnostics d;
  CHECK_FALSE(read_reg_file(path, {}, registry, d));
  REQUIRE(d.has_errors());
  CHECK(d.items()[0].location.file == path);
  CHECK(d.items()[0].location.line == 4);
  CHECK(registry.subkeys("").empty());
  std::remove(path.c_str());

  Diagnostics missing;
  CHECK_FALSE(read_reg_file("no/such/file.reg", {}, registry, missing));
  REQUIRE(missing.has_errors());
  CHECK(missing.items()[0].code == "cannot-read");
  CHECK(missing.items()[0].message.find("no/such/file.reg") != std::string::npos);
}

namespace {

// The one diagnostic of `code` in `d`; fails when there is not exactly one.
const Diagnostic& only(const Diagnostics& d, std::string_view code) {
  const Diagnostic* found = nullptr;
  std::size_t n = 0;
  for (const auto& item : d) {
    if (item.code == code) found = &item, ++n;
  }
  INFO(format_diagnostics_json(d));
  REQUIRE(n == 1);
  return *found;
}

RegReadOptions with_code_page(unsigned code_page) {
  RegReadOptions options;
  options.file_name = "test.reg";
  options.code_page = code_page;
  return options;
}

}  // namespace

TEST_CASE("Reg reader: Windows 3.1 REGEDIT files set default values of HKEY_CLASSES_ROOT keys",
          "[reg-reader]") {
  // As Windows 3.1's regedit wrote them (and as a sample still ships: a blank after the header,
  // and after each value, which is kept as Wine's importer keeps it).
  const Read r = read_ok(
      "REGEDIT \r\n"
      "HKEY_CLASSES_ROOT\\CLSID\\{5e9ddec7-5767-11cf-beab-00aa006c3606} = Simple Server \r\n"
      "\r\n"
      "HKEY_CLASSES_ROOT\\.txt =txtfile\r\n"
      "HKEY_CLASSES_ROOT\\txtfile\\shell\\open\\command =  notepad.exe %1\r\n"
      "HKEY_CLASSES_ROOT\\empty\r\n");
  CHECK(r.diagnostics.empty());
  CHECK(r.registry.get_value("HKEY_CLASSES_ROOT\\CLSID\\{5e9ddec7-5767-11cf-beab-00aa006c3606}",
                             "") == RegValue::sz("Simple Server "));
  CHECK(r.registry.get_value("HKEY_CLASSES_ROOT\\.txt", "") == RegValue::sz("txtfile"));
  // The key name ends at the first blank, not at '=' (Wine's parse_win31_line_state).
  CHECK(read_ok("REGEDIT\nHKEY_CLASSES_ROOT\\a=b\n").registry.key_exists("HKEY_CLASSES_ROOT\\a=b"));
  // At most one blank after '=' is skipped: the rest is the value, backslashes and all.
  CHECK(r.registry.get_value("HKEY_CLASSES_ROOT\\txtfile\\shell\\open\\command", "") ==
        RegValue::sz(" notepad.exe %1"));
  CHECK(r.registry.get_value("HKEY_CLASSES_ROOT\\empty", "") == RegValue::sz(""));
  CHECK(r.registry.subkeys("HKEY_CLASSES_ROOT").size() == 4);

  // Read through the aliases an import uses: HKEY_CLASSES_ROOT is the scope's classes root.
  RegReadOptions options;
  options.root_aliases.emplace_back("HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER\\Software\\Classes");
  const Read aliased = read_ok("REGEDIT\nHKEY_CLASSES_ROOT\\.txt = txtfile\n", options);
  CHECK(aliased.registry.get_value("HKEY_CURRENT_USER\\Software\\Classes\\.txt", "") ==
        RegValue::sz("txtfile"));

  // Lines it cannot read are located errors, not dropped as Wine drops them.
  require_error("REGEDIT\r\n[HKEY_CLASSES_ROOT\\A]\r\n", 2, 1, "HKEY_CLASSES_ROOT\\key = value");
  require_error("REGEDIT\r\nHKEY_CURRENT_USER\\A = x\r\n", 2, 1, "HKEY_CLASSES_ROOT\\key = value");
  require_error("REGEDIT\r\nHKEY_CLASSES_ROOT\\A x\r\n", 2, 21, "expected '='");
  require_error("REGEDIT\r\nHKEY_CLASSES_ROOT = x\r\n", 2, 18, "key below HKEY_CLASSES_ROOT");
}

TEST_CASE("Reg reader: a header again mid-file (two files joined) is skipped with a warning",
          "[reg-reader]") {
  const std::string first = "[HKEY_CURRENT_USER\\A]\r\n@=\"a\"\r\n\r\n";
  const std::string second = "[HKEY_CURRENT_USER\\B]\r\n@=\"b\"\r\n";
  SECTION("UTF-16LE: the second file's BOM is a U+FEFF at the start of its header line") {
    const Read r = read_ok(utf16(v5 + first) + utf16(v5 + second));
    CHECK(r.registry.get_value("HKEY_CURRENT_USER\\B", "") == RegValue::sz("b"));
    const Diagnostic& w = only(r.diagnostics, "reg-repeated-header");
    CHECK(w.severity == Severity::warning);
    CHECK(w.location.line == 5);
  }
  SECTION("8-bit: REGEDIT4 after a 5.00 header keeps the 5.00 rules (hex(2) is UTF-16LE)") {
    const Read r = read_ok(v5 + first + "REGEDIT4\r\n" + second + "\"e\"=hex(2):41,00,00,00\r\n");
    CHECK(r.registry.get_value("HKEY_CURRENT_USER\\A", "") == RegValue::sz("a"));
    CHECK(r.registry.get_value("HKEY_CURRENT_USER\\B", "e") == RegValue::expand_sz("A"));
    const Diagnostic& w = only(r.diagnostics, "reg-repeated-header");
    CHECK(w.location.line == 5);
    CHECK(w.message.find("'REGEDIT4'") != std::string::npos);
  }
  SECTION("Windows 3.1: REGEDIT again") {
    const Read r =
        read_ok("REGEDIT\r\nHKEY_CLASSES_ROOT\\.a = a\r\nREGEDIT\r\nHKEY_CLASSES_ROOT\\.b = b\r\n");
    CHECK(r.registry.get_value("HKEY_CLASSES_ROOT\\.b", "") == RegValue::sz("b"));
    CHECK(only(r.diagnostics, "reg-repeated-header").location.line == 3);
  }
}

TEST_CASE("Reg reader: BOM-less 8-bit text is read in the code page asked for", "[reg-reader]") {
  // "При" (Russian) in Windows-1251 and in OEM 866, "é" in OEM 437.
  const std::string cyrillic = "\xD0\x9F\xD1\x80\xD0\xB8";
  const std::string cp1251 =
      "REGEDIT4\r\n[HKEY_CURRENT_USER\\\xCF\xF0\xE8]\r\n@=\"\xCF\xF0\xE8\"\r\n";
  const std::string cp866 =
      "REGEDIT4\r\n[HKEY_CURRENT_USER\\\x8F\xE0\xA8]\r\n@=\"\x8F\xE0\xA8\"\r\n";
  CHECK(read_ok(cp1251, with_code_page(1251))
            .registry.get_value("HKEY_CURRENT_USER\\" + cyrillic, "") == RegValue::sz(cyrillic));
  CHECK(read_ok(cp866, with_code_page(866))
            .registry.get_value("HKEY_CURRENT_USER\\" + cyrillic, "") == RegValue::sz(cyrillic));
  CHECK(read_ok("REGEDIT4\r\n[HKCU\\A]\r\n@=\"caf\x82\"\r\n", with_code_page(437))
            .registry.get_value("HKEY_CURRENT_USER\\A", "") == RegValue::sz("caf\xC3\xA9"));
  // REGEDIT4's 8-bit string data too.
  CHECK(read_ok("REGEDIT4\r\n[HKCU\\A]\r\n\"e\"=hex(2):e0,00\r\n", with_code_page(1251))
            .registry.get_value("HKEY_CURRENT_USER\\A", "e") == RegValue::expand_sz("\xD0\xB0"));
  // A BOM names the encoding: the code page does not apply.
  CHECK(read_ok(utf16(v5 + "[HKCU\\A]\r\n@=\"\xC3\xA9\"\r\n"), with_code_page(1251))
            .registry.get_value("HKEY_CURRENT_USER\\A", "") == RegValue::sz("\xC3\xA9"));

  SECTION("by default, UTF-8 when it is; else Windows-1252 with a warning that says why") {
    const Read utf8 = read_ok("REGEDIT4\r\n[HKCU\\" + cyrillic + "]\r\n");
    CHECK(utf8.registry.key_exists("HKEY_CURRENT_USER\\" + cyrillic));
    CHECK(utf8.diagnostics.empty());

    const Read cyr = read_ok(cp1251);
    CHECK(cyr.registry.key_exists("HKEY_CURRENT_USER\\\xC3\x8F\xC3\xB0\xC3\xA8"));  // "Ïðè"
    const Diagnostic& w = only(cyr.diagnostics, "reg-codepage");
    CHECK(w.severity == Severity::warning);
    CHECK(w.location.line == 2);
    CHECK(w.location.column == 20);
    CHECK(w.message.find("byte 0xCF is not UTF-8") != std::string::npos);
    CHECK(w.message.find("Windows-1252") != std::string::npos);
    CHECK(w.hint.find("Cyrillic (--codepage 1251 or 866)") != std::string::npos);

    // Bytes 1252 has no character for point to a DOS code page.
    const Read dos_read = read_ok("REGEDIT4\r\n[HKCU\\A]\r\n@=\"a\x8F\"\r\n");
    const Diagnostic& dos = only(dos_read.diagnostics, "reg-codepage");
    CHECK(dos.hint.find("byte 0x8F (line 3) has no character in Windows-1252") !=
          std::string::npos);
    // Single accented letters fit Windows-1252.
    const Read latin_read = read_ok("REGEDIT4\r\n[HKCU\\Caf\xE9]\r\n");
    const Diagnostic& latin = only(latin_read.diagnostics, "reg-codepage");
    CHECK(latin.hint.find("fit Windows-1252") != std::string::npos);
  }
  SECTION("65001: bytes that are not UTF-8 are a located error") {
    Read r = read("REGEDIT4\r\n[HKCU\\A]\r\n@=\"caf\xE9\"\r\n", with_code_page(65001));
    CHECK_FALSE(r.ok);
    const Diagnostic& e = only(r.diagnostics, "reg-codepage");
    CHECK(e.severity == Severity::error);
    CHECK(e.location.line == 3);
    CHECK(e.location.column == 7);
  }
  CHECK(is_supported_code_page(1250));
  CHECK(is_supported_code_page(866));
  CHECK(is_supported_code_page(65001));
  CHECK_FALSE(is_supported_code_page(0));
  CHECK_FALSE(is_supported_code_page(1200));
  CHECK(supported_code_pages().find("1251 (Cyrillic)") != std::string::npos);
}
