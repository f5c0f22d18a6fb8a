// The installer writers on small hand-made plans: each format's escaping, types, uninstall
// rules and views; the name-based GUIDs and symbolic placeholders they rely on.
#include <catch2/catch.hpp>
#include <string>

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

TEST_CASE("rgs: flags, quoting, % and value types", "[installers]") {
  const auto r = comreg::write_rgs(sample_plan(), {});
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
