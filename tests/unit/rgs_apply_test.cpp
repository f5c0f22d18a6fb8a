// apply_rgs: ATL registrar scripts applied as the registrar applies them, then imported. The
// golden scripts comreg writes give, applied, the registry its .reg files give; a binary's
// REGISTRY resources import as their scripts do.
#include <catch2/catch.hpp>
#include <filesystem>

#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/import/import_source.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/import/script_apply.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "support/pe_files.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

constexpr const char* classes = "HKEY_LOCAL_MACHINE\\Software\\Classes";

std::size_t class_count(const Description& d) {
  std::size_t n = 0;
  for (const auto& s : d.servers) n += s.classes.size();
  return n;
}

// The import loads, validates and verifies against the registry it came from.
void check_verifies(const ImportResult& result, const MemoryBackend& registry, Scope scope) {
  const std::string json = description_to_json(result.description);
  LoadOptions lo;
  lo.undefined_placeholder = UndefinedPlaceholder::keep;
  const LoadResult loaded = load_description(json, "imported.json", lo);
  INFO(json);
  INFO(format_diagnostics_json(loaded.diagnostics));
  REQUIRE(loaded.description);
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  const VerifyReport report = verify(make_plan(*loaded.description, {scope, View::v64}), registry);
  INFO(format_verify_report(report, false));
  CHECK(report.ok());
}

}  // namespace

TEST_CASE("an ATL script is applied as the registrar applies it", "[rgs-apply]") {
  const std::string script = R"(HKCR
{
  NoRemove CLSID
  {
    ForceRemove {254EB045-6036-4775-8515-EDE7F70CBE9C} = s 'Thing'
    {
      InprocServer32 = s '%MODULE%'
      {
        val ThreadingModel = s 'Apartment'
      }
      'Implemented Categories' { Old = s 'gone' }
      Delete 'Implemented Categories'
      val Flags = d '0x10'
      val Multi = m 'a\0b'
      val Bytes = b '0A0B'
      val Percent = s '100%%'
    }
  }
}
HKLM
{
  NoRemove Software
  {
    Contoso = s 'x'
  }
}
)";
  MemoryBackend registry;
  REQUIRE(registry
              .create_key(std::string(classes) +
                          "\\CLSID\\{254EB045-6036-4775-8515-EDE7F70CBE9C}\\Stale")
              .ok());
  Diagnostics diagnostics;
  ScriptApplyOptions options;
  options.file = "thing.rgs";
  options.replacements = {{"MODULE", "C:\\100%\\thing.dll"}};
  const auto result = apply_rgs(script, options, registry, diagnostics);
  INFO(format_diagnostics_json(diagnostics));
  REQUIRE(result.ok);
  const std::string clsid =
      std::string(classes) + "\\CLSID\\{254EB045-6036-4775-8515-EDE7F70CBE9C}";
  // ForceRemove took the old tree away; Delete removed what the script had made.
  CHECK_FALSE(registry.key_exists(clsid + "\\Stale"));
  CHECK_FALSE(registry.key_exists(clsid + "\\Implemented Categories"));
  CHECK(registry.get_value(clsid, "") == RegValue::sz("Thing"));
  // A % inside a replacement stays one %.
  CHECK(registry.get_value(clsid + "\\InprocServer32", "") == RegValue::sz("C:\\100%\\thing.dll"));
  CHECK(registry.get_value(clsid + "\\InprocServer32", "ThreadingModel") ==
        RegValue::sz("Apartment"));
  CHECK(registry.get_value(clsid, "Flags") == RegValue::dword(16));
  CHECK(registry.get_value(clsid, "Multi") == RegValue::multi_sz({"a", "b"}));
  CHECK(registry.get_value(clsid, "Bytes") == RegValue::binary({10, 11}));
  CHECK(registry.get_value(clsid, "Percent") == RegValue::sz("100%"));
  CHECK(registry.get_value("HKEY_LOCAL_MACHINE\\Software\\Contoso", "") == RegValue::sz("x"));
  // What the importer does not read is listed once, at its topmost key.
  REQUIRE(result.outside.size() == 1);
  CHECK(result.outside[0].key == "HKEY_LOCAL_MACHINE\\Software\\Contoso");
}

