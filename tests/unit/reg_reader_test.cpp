// The .reg reader: every construct regedit writes or reads, each encoding and line end,
// malformed input with its exact line, filtered reads, and round trips of comreg's own output.
#include <catch2/catch.hpp>
#include <string>

#include "comreg/apply.hpp"
#include "comreg/description_loader.hpp"
#include "comreg/memory_backend.hpp"
#include "comreg/reg_reader.hpp"
#include "comreg/reg_writer.hpp"
#include "support/test_files.hpp"
#include "text/utf.hpp"

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

Read read(std::string_view bytes, RegReadOptions options = {}) {
  Read r;
  if (options.file_name.empty()) options.file_name = "test.reg";
  r.ok = read_reg(bytes, options, r.registry, r.diagnostics);
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
    }
  }
}
