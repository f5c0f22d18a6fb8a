// The installer writers on small hand-made plans: each format's escaping, types, uninstall
// rules and views; the name-based GUIDs and symbolic placeholders they rely on.
#include <catch2/catch.hpp>
#include <string>

#include "comreg/description/description_loader.hpp"
#include "comreg/emit/installer_writers.hpp"
#include "emit/name_based_guid.hpp"
#include "support/plan_builders.hpp"

namespace {

using comreg::testing::key;
using comreg::testing::value;

// An owned class with every value type, and a shared type library key with one value.
comreg::Plan sample_plan(comreg::PlanOptions options = {comreg::Scope::machine,
                                                        comreg::View::v64}) {
  const std::string c = "CLSID\\{11111111-2222-3333-4444-555555555555}";
  return comreg::Plan{
      options,
      {key(c), value(c, "", comreg::RegValue::sz("It's a \"[test]\" {x} 100%")),
       value(c, "Expand", comreg::RegValue::expand_sz("%SystemRoot%\\x.dll")),
       value(c, "Flags", comreg::RegValue::dword(0x2A)),
       value(c, "Big", comreg::RegValue::qword(0x100000000ULL)),
       value(c, "Bytes", comreg::RegValue::binary({0x00, 0x0f, 0xff})),
       value(c, "List", comreg::RegValue::multi_sz({"a", "b c"})), key(c + "\\Programmable"),
       key("TypeLib\\{AAAAAAAA-2222-3333-4444-555555555555}", comreg::Ownership::shared),
       value("TypeLib\\{AAAAAAAA-2222-3333-4444-555555555555}", "Owner", comreg::RegValue::sz("me"),
             comreg::Ownership::shared),
       key("TypeLib\\{AAAAAAAA-2222-3333-4444-555555555555}\\1.0"),
       value("TypeLib\\{AAAAAAAA-2222-3333-4444-555555555555}\\1.0", "",
             comreg::RegValue::sz("Lib"))},
      {}};
}

// A class, and an AppID and an interface with a subkey that another product may register too
// (or, with `exclusive`, that this one alone registers).
comreg::Plan shareable_plan(bool exclusive) {
  using comreg::testing::shareable_key;
  const std::string c = "CLSID\\{11111111-2222-3333-4444-555555555555}";
  const std::string a = "AppID\\{BBBBBBBB-2222-3333-4444-555555555555}";
  const std::string i = "Interface\\{CCCCCCCC-2222-3333-4444-555555555555}";
  return comreg::Plan{
      {comreg::Scope::machine, comreg::View::v64},
      {key(c), value(c, "", comreg::RegValue::sz("Widget")), exclusive ? key(a) : shareable_key(a),
       value(a, "", comreg::RegValue::sz("Host")),
       value(a, "AuthenticationLevel", comreg::RegValue::dword(6)),
       exclusive ? key(i) : shareable_key(i), value(i, "", comreg::RegValue::sz("IWidget")),
       key(i + "\\ProxyStubClsid32"),
       value(i + "\\ProxyStubClsid32", "", comreg::RegValue::sz("{P}"))},
      {}};
}

bool contains(const std::string& text, const std::string& part) {
  INFO(text);
  return text.find(part) != std::string::npos;
}

// Two values holding `path`, whose ${installdir} (at its start) the description kept symbolic.
comreg::Plan symbolic_plan(const std::string& path) {
  const std::string c = "CLSID\\{1}";
  comreg::Plan plan{{comreg::Scope::machine, comreg::View::v64},
                    {key(c), value(c, "", comreg::RegValue::sz(path)),
                     value(c, "Again", comreg::RegValue::sz(path))},
                    {}};
  for (const std::uint32_t op : {1u, 2u}) {
    comreg::SymbolicValue v;
    v.op = op;
    v.placeholders.push_back({0, 13, "installdir"});
    plan.symbolic.push_back(v);
  }
  return plan;
}

}  // namespace