TEST_CASE("a replaceable without a value is located and names the --define", "[rgs-apply]") {
  MemoryBackend registry, empty;
  Diagnostics diagnostics;
  ScriptApplyOptions options;
  options.file = "x.rgs";
  options.replacements = {{"MODULE", "C:\\x.dll"}};
  const auto result = apply_rgs("HKCR\n{\n  X = s '%MODULE%'\n  Y = s '%INSTALLDIR%\\y'\n}\n",
                                options, registry, diagnostics);
  CHECK_FALSE(result.ok);
  REQUIRE(diagnostics.size() == 1);
  const Diagnostic& d = diagnostics.items()[0];
  CHECK(d.code == "rgs-undefined");
  CHECK(d.location.line == 4);
  CHECK(d.location.column == 10);
  CHECK(d.hint == "give it one: --define INSTALLDIR=VALUE");
  CHECK(registry == empty);

  Diagnostics unclosed;
  CHECK_FALSE(apply_rgs("HKCR\n{\n  X = s '50%'\n}\n", options, registry, unclosed).ok);
  REQUIRE(unclosed.size() == 1);
  CHECK(unclosed.items()[0].code == "rgs-replaceable");
  CHECK(unclosed.items()[0].location.line == 3);

  Diagnostics root;
  CHECK_FALSE(apply_rgs("CLSID\n{\n}\n", options, registry, root).ok);
  CHECK(root.items().at(0).code == "rgs-root");
  Diagnostics value;
  CHECK_FALSE(
      apply_rgs("HKCR\n{\n  X\n  {\n    val N = d 'twelve'\n  }\n}\n", options, registry, value)
          .ok);
  CHECK(value.items().at(0).code == "rgs-value");
  CHECK(registry == empty);
}

TEST_CASE("a UTF-16 script with a BOM reads as its UTF-8 twin", "[rgs-apply]") {
  const std::string utf8 = "HKCR\n{\n  NoRemove CLSID\n}\n";
  std::string utf16 = "\xFF\xFE";
  for (char c : utf8) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  MemoryBackend a, b;
  Diagnostics da, db;
  CHECK(apply_rgs(utf8, {}, a, da).ok);
  CHECK(apply_rgs(utf16, {}, b, db).ok);
  CHECK(a == b);
  CHECK(b.key_exists(std::string(classes) + "\\CLSID"));
}

TEST_CASE("every golden .rgs applied gives its .reg file's registry, and imports", "[rgs-apply]") {
  std::size_t scripts = 0;
  for (const auto& dir :
       std::filesystem::directory_iterator(testing::source_path("tests/golden"))) {
    for (const auto& [rgs, reg, scope] :
         {std::tuple{"install-machine-64.rgs", "install-machine-64.reg", Scope::machine},
          std::tuple{"install-user-32.rgs", "install-user-32.regedit4.reg", Scope::user}}) {
      const auto rgs_path = dir.path() / rgs;
      if (!std::filesystem::exists(rgs_path)) continue;
      CAPTURE(rgs_path.string());
      ++scripts;
      MemoryBackend from_rgs, from_reg;
      Diagnostics diagnostics;
      ScriptApplyOptions options;
      options.file = rgs_path.string();
      options.scope = scope;
      options.view = scope == Scope::user ? View::v32 : View::v64;  // the -32 scripts
      const auto applied =
          apply_rgs(testing::read_file(rgs_path.string()), options, from_rgs, diagnostics);
      INFO(format_diagnostics_json(diagnostics));
      REQUIRE(applied.ok);
      CHECK(applied.outside.empty());
      REQUIRE(read_reg(testing::read_file((dir.path() / reg).string()), {}, from_reg, diagnostics));
      CHECK(from_rgs.dump() == from_reg.dump());
      if (scope != Scope::machine) continue;
      ImportOptions io;
      io.scope = scope;
      const ImportResult imported = import_registry(from_rgs, io);
      CHECK(class_count(imported.description) > 0);
      check_verifies(imported, from_rgs, scope);
    }
  }
  CHECK(scripts >= 12);
}

TEST_CASE("a module's REGISTRY scripts import with %MODULE% as its path", "[rgs-apply]") {
  if (!testing::have_pe_binaries()) {
    WARN("SKIPPED: no mingw-w64 at configure time; the binary did not run");
    return;
  }
  const std::string bytes = testing::read_pe_binary("comreg_pe_atl.dll");
  CHECK(detect_import_source_kind(bytes) == ImportSourceKind::rgs);
  const PeReadResult pe = read_pe(std::string_view(bytes));
  REQUIRE(pe.ok());
  const auto scripts = registry_scripts(*pe.image);
  REQUIRE(scripts.size() == 2);
  CHECK(scripts[0].name == "101");
  CHECK(scripts[1].name == "102");
  MemoryBackend registry;
  ScriptApplyOptions options;
  options.replacements = {{"MODULE", "C:\\Program Files\\Contoso\\atl.dll"}};
  Diagnostics diagnostics;
  for (const auto& s : scripts) REQUIRE(apply_rgs(s.text, options, registry, diagnostics).ok);
  const ImportResult imported = import_registry(registry, {});
  INFO(format_unmapped(imported.unmapped, false));
  CHECK(imported.unmapped.empty());
  REQUIRE(imported.description.servers.size() == 1);
  const Server& server = imported.description.servers[0];
  CHECK(server.path == "C:\\Program Files\\Contoso\\atl.dll");
  REQUIRE(server.classes.size() == 2);
  check_verifies(imported, registry, Scope::machine);
}
