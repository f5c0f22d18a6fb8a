// The .reg writer against the form regedit exports, byte for byte.
#include <catch2/catch.hpp>
#include <string>

#include "comreg/description/description_loader.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/model/sddl.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "core/utf.hpp"
#include "support/plan_builders.hpp"

namespace {

comreg::Plan plan_with(std::vector<comreg::Operation> ops,
                       comreg::PlanOptions options = {comreg::Scope::user, comreg::View::v64}) {
  return comreg::Plan{options, std::move(ops), {}};
}

using comreg::testing::key;
using comreg::testing::value;

std::string utf16(std::string_view text) {
  std::string out = "\xFF\xFE";
  comreg::text::append_utf16le(out, text);
  return out;
}

std::string v5(const comreg::Plan& plan, bool uninstall = false) {
  auto r = comreg::write_reg(plan, {comreg::RegFormat::v5, uninstall});
  REQUIRE_FALSE(r.diagnostics.has_errors());
  return r.bytes;
}

const char* const header = "Windows Registry Editor Version 5.00\r\n";
const char* const root = "HKEY_CURRENT_USER\\Software\\Classes";

}  // namespace

TEST_CASE("RegWriter: v5 header, BOM, sections and CRLF as regedit exports them", "[reg]") {
  const auto plan =
      plan_with({key("CLSID\\{X}"), value("CLSID\\{X}", "", comreg::RegValue::sz("Widget")),
                 key("CLSID\\{X}\\Programmable")});
  const std::string expected = std::string(header) + "\r\n[" + root + "\\CLSID\\{X}]\r\n" +
                               "@=\"Widget\"\r\n\r\n[" + root +
                               "\\CLSID\\{X}\\Programmable]\r\n\r\n";
  const std::string bytes = v5(plan);
  CHECK(bytes.substr(0, 2) == "\xFF\xFE");
  CHECK(bytes == utf16(expected));
}

TEST_CASE("RegWriter: string escaping in names and data", "[reg]") {
  const auto plan = plan_with(
      {key("K"), value("K", "na\"me\\x", comreg::RegValue::sz("C:\\Program Files\\\"q\"")),
       value("K", "lines", comreg::RegValue::sz("a\r\nb"))});
  const auto r = comreg::write_reg(plan, {comreg::RegFormat::regedit4, false});
  CHECK(r.bytes ==
        "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\Classes\\K]\r\n"
        "\"na\\\"me\\\\x\"=\"C:\\\\Program Files\\\\\\\"q\\\"\"\r\n"
        "\"lines\"=\"a\\r\\nb\"\r\n\r\n");
}

TEST_CASE("RegWriter: every value type in regedit's form", "[reg]") {
  const auto plan = plan_with({
      key("K"),
      value("K", "d", comreg::RegValue::dword(0xB)),
      value("K", "q", comreg::RegValue::qword(0x0102030405060708ull)),
      value("K", "e", comreg::RegValue::expand_sz("%S%")),
      value("K", "m", comreg::RegValue::multi_sz({"a", "b"})),
      value("K", "b", comreg::RegValue::binary({0x01, 0xAB})),
      value("K", "empty", comreg::RegValue::binary({})),
      value("K", "none", comreg::RegValue::from_raw(comreg::RegType::none, {0x00})),
  });
  const std::string expected = std::string(header) + "\r\n[" + root + "\\K]\r\n" +
                               "\"d\"=dword:0000000b\r\n"
                               "\"q\"=hex(b):08,07,06,05,04,03,02,01\r\n"
                               "\"e\"=hex(2):25,00,53,00,25,00,00,00\r\n"
                               "\"m\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"
                               "\"b\"=hex:01,ab\r\n"
                               "\"empty\"=hex:\r\n"
                               "\"none\"=hex(0):00\r\n\r\n";
  CHECK(v5(plan) == utf16(expected));
}