TEST_CASE("SHA-1 and name-based GUIDs follow FIPS 180-4 and RFC 4122", "[installers]") {
  const std::string digest = comreg::sha1("abc");
  std::string hex;
  for (const char c : digest) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(c));
    hex += buf;
  }
  CHECK(hex == "a9993e364706816aba3e25717850c26c9cd0d89d");
  const auto hex_of = [](const std::string& d) {
    std::string h;
    for (const char c : d) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(c));
      h += buf;
    }
    return h;
  };
  // FIPS 180-2 appendix A's two-block and million-'a' messages.
  CHECK(hex_of(comreg::sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(hex_of(comreg::sha1(std::string(1000000, 'a'))) ==
        "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  // Every way the padding can fall (its 0x80 and length in the last block or in one more),
  // against Python's hashlib.sha1 of the bytes (i * 7 + 3) mod 256.
  const std::pair<std::size_t, const char*> lengths[] = {
      {0, "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
      {1, "9842926af7ca0a8cca12604f945414f07b01e13d"},
      {55, "ddf57317ef34bfee3b6df83d359098930eb278bc"},
      {56, "a0d492bb0fc889d0eca3bc137066ab6f4f74f369"},
      {63, "c55856749bef509bdfe6bfebfc7bf4e793e82132"},
      {64, "bede92be29c3874e1b54ddc77988d606fc857a8e"},
      {65, "b05a80522b053d6dc7e0a517d0e70212c7dad11f"},
      {119, "504e27376a6e0f0dba8295b85cb25dc4dfa17d23"},
      {120, "82134b02fb3f702491be9bed581eeab59334acb2"},
      {127, "34d5e582029e9b9b85b2febe31da3db7cdabaaea"},
      {128, "a09133e6730ffe899efb70204cb5646cd5dc24ee"},
      {1000, "4231a8a50a10fa9758db8ec71fdef855b751048a"}};
  for (const auto& [n, expected] : lengths) {
    std::string message;
    for (std::size_t i = 0; i < n; ++i) message += static_cast<char>((i * 7 + 3) % 256);
    INFO(n << " bytes");
    CHECK(hex_of(comreg::sha1(message)) == expected);
  }
  // RFC 4122's DNS namespace and "www.example.com" (the well-known v5 example).
  CHECK(comreg::name_based_guid("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}", "www.example.com") ==
        "{2ED6657D-E927-568B-95E1-2665A8AEA6A2}");
}

TEST_CASE("Symbolic placeholders become each format's reference", "[installers]") {
  // Only the spans the plan records are placeholders: "${other}" is text, escaped as such.
  const comreg::Plan plan = symbolic_plan("${installdir}\\x.dll ${other}[{%}]");
  comreg::InstallerWriteOptions options;
  options.references = {{"installdir", "INSTALLFOLDER"}};
  const auto wix = comreg::write_wix(plan, options);
  REQUIRE_FALSE(wix.diagnostics.has_errors());
  // The directory property ends with a backslash: the one after the placeholder goes.
  CHECK(contains(wix.text, "Value=\"[INSTALLFOLDER]x.dll ${other}[\\[]{%}[\\]]\""));
  options.references = {{"installdir", "app"}};
  const auto inno = comreg::write_inno(plan, options);
  REQUIRE_FALSE(inno.diagnostics.has_errors());
  CHECK(contains(inno.text, "ValueData: \"{app}\\x.dll ${{other}[{{%}]\""));
  options.references = {{"installdir", "INSTALLDIR"}};
  const auto rgs = comreg::write_rgs(plan, options);
  REQUIRE_FALSE(rgs.diagnostics.has_errors());
  CHECK(contains(rgs.text, "= s '%INSTALLDIR%\\x.dll ${other}[{%%}]'"));
  // GPP has no install folder to refer to.
  const auto gpp = comreg::write_gpp(plan, options);
  REQUIRE(gpp.diagnostics.has_errors());
  CHECK(gpp.diagnostics.items()[0].code == "undefined-placeholder");
}

TEST_CASE("WiX: types, Formatted escaping, ownership and bitness", "[installers]") {
  comreg::Plan plan = sample_plan();
  plan.ops.erase(plan.ops.begin() + 4);  // the QWORD, which WiX cannot write
  const auto r = comreg::write_wix(plan, {});
  REQUIRE_FALSE(r.diagnostics.has_errors());
  // Brackets would be property references in MSI's Formatted columns.
  CHECK(contains(r.text, "Value=\"It&apos;s a &quot;[\\[]test[\\]]&quot; {x} 100%\""));
  CHECK(contains(r.text, "Name=\"Expand\" Type=\"expandable\" Value=\"%SystemRoot%\\x.dll\""));
  CHECK(contains(r.text, "Name=\"Flags\" Type=\"integer\" Value=\"42\""));
  CHECK(contains(r.text, "Name=\"Bytes\" Type=\"binary\" Value=\"000FFF\""));
  CHECK(contains(r.text, "<MultiStringValue Value=\"a\"/>"));
  CHECK(contains(r.text, "<MultiStringValue Value=\"b c\"/>"));
  CHECK(contains(r.text, "Bitness=\"always64\""));
  CHECK(contains(r.text,
                 "Key=\"Software\\Classes\\CLSID\\{11111111-2222-3333-4444-555555555555}\" "
                 "ForceDeleteOnUninstall=\"yes\""));
  CHECK(contains(r.text, "\\Programmable\" ForceCreateOnInstall=\"yes\"/>"));
  // The shared key is not deleted wholesale: MSI removes only its own values from it.
  CHECK(contains(r.text,
                 "Key=\"Software\\Classes\\TypeLib\\{AAAAAAAA-2222-3333-4444-555555555555}\">"));
}

TEST_CASE("WiX v3: the v4 fragment in v3's words, with the same components", "[installers]") {
  comreg::Plan plan = sample_plan();
  plan.ops.erase(plan.ops.begin() + 4);  // the QWORD
  comreg::InstallerWriteOptions v3;
  v3.wix_schema = comreg::WixSchema::v3;
  const auto r = comreg::write_wix(plan, v3);
  REQUIRE_FALSE(r.diagnostics.has_errors());
  CHECK(contains(r.text, "<Wix xmlns=\"http://schemas.microsoft.com/wix/2006/wi\">"));
  CHECK_FALSE(contains(r.text, "wixtoolset.org"));
  // Win64 for Bitness, in the same place; the multi-string's strings as element text.
  CHECK(contains(r.text, "\" Win64=\"yes\">"));
  CHECK_FALSE(contains(r.text, "Bitness"));
  CHECK(contains(r.text, "<MultiStringValue>a</MultiStringValue>"));
  CHECK(contains(r.text, "<MultiStringValue>b c</MultiStringValue>"));
  // The rest as in v4: types, Formatted escaping, the flags (v3's RegistryKey has them too).
  CHECK(contains(r.text, "Value=\"It&apos;s a &quot;[\\[]test[\\]]&quot; {x} 100%\""));
  CHECK(contains(r.text, "Name=\"Bytes\" Type=\"binary\" Value=\"000FFF\""));
  CHECK(contains(r.text, "\\Programmable\" ForceCreateOnInstall=\"yes\"/>"));
  CHECK(contains(r.text, "ForceDeleteOnUninstall=\"yes\""));
  // Translating back the three differences gives the v4 text byte for byte: nothing else
  // differs, so the component GUIDs are the same in both schemas.
  const auto v4 = comreg::write_wix(plan, {});
  std::string back = r.text;
  const auto swap = [&back](const std::string& from, const std::string& to) {
    for (auto at = back.find(from); at != std::string::npos; at = back.find(from, at + to.size()))
      back.replace(at, from.size(), to);
  };
  swap("http://schemas.microsoft.com/wix/2006/wi", "http://wixtoolset.org/schemas/v4/wxs");
  swap("Win64=\"yes\"", "Bitness=\"always64\"");
  swap("<MultiStringValue>a</MultiStringValue>", "<MultiStringValue Value=\"a\"/>");
  swap("<MultiStringValue>b c</MultiStringValue>", "<MultiStringValue Value=\"b c\"/>");
  CHECK(back == v4.text);
  comreg::Plan plan32 = sample_plan({comreg::Scope::user, comreg::View::v32});
  plan32.ops.erase(plan32.ops.begin() + 4);
  CHECK(contains(comreg::write_wix(plan32, v3).text, "Win64=\"no\""));
}

TEST_CASE("WiX refuses REG_QWORD and names the value", "[installers]") {
  auto plan = sample_plan();
  const auto r = comreg::write_wix(plan, {});
  // The sample plan's "Big" value is a QWORD.
  REQUIRE(r.diagnostics.has_errors());
  CHECK(r.text.empty());
  CHECK(r.diagnostics.items()[0].code == "unrepresentable-value");
  CHECK(contains(r.diagnostics.items()[0].message, "'Big'"));
}

TEST_CASE("WiX: 32-bit view and per-user scope, and a component GUID that follows the keys only",
          "[installers]") {
  comreg::Plan plan = sample_plan({comreg::Scope::user, comreg::View::v32});
  plan.ops.erase(plan.ops.begin() + 4);  // the QWORD
  const auto a = comreg::write_wix(plan, {});
  REQUIRE_FALSE(a.diagnostics.has_errors());
  CHECK(contains(a.text, "Bitness=\"always32\""));
  CHECK(contains(a.text, "Root=\"HKCU\" Key=\"Software\\Classes\\CLSID\\"));
  CHECK_FALSE(contains(a.text, "Wow6432Node"));  // MSI redirects by the component's bitness
  const auto guid_of = [](const std::string& text) {
    const auto at = text.find("Guid=\"");
    return text.substr(at + 6, 38);
  };
  comreg::Plan changed_data = plan;
  changed_data.ops[1].value = comreg::RegValue::sz("another name");
  CHECK(guid_of(comreg::write_wix(changed_data, {}).text) == guid_of(a.text));
  comreg::Plan changed_keys = plan;
  changed_keys.ops[1].name = "Renamed";
  CHECK(guid_of(comreg::write_wix(changed_keys, {}).text) != guid_of(a.text));
}

TEST_CASE("rgs: rooted at HKCR, or at the scope's classes when asked", "[installers]") {
  // The default: HKCR, the registrar's choice of per-user or per-machine classes.
  const auto hkcr = comreg::write_rgs(sample_plan(), {});
  REQUIRE_FALSE(hkcr.diagnostics.has_errors());
  CHECK(hkcr.text.rfind("HKCR\n{\n    NoRemove CLSID\n    {\n        ForceRemove {1111", 0) == 0);
  CHECK_FALSE(contains(hkcr.text, "Software"));
  comreg::InstallerWriteOptions scope;
  scope.rgs_root = comreg::RgsRoot::scope;
  const auto hklm = comreg::write_rgs(sample_plan(), scope);
  CHECK(hklm.text.rfind("HKLM\n{\n    NoRemove Software\n    {\n        NoRemove Classes\n", 0) ==
        0);
  const auto hkcu = comreg::write_rgs(sample_plan({comreg::Scope::user, comreg::View::v64}), scope);
  CHECK(hkcu.text.rfind("HKCU\n{\n    NoRemove Software\n    {\n        NoRemove Classes\n", 0) ==
        0);
  // The same keys below either root: HKCR's script is the other one, 8 columns to the left.
  std::string unindented;
  const std::string& t = hklm.text;
  const std::size_t body = t.find("            NoRemove CLSID");
  for (std::size_t at = body, end = 0; at < t.size(); at = end + 1) {
    end = t.find('\n', at);
    const std::string line = t.substr(at, end - at);
    if (line == "        }" || line == "    }") continue;  // Classes and Software close
    unindented += (line.size() >= 8 ? line.substr(8) : line) + "\n";
  }
  CHECK("HKCR\n{\n" + unindented == hkcr.text);
}

TEST_CASE("rgs: flags, quoting, % and value types", "[installers]") {
  comreg::InstallerWriteOptions scope;
  scope.rgs_root = comreg::RgsRoot::scope;
  const auto r = comreg::write_rgs(sample_plan(), scope);
  REQUIRE_FALSE(r.diagnostics.has_errors());
  CHECK(contains(r.text, "HKLM\n{\n    NoRemove Software\n    {\n        NoRemove Classes\n"));
  CHECK(contains(
      r.text,
      "ForceRemove {11111111-2222-3333-4444-555555555555} = s 'It''s a \"[test]\" {x} 100%%'"));
  CHECK(contains(r.text, "val Expand = e '%%SystemRoot%%\\x.dll'"));
  CHECK(contains(r.text, "val Flags = d '42'"));
  CHECK(contains(r.text, "val Big = q '4294967296'"));
  CHECK(contains(r.text, "val Bytes = b '000FFF'"));
  CHECK(contains(r.text, "val List = m 'a\\0b c'"));
  CHECK(contains(r.text, "NoRemove TypeLib\n"));
  CHECK(contains(r.text, "NoRemove {AAAAAAAA-2222-3333-4444-555555555555}\n"));
  CHECK(contains(r.text, "val Owner = s 'me'"));
  CHECK(contains(r.text, "            Programmable\n"));
}

TEST_CASE("rgs: one node per key whatever its spelling, children in the order first seen",
          "[installers]") {
  // Two classes with a ProgID each between them, the second class's key spelled in other case
  // by its subkey: the script has one CLSID block holding both classes, in plan order, each
  // class under the spelling first seen, then the ProgIDs.
  const std::string a = "CLSID\\{AAAAAAAA-0000-0000-0000-000000000001}";
  const std::string b = "CLSID\\{BBBBBBBB-0000-0000-0000-000000000002}";
  const comreg::Plan plan{{comreg::Scope::machine, comreg::View::v64},
                          {key(a), key(a + "\\InprocServer32"), key("Widget.A"),
                           value("Widget.A", "", comreg::RegValue::sz("A")), key(b),
                           key("clsid\\{bbbbbbbb-0000-0000-0000-000000000002}\\LocalServer32"),
                           value("CLSID\\{BBBBBBBB-0000-0000-0000-000000000002}\\localserver32", "",
                                 comreg::RegValue::sz("b.exe")),
                           key("Widget.B")},
                          {}};
  const auto r = comreg::write_rgs(plan, {});
  REQUIRE_FALSE(r.diagnostics.has_errors());
  CHECK(r.text ==
        "HKCR\n{\n"
        "    NoRemove CLSID\n    {\n"
        "        ForceRemove {AAAAAAAA-0000-0000-0000-000000000001}\n        {\n"
        "            InprocServer32\n        }\n"
        "        ForceRemove {BBBBBBBB-0000-0000-0000-000000000002}\n        {\n"
        "            LocalServer32 = s 'b.exe'\n        }\n"
        "    }\n"
        "    ForceRemove Widget.A = s 'A'\n"
        "    ForceRemove Widget.B\n"
        "}\n");
}

TEST_CASE("Inno Setup: escaping, views, flags", "[installers]") {
  const auto r = comreg::write_inno(sample_plan({comreg::Scope::machine, comreg::View::v32}), {});
  REQUIRE_FALSE(r.diagnostics.has_errors());
  const std::string c =
      "Root: HKLM32; Subkey: \"Software\\Classes\\CLSID\\{{11111111-2222-3333-4444-555555555555}\"";
  CHECK(contains(r.text, c + "; Flags: uninsdeletekey\n"));
  CHECK(contains(r.text, c + "; ValueType: string; ValueName: \"\"; ValueData: \"It's a "
                             "\"\"[test]\"\" {{x} 100%\"\n"));
  CHECK(contains(
      r.text,
      c + "; ValueType: expandsz; ValueName: \"Expand\"; ValueData: \"%SystemRoot%\\x.dll\"\n"));
  CHECK(contains(r.text, c + "; ValueType: dword; ValueName: \"Flags\"; ValueData: $0000002A\n"));
  CHECK(contains(r.text,
                 c + "; ValueType: qword; ValueName: \"Big\"; ValueData: $0000000100000000\n"));
  CHECK(
      contains(r.text, c + "; ValueType: binary; ValueName: \"Bytes\"; ValueData: \"00 0f ff\"\n"));
  CHECK(contains(r.text,
                 c + "; ValueType: multisz; ValueName: \"List\"; ValueData: \"a{break}b c\"\n"));
  CHECK(contains(
      r.text,
      "TypeLib\\{{AAAAAAAA-2222-3333-4444-555555555555}\"; Flags: uninsdeletekeyifempty\n"));
  CHECK(contains(r.text, "ValueName: \"Owner\"; ValueData: \"me\"; Flags: uninsdeletevalue\n"));
}

TEST_CASE("GPP: items, value forms, deterministic uids, uninstall", "[installers]") {
  comreg::InstallerWriteOptions options;
  options.name = "Test.Server";
  const auto r = comreg::write_gpp(sample_plan(), options);
  REQUIRE_FALSE(r.diagnostics.has_errors());
  CHECK(contains(r.text, "<RegistrySettings clsid=\"{A3CCFC41-DFDB-43a5-8D26-0FE8B954DA51}\">"));
  CHECK(contains(
      r.text,
      "<Collection clsid=\"{53B533F5-224C-47e3-B01B-CA3B3F3FF4BF}\" name=\"Test.Server\">"));
  CHECK(contains(r.text,
                 "default=\"1\" hive=\"HKEY_LOCAL_MACHINE\" "
                 "key=\"Software\\Classes\\CLSID\\{11111111-2222-3333-4444-555555555555}\" "
                 "name=\"\" type=\"REG_SZ\""));
  CHECK(contains(r.text, "name=\"Flags\" type=\"REG_DWORD\" value=\"0000002A\""));
  CHECK(contains(r.text, "name=\"Big\" type=\"REG_QWORD\" value=\"0000000100000000\""));
  CHECK(contains(r.text, "name=\"Bytes\" type=\"REG_BINARY\" value=\"00 0f ff\""));
  CHECK(contains(r.text, "type=\"REG_MULTI_SZ\" value=\"a b c\">"));
  CHECK(contains(r.text, "<Value>b c</Value>"));
  CHECK(contains(r.text, "changed=\"2000-01-01 00:00:00\""));
  CHECK_FALSE(contains(r.text, "action=\"D\""));
  CHECK(comreg::write_gpp(sample_plan(), options).text == r.text);
  // A value with a space in a multi-string list is written, with a warning about GPMC's view.
  CHECK(r.diagnostics.warning_count() == 1);

  options.uninstall = true;
  const auto u = comreg::write_gpp(sample_plan(), options);
  REQUIRE_FALSE(u.diagnostics.has_errors());
  CHECK_FALSE(contains(u.text, "action=\"U\""));
  // The owned root as one key item; the shared key keeps everything but its value.
  CHECK(contains(u.text,
                 "key=\"Software\\Classes\\CLSID\\{11111111-2222-3333-4444-555555555555}\" "
                 "name=\"\" type=\"\" value=\"\""));
  CHECK(contains(u.text, "name=\"Owner\" type=\"REG_SZ\" value=\"\""));
  // TypeLib\{…}\1.0 is owned below a shared key: a root of its own.
  CHECK(contains(u.text, "555555555555}\\1.0\" name=\"\" type=\"\" value=\"\""));
}

TEST_CASE("A placeholder without a reference is reported once, with the option to use",
          "[installers]") {
  const comreg::Plan plan = symbolic_plan("${installdir}\\x.dll");
  const std::pair<comreg::InstallerWriteResult (*)(const comreg::Plan&,
                                                   const comreg::InstallerWriteOptions&),
                  const char*>
      writers[] = {{comreg::write_wix, "--property"},
                   {comreg::write_rgs, "--variable"},
                   {comreg::write_inno, "--constant"}};
  for (const auto& [writer, option] : writers) {
    CAPTURE(option);
    const auto r = writer(plan, {});
    REQUIRE(r.diagnostics.error_count() == 1);
    CHECK(r.diagnostics.items()[0].code == "undefined-placeholder");
    CHECK(contains(r.diagnostics.items()[0].hint, option));
    CHECK(r.text.empty());
  }
}

TEST_CASE("rgs: a shareable tree is NoRemove throughout, an exclusive one ForceRemove",
          "[installers]") {
  comreg::InstallerWriteOptions scope;  // below HKLM\Software\Classes: the indentation below
  scope.rgs_root = comreg::RgsRoot::scope;
  const auto shared = comreg::write_rgs(shareable_plan(false), scope);
  REQUIRE_FALSE(shared.diagnostics.has_errors());
  // ATL's unregister keeps NoRemove keys and their default values, deletes their `val`s.
  CHECK(contains(shared.text, "NoRemove {BBBBBBBB-2222-3333-4444-555555555555} = s 'Host'\n"));
  CHECK(contains(shared.text, "val AuthenticationLevel = d '6'"));
  CHECK(contains(shared.text,
                 "NoRemove {CCCCCCCC-2222-3333-4444-555555555555} = s 'IWidget'\n"
                 "                {\n"
                 "                    NoRemove ProxyStubClsid32 = s '{P}'\n"));
  CHECK(contains(shared.text, "ForceRemove {11111111-2222-3333-4444-555555555555}"));
  const auto exclusive = comreg::write_rgs(shareable_plan(true), scope);
  CHECK(contains(exclusive.text, "ForceRemove {BBBBBBBB-2222-3333-4444-555555555555} = s 'Host'"));
  CHECK(contains(exclusive.text,
                 "ForceRemove {CCCCCCCC-2222-3333-4444-555555555555} = s 'IWidget'\n"
                 "                {\n"
                 "                    ProxyStubClsid32 = s '{P}'\n"));
}

TEST_CASE("Inno Setup: a shareable tree loses its values and goes only when empty",
          "[installers]") {
  const auto shared = comreg::write_inno(shareable_plan(false), {});
  REQUIRE_FALSE(shared.diagnostics.has_errors());
  const std::string a =
      "Root: HKLM64; Subkey: \"Software\\Classes\\AppID\\{{BBBBBBBB-2222-3333-4444-555555555555}\"";
  const std::string i =
      "Root: HKLM64; Subkey: "
      "\"Software\\Classes\\Interface\\{{CCCCCCCC-2222-3333-4444-555555555555}";
  CHECK(contains(shared.text, a + "; Flags: uninsdeletekeyifempty\n"));
  CHECK(contains(shared.text, a + "; ValueType: dword; ValueName: \"AuthenticationLevel\"; "
                                  "ValueData: $00000006; Flags: uninsdeletevalue\n"));
  CHECK(contains(shared.text, i + "\\ProxyStubClsid32\"; Flags: uninsdeletekeyifempty\n"));
  CHECK(contains(shared.text, i + "\\ProxyStubClsid32\"; ValueType: string; ValueName: \"\"; "
                                  "ValueData: \"{{P}\"; Flags: uninsdeletevalue\n"));
  CHECK_FALSE(contains(shared.text, a + "; Flags: uninsdeletekey\n"));
  CHECK_FALSE(contains(shared.text, i + "\"; Flags: uninsdeletekey\n"));
  const auto exclusive = comreg::write_inno(shareable_plan(true), {});
  CHECK(contains(exclusive.text, a + "; Flags: uninsdeletekey\n"));
  CHECK(contains(exclusive.text, i + "\"; Flags: uninsdeletekey\n"));
  CHECK_FALSE(contains(exclusive.text, "uninsdeletevalue"));
}

TEST_CASE("GPP: the uninstall items of a shareable tree are its values only", "[installers]") {
  comreg::InstallerWriteOptions options;
  options.name = "Test.Server";
  options.uninstall = true;
  const std::string a = "key=\"Software\\Classes\\AppID\\{BBBBBBBB-2222-3333-4444-555555555555}\"";
  const std::string i =
      "key=\"Software\\Classes\\Interface\\{CCCCCCCC-2222-3333-4444-555555555555}\"";
  const auto shared = comreg::write_gpp(shareable_plan(false), options);
  REQUIRE_FALSE(shared.diagnostics.has_errors());
  CHECK_FALSE(contains(shared.text, a + " name=\"\" type=\"\""));  // no key item
  CHECK(contains(shared.text, a + " name=\"\" type=\"REG_SZ\" value=\"\""));
  CHECK(contains(shared.text, a + " name=\"AuthenticationLevel\" type=\"REG_DWORD\" value=\"\""));
  CHECK_FALSE(contains(shared.text, i + " name=\"\" type=\"\""));
  CHECK(contains(shared.text,
                 "555555555555}\\ProxyStubClsid32\" name=\"\" type=\"REG_SZ\" value=\"\""));
  const auto exclusive = comreg::write_gpp(shareable_plan(true), options);
  CHECK(contains(exclusive.text, a + " name=\"\" type=\"\" value=\"\""));
  CHECK(contains(exclusive.text, i + " name=\"\" type=\"\" value=\"\""));
  CHECK_FALSE(contains(exclusive.text, "AuthenticationLevel"));
}

namespace {

// Two products: each its own class, both the same AppID, interface and type library version.
const char* const product_a = R"({
  "comreg": 1,
  "assembly": { "name": "Contoso.A", "version": "1.0.0.0" },
  "servers": [ { "kind": "surrogate", "path": "C:\\A\\a.dll", "classes": [
    { "clsid": "{0A000000-0000-4000-8000-000000000001}", "appid": "{0C000000-0000-4000-8000-000000000001}" } ] } ],
  "appids": [ { "appid": "{0C000000-0000-4000-8000-000000000001}", "name": "Shared Host" } ],
  "typelibs": [ { "libid": "{0D000000-0000-4000-8000-000000000001}", "version": "1.0", "win64": "C:\\Common\\shared.tlb" } ],
  "interfaces": [ { "iid": "{0E000000-0000-4000-8000-000000000001}", "name": "IShared",
                    "proxyStub": "{00020424-0000-0000-C000-000000000046}", "typelib": "{0D000000-0000-4000-8000-000000000001}" } ]
})";

std::string wix_of(const std::string& text, bool exclusive_appid = false,
                   comreg::View view = comreg::View::v64) {
  auto loaded = comreg::load_description(text, "p.json", {});
  REQUIRE(loaded.description);
  auto& d = *loaded.description;
  d.appids[0].exclusive = exclusive_appid;
  comreg::InstallerWriteOptions options;
  options.name = d.assembly.name;
  const auto r = comreg::write_wix(comreg::make_plan(d, {comreg::Scope::machine, view}), options);
  REQUIRE_FALSE(r.diagnostics.has_errors());
  return r.text;
}

// The GUID of the component whose first key is `key` ("" when there is none).
std::string component_guid(const std::string& wix, const std::string& key) {
  const auto at = wix.find("<RegistryKey Root=\"HKLM\" Key=\"Software\\Classes\\" + key + "\"");
  if (at == std::string::npos) return "";
  const auto component = wix.rfind("<Component ", at);
  const auto guid = wix.find("Guid=\"", component);
  // The key must be the component's first.
  if (wix.find("<RegistryKey", component) != at) return "";
  return wix.substr(guid + 6, 38);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("WiX: a key two products share is one component, named by its path and content",
          "[installers]") {
  // Product B: another name, class and server folder; the same shared elements.
  const std::string b =
      replaced(replaced(replaced(product_a, "Contoso.A", "Fabrikam.B"), "C:\\\\A\\\\a.dll",
                        "C:\\\\B\\\\b.dll"),
               "{0A000000-0000-4000-8000-000000000001}", "{0B000000-0000-4000-8000-000000000002}");
  const std::string wa = wix_of(product_a), wb = wix_of(b);
  const std::string appid = "AppID\\{0C000000-0000-4000-8000-000000000001}";
  const std::string iid = "Interface\\{0E000000-0000-4000-8000-000000000001}";
  const std::string lib = "TypeLib\\{0D000000-0000-4000-8000-000000000001}\\1.0";
  for (const auto& k : {appid, iid, lib}) {
    CAPTURE(k);
    REQUIRE_FALSE(component_guid(wa, k).empty());
    CHECK(component_guid(wa, k) == component_guid(wb, k));  // Windows Installer counts both
  }
  // The products' own components differ; nothing shared is deleted whole.
  CHECK(component_guid(wa, "CLSID\\{0A000000-0000-4000-8000-000000000001}") !=
        component_guid(wb, "CLSID\\{0B000000-0000-4000-8000-000000000002}"));
  CHECK(contains(wa, "Id=\"Contoso.A.Shared1\""));
  const auto shared_part = wa.substr(wa.find("Contoso.A.Shared1"));
  CHECK_FALSE(contains(shared_part, "ForceDeleteOnUninstall"));
  CHECK(contains(shared_part, "KeyPath=\"yes\""));
  // Stable: the same description gives the same file.
  CHECK(wix_of(product_a) == wa);

  // Other content under the same key: another GUID (another component, by MSI's rules).
  const std::string renamed = replaced(product_a, "\"Shared Host\"", "\"Shared Host 2\"");
  CHECK(component_guid(wix_of(renamed), appid) != component_guid(wa, appid));
  CHECK(component_guid(wix_of(renamed), iid) == component_guid(wa, iid));
  const std::string moved = replaced(product_a, "C:\\\\Common\\\\shared.tlb", "C:\\\\B\\\\b.tlb");
  CHECK(component_guid(wix_of(moved), lib) != component_guid(wa, lib));
  CHECK(component_guid(wix_of(moved), appid) == component_guid(wa, appid));

  // A 32-bit component is another component (Changing the Component Code), even for a key
  // Windows does not redirect.
  CHECK(component_guid(wix_of(product_a, false, comreg::View::v32), appid) !=
        component_guid(wa, appid));

  // Exclusive: the AppID is the product's own, deleted whole with it.
  const std::string alone = wix_of(product_a, /*exclusive_appid=*/true);
  CHECK(component_guid(alone, appid).empty());
  CHECK(contains(alone, "Key=\"Software\\Classes\\" + appid + "\" ForceDeleteOnUninstall=\"yes\""));
  CHECK_FALSE(component_guid(alone, iid).empty());
}

TEST_CASE("WiX: a description of shareable keys only has no component of its own", "[installers]") {
  comreg::Plan plan{{comreg::Scope::machine, comreg::View::v64},
                    {comreg::testing::shareable_key("Interface\\{I}"),
                     value("Interface\\{I}", "", comreg::RegValue::sz("I"))},
                    {}};
  comreg::InstallerWriteOptions options;
  options.name = "Proxy";
  const auto r = comreg::write_wix(plan, options);
  REQUIRE_FALSE(r.diagnostics.has_errors());
  CHECK_FALSE(contains(r.text, "Id=\"Proxy.Registry\""));
  CHECK(contains(r.text, "<Component Id=\"Proxy.Shared1\" Guid=\"{"));
}