TEST_CASE("RegWriter: REGEDIT4 strings in hex(2)/hex(7) are 8-bit", "[reg]") {
  const auto plan = plan_with({key("K"), value("K", "e", comreg::RegValue::expand_sz("%S%")),
                               value("K", "m", comreg::RegValue::multi_sz({"a"}))});
  const auto r = comreg::write_reg(plan, {comreg::RegFormat::regedit4, false});
  CHECK(r.bytes ==
        "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\Classes\\K]\r\n"
        "\"e\"=hex(2):25,53,25,00\r\n\"m\"=hex(7):61,00,00\r\n\r\n");
}

TEST_CASE("RegWriter: hex wrapping matches a real Windows export", "[reg][sddl]") {
  // HKLM\SOFTWARE\Microsoft\Ole DefaultLaunchPermission as exported by regedit on Windows,
  // published in a public troubleshooting note; its SDDL is the Windows default.
  const auto sd =
      comreg::sddl_to_security_descriptor("O:BAG:BAD:(A;;0x1f;;;BA)(A;;0x1f;;;IU)(A;;0x1f;;;SY)");
  REQUIRE(sd.ok());
  const auto plan = plan_with(
      {key("K"), value("K", "DefaultLaunchPermission", comreg::RegValue::binary(sd.descriptor))});
  const std::string expected =
      std::string(header) + "\r\n[" + root + "\\K]\r\n" +
      "\"DefaultLaunchPermission\"=hex:01,00,04,80,5c,00,00,00,6c,00,00,00,00,00,00,00,\\\r\n"
      "  14,00,00,00,02,00,48,00,03,00,00,00,00,00,18,00,1f,00,00,00,01,02,00,00,00,\\\r\n"
      "  00,00,05,20,00,00,00,20,02,00,00,00,00,14,00,1f,00,00,00,01,01,00,00,00,00,\\\r\n"
      "  00,05,04,00,00,00,00,00,14,00,1f,00,00,00,01,01,00,00,00,00,00,05,12,00,00,\\\r\n"
      "  00,01,02,00,00,00,00,00,05,20,00,00,00,20,02,00,00,01,02,00,00,00,00,00,05,\\\r\n"
      "  20,00,00,00,20,02,00,00\r\n\r\n";
  CHECK(v5(plan) == utf16(expected));
}

TEST_CASE("RegWriter: wrapping boundary for the default value", "[reg]") {
  // "@=" (2) + "hex:" (4) = 6; each byte but the last adds 3: the line breaks after the byte
  // whose comma brings the count to 77, i.e. after 24 bytes.
  std::vector<std::uint8_t> bytes(25, 0xAA);
  const auto plan = plan_with({key("K"), value("K", "", comreg::RegValue::binary(bytes))});
  std::string line1 = "@=hex:";
  for (int i = 0; i < 24; ++i) line1 += "aa,";
  const std::string expected =
      std::string(header) + "\r\n[" + root + "\\K]\r\n" + line1 + "\\\r\n  aa\r\n\r\n";
  CHECK(v5(plan) == utf16(expected));
  // One byte less: the last byte has no comma, so the line stays whole.
  bytes.resize(24);
  const auto short_plan = plan_with({key("K"), value("K", "", comreg::RegValue::binary(bytes))});
  std::string whole = "@=hex:";
  for (int i = 0; i < 23; ++i) whole += "aa,";
  CHECK(v5(short_plan) ==
        utf16(std::string(header) + "\r\n[" + root + "\\K]\r\n" + whole + "aa\r\n\r\n"));
}

TEST_CASE("RegWriter: non-ASCII text in v5, refused in REGEDIT4", "[reg]") {
  const auto plan =
      plan_with({key("K"), value("K", "", comreg::RegValue::sz("Caf\xC3\xA9 \xF0\x9F\x98\x80"))});
  const std::string bytes = v5(plan);
  // é is U+00E9; 😀 is the surrogate pair D83D DE00.
  CHECK(bytes.find(std::string("\xE9\x00 \x00\x3D\xD8\x00\xDE", 8)) != std::string::npos);
  const auto r4 = comreg::write_reg(plan, {comreg::RegFormat::regedit4, false});
  CHECK(r4.bytes.empty());
  REQUIRE(r4.diagnostics.size() == 1);
  CHECK(r4.diagnostics.items()[0].code == "non-ascii-regedit4");
}

TEST_CASE("RegWriter: a NUL inside a string is refused, never written", "[reg][injection]") {
  const auto plan =
      plan_with({key("K"), value("K", "", comreg::RegValue::sz(std::string("a\0b", 3)))});
  const auto r = comreg::write_reg(plan, {});
  CHECK(r.bytes.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics.items()[0].code == "unrepresentable-value");
}

TEST_CASE("RegWriter: machine scope and the 32-bit view", "[reg]") {
  const auto plan = plan_with({key("CLSID\\{X}"), key("Interface\\{I}"), key("Contoso.Widget")},
                              {comreg::Scope::machine, comreg::View::v32});
  const auto r = comreg::write_reg(plan, {comreg::RegFormat::regedit4, false});
  CHECK(r.bytes ==
        "REGEDIT4\r\n"
        "\r\n[HKEY_LOCAL_MACHINE\\Software\\Classes\\Wow6432Node\\CLSID\\{X}]\r\n"
        "\r\n[HKEY_LOCAL_MACHINE\\Software\\Classes\\Wow6432Node\\Interface\\{I}]\r\n"
        "\r\n[HKEY_LOCAL_MACHINE\\Software\\Classes\\Contoso.Widget]\r\n\r\n");
}

TEST_CASE("RegWriter: uninstall removes owned trees and only our values in shared keys", "[reg]") {
  using comreg::Ownership;
  const auto plan = plan_with({
      key("CLSID\\{X}"),
      key("CLSID\\{X}\\InprocServer32"),
      value("CLSID\\{X}\\InprocServer32", "", comreg::RegValue::sz("x.dll")),
      key("Contoso.Widget"),
      key("Component Categories\\{C}", Ownership::shared),
      value("Component Categories\\{C}", "409", comreg::RegValue::sz("Widgets"), Ownership::shared),
      key("TypeLib\\{L}", Ownership::shared),
      key("TypeLib\\{L}\\1.0"),
  });
  const auto r = comreg::write_reg(plan, {comreg::RegFormat::regedit4, true});
  CHECK(r.bytes ==
        "REGEDIT4\r\n"
        "\r\n[-HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{X}]\r\n"
        "\r\n[-HKEY_CURRENT_USER\\Software\\Classes\\Contoso.Widget]\r\n"
        "\r\n[-HKEY_CURRENT_USER\\Software\\Classes\\TypeLib\\{L}\\1.0]\r\n"
        "\r\n[HKEY_CURRENT_USER\\Software\\Classes\\Component Categories\\{C}]\r\n"
        "\"409\"=-\r\n\r\n");
}

TEST_CASE("RegWriter: uninstall keeps a tree another product may register, and says so", "[reg]") {
  using comreg::testing::shareable_key;
  const auto ops = [](bool shareable) {
    const std::string a = "AppID\\{A}", i = "Interface\\{I}";
    return std::vector<comreg::Operation>{
        key("CLSID\\{X}"),
        shareable ? shareable_key(a) : key(a),
        value(a, "", comreg::RegValue::sz("Host")),
        value(a, "DllSurrogate", comreg::RegValue::sz("")),
        shareable ? shareable_key(i) : key(i),
        value(i, "", comreg::RegValue::sz("IWidget")),
        key(i + "\\ProxyStubClsid32"),
        value(i + "\\ProxyStubClsid32", "", comreg::RegValue::sz("{P}")),
    };
  };
  // Only the values this plan set go; the keys stay, with a comment regedit skips.
  const auto shared =
      comreg::write_reg(plan_with(ops(true), {comreg::Scope::user, comreg::View::v32}),
                        {comreg::RegFormat::regedit4, true});
  CHECK(shared.bytes ==
        "REGEDIT4\r\n"
        "\r\n[-HKEY_CURRENT_USER\\Software\\Classes\\Wow6432Node\\CLSID\\{X}]\r\n"
        "\r\n; kept: another product may register AppID\\{A} too (\"exclusive\" in the "
        "description deletes it)"
        "\r\n[HKEY_CURRENT_USER\\Software\\Classes\\AppID\\{A}]\r\n"
        "@=-\r\n\"DllSurrogate\"=-\r\n"
        "\r\n; kept: another product may register Wow6432Node\\Interface\\{I} too (\"exclusive\" "
        "in the description deletes it)"
        "\r\n[HKEY_CURRENT_USER\\Software\\Classes\\Wow6432Node\\Interface\\{I}]\r\n"
        "@=-\r\n"
        "\r\n[HKEY_CURRENT_USER\\Software\\Classes\\Wow6432Node\\Interface\\{I}\\ProxyStubClsid32]"
        "\r\n@=-\r\n\r\n");
  // Exclusive (not shareable): deleted whole, as before.
  const auto exclusive =
      comreg::write_reg(plan_with(ops(false)), {comreg::RegFormat::regedit4, true});
  CHECK(exclusive.bytes ==
        "REGEDIT4\r\n"
        "\r\n[-HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{X}]\r\n"
        "\r\n[-HKEY_CURRENT_USER\\Software\\Classes\\AppID\\{A}]\r\n"
        "\r\n[-HKEY_CURRENT_USER\\Software\\Classes\\Interface\\{I}]\r\n\r\n");
  // The install file does not depend on it.
  CHECK(v5(plan_with(ops(true))) == v5(plan_with(ops(false))));
}

namespace {

// Two products in one surrogate: each its own class, both the same AppID and interface.
std::string product(const std::string& name, const std::string& clsid, bool exclusive) {
  const std::string flag = exclusive ? ", \"exclusive\": true" : "";
  return R"({ "comreg": 1, "assembly": { "name": ")" + name + R"(", "version": "1.0.0.0" },
    "servers": [ { "kind": "surrogate", "path": "C:\\)" +
         name + R"(.dll", "classes": [
      { "clsid": ")" +
         clsid + R"(", "appid": "{0C000000-0000-4000-8000-000000000001}" } ] } ],
    "appids": [ { "appid": "{0C000000-0000-4000-8000-000000000001}", "name": "Host")" +
         flag + R"( } ],
    "interfaces": [ { "iid": "{0E000000-0000-4000-8000-000000000001}", "name": "IShared",
      "proxyStub": "{00020424-0000-0000-C000-000000000046}")" +
         flag + R"( } ] })";
}

std::string reg_of(const std::string& description, bool uninstall) {
  auto loaded = comreg::load_description(description, "p.json", {});
  REQUIRE(loaded.description);
  const auto plan =
      comreg::make_plan(*loaded.description, {comreg::Scope::user, comreg::View::v64});
  auto r = comreg::write_reg(plan, {comreg::RegFormat::v5, uninstall});
  REQUIRE_FALSE(r.diagnostics.has_errors());
  return r.bytes;
}

void import(comreg::MemoryBackend& registry, const std::string& bytes) {
  comreg::Diagnostics diagnostics;
  const bool read = comreg::read_reg(bytes, {"x.reg", {}, {}}, registry, diagnostics);
  INFO(comreg::format_diagnostics_json(diagnostics));
  REQUIRE(read);
}

}  // namespace

TEST_CASE("RegWriter: one product's uninstall .reg leaves the keys it shares with another",
          "[reg]") {
  const std::string classes = "HKEY_CURRENT_USER\\Software\\Classes\\";
  const std::string a_clsid = "{0A000000-0000-4000-8000-000000000001}";
  const std::string b_clsid = "{0B000000-0000-4000-8000-000000000002}";
  const std::string appid = classes + "AppID\\{0C000000-0000-4000-8000-000000000001}";
  const std::string iid = classes + "Interface\\{0E000000-0000-4000-8000-000000000001}";
  for (const bool exclusive : {false, true}) {
    CAPTURE(exclusive);
    const std::string a = product("A", a_clsid, exclusive), b = product("B", b_clsid, false);
    comreg::MemoryBackend registry;
    import(registry, reg_of(a, false));
    import(registry, reg_of(b, false));
    import(registry, reg_of(a, true));  // A goes; B stays
    CHECK_FALSE(registry.key_exists(classes + "CLSID\\" + a_clsid));
    CHECK(registry.key_exists(classes + "CLSID\\" + b_clsid + "\\InprocServer32"));
    // Shareable: the keys stay, without the values A set (which B had set the same way).
    // Exclusive: A said no one else registers them, so they go.
    CHECK(registry.key_exists(appid) == !exclusive);
    CHECK(registry.key_exists(iid + "\\ProxyStubClsid32") == !exclusive);
    if (!exclusive) {
      CHECK(registry.value_names(appid).empty());
      CHECK(registry.value_names(iid + "\\ProxyStubClsid32").empty());
    }
  }
}

namespace {

// Collects what write_reg hands on, piece by piece.
class Chunks final : public comreg::ByteSink {
 public:
  void write(std::string_view bytes) override {
    text.append(bytes);
    ++count;
  }
  std::string text;
  int count = 0;
};

// Enough keys and values for several of the writer's chunks, with text that is escaped,
// non-ASCII (outside the BMP too) and binary, so every path of the writer crosses a chunk.
comreg::Plan large_plan(bool ascii_only) {
  std::vector<comreg::Operation> ops;
  const std::string name = ascii_only ? "Name \"quoted\" \\ path" : "Nom \xC3\xA9 \xF0\x9D\x84\x9E";
  for (int i = 0; i < 4000; ++i) {
    const std::string k = "CLSID\\{" + std::to_string(i) + "}\\InprocServer32";
    ops.push_back(key(k));
    ops.push_back(value(k, "", comreg::RegValue::sz(name + " " + std::to_string(i) + "\r\n")));
    ops.push_back(value(k, "ThreadingModel", comreg::RegValue::sz("Both")));
    ops.push_back(value(k, "Flags", comreg::RegValue::dword(static_cast<std::uint32_t>(i))));
    ops.push_back(value(k, "Path", comreg::RegValue::expand_sz("%SystemRoot%\\x" + name)));
  }
  return plan_with(std::move(ops));
}

}  // namespace

TEST_CASE("RegWriter: written into a sink, the same bytes arrive in several chunks", "[reg]") {
  for (const bool ascii_only : {true, false}) {
    const auto plan = large_plan(ascii_only);
    for (const auto format : {comreg::RegFormat::v5, comreg::RegFormat::regedit4}) {
      for (const bool uninstall : {false, true}) {
        const comreg::RegWriteOptions options{format, uninstall};
        const auto whole = comreg::write_reg(plan, options);
        Chunks chunks;
        const auto diagnostics = comreg::write_reg(plan, options, chunks);
        CHECK(diagnostics.has_errors() == whole.diagnostics.has_errors());
        CHECK(diagnostics.size() == whole.diagnostics.size());
        if (whole.diagnostics.has_errors()) continue;  // REGEDIT4 refuses the non-ASCII plan
        CHECK(chunks.text == whole.bytes);
        if (!uninstall) CHECK(chunks.count > 1);
      }
    }
  }
}

TEST_CASE("RegWriter: into a sink, a NUL inside a string is an error", "[reg][injection]") {
  const auto plan =
      plan_with({key("K"), value("K", "", comreg::RegValue::sz(std::string("a\0b", 3)))});
  Chunks chunks;
  const auto diagnostics = comreg::write_reg(plan, {}, chunks);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics.items()[0].code == "unrepresentable-value");
}

TEST_CASE("RegWriter: ASCII widened around non-ASCII characters at every place", "[reg]") {
  // The writer widens ASCII eight characters at a time: a character of two, three or four
  // bytes, and a lone ASCII tail, at every place of names and data of several lengths.
  for (const std::string other : {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "~"}) {
    for (std::size_t length = 0; length < 20; ++length) {
      for (std::size_t at = 0; at <= length; ++at) {
        std::string text;
        for (std::size_t i = 0; i < length; ++i) text += static_cast<char>('a' + i);
        text.insert(at, other);
        const std::string name = "N" + text;
        const auto plan =
            plan_with({key("K\\" + text), value("K\\" + text, name, comreg::RegValue::sz(text))});
        INFO(text);
        CHECK(v5(plan) == utf16(std::string(header) + "\r\n[" + root + "\\K\\" + text + "]\r\n\"" +
                                name + "\"=\"" + text + "\"\r\n\r\n"));
      }
    }
  }
}
