// apply_clsid_map: a .NET CLSID map registered as comhost's DllRegisterServer registers it,
// then imported: one in-process server (the comhost), ThreadingModel Both, the ProgID.
#include <catch2/catch.hpp>

#include "comreg/import/import_source.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/import/script_apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "support/pe_files.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

constexpr const char* module = "C:\\Program Files\\Contoso\\ComregTest.Net.comhost.dll";

ImportResult import_map(std::string_view json, MemoryBackend& registry, ScriptApplyResult& applied,
                        Scope scope = Scope::machine) {
  Diagnostics diagnostics;
  ScriptApplyOptions options;
  options.file = "x.clsidmap";
  options.scope = scope;
  applied = apply_clsid_map(json, module, options, registry, diagnostics);
  INFO(format_diagnostics_json(diagnostics));
  REQUIRE(applied.ok);
  ImportOptions io;
  io.scope = scope;
  return import_registry(registry, io);
}

void check_net_classes(const ImportResult& imported, const ScriptApplyResult& applied) {
  INFO(format_unmapped(imported.unmapped, false));
  CHECK(imported.unmapped.empty());
  REQUIRE(imported.description.servers.size() == 1);
  const Server& server = imported.description.servers[0];
  CHECK(server.kind == ServerKind::inproc);
  CHECK(server.path == module);
  REQUIRE(server.classes.size() == 2);
  const ComClass& first = server.classes[0];  // by CLSID
  CHECK(first.clsid == "{487B1E9E-1EA7-4839-9198-D293FA9B8C5B}");
  CHECK(first.name == "ComregTest.Net.Server");
  CHECK(first.threading == Threading::both);
  CHECK(first.progid == "ComregTest.Net.Server");
  const ComClass& second = server.classes[1];
  CHECK(second.clsid == "{9FDC17FA-5339-4F74-903B-F94546EAB4E0}");  // braced, upper case
  CHECK(second.progid.empty());
  // The one place comreg writes otherwise than comhost: CLSID\{clsid}\ProgID.
  REQUIRE(applied.notes.size() == 1);
  CHECK(applied.notes[0].reason.find("type name 'ComregTest.Net.Server'") != std::string::npos);
}

}  // namespace

TEST_CASE("a .clsidmap imports as comhost registers it", "[clsidmap]") {
  for (const Scope scope : {Scope::machine, Scope::user}) {
    MemoryBackend registry;
    ScriptApplyResult applied;
    const ImportResult imported =
        import_map(testing::read_file(testing::source_path("tests/pe/comhost.clsidmap")), registry,
                   applied, scope);
    check_net_classes(imported, applied);
    const std::string root = classes_root(scope);
    CHECK(registry.get_value(root + "\\ComregTest.Net.Server\\CLSID", "") ==
          RegValue::sz("{487B1E9E-1EA7-4839-9198-D293FA9B8C5B}"));
  }
}

TEST_CASE("a comhost's CLSID map resource imports as its .clsidmap does", "[clsidmap]") {
  if (!testing::have_pe_binaries()) {
    WARN("SKIPPED: no mingw-w64 at configure time; the binary did not run");
    return;
  }
  const std::string bytes = testing::read_pe_binary("ComregTest.Net.comhost.dll");
  CHECK(detect_import_source_kind(bytes) == ImportSourceKind::comhost);
  const PeReadResult pe = read_pe(std::string_view(bytes));
  REQUIRE(pe.ok());
  const PeResource* map = clsid_map_resource(*pe.image);
  REQUIRE(map != nullptr);
  MemoryBackend registry;
  ScriptApplyResult applied;
  const ImportResult imported = import_map(
      std::string_view(reinterpret_cast<const char*>(map->data.data()), map->data.size()), registry,
      applied);
  check_net_classes(imported, applied);
}

TEST_CASE("a damaged CLSID map is refused with a located error", "[clsidmap]") {
  struct Case {
    const char* json;
    const char* code;
    std::uint32_t line;
  };
  const Case cases[] = {
      {"{\n  \"{487B1E9E-1EA7-4839-9198-D293FA9B8C5B}\": {\"type\": \"T\",\n", "clsidmap-syntax",
       3},
      {"[]", "clsidmap-shape", 1},
      {"{\n \"{487B1E9E-1EA7-4839-9198-D293FA9B8C5B}\": {\"assembly\": \"A\"}}", "clsidmap-shape",
       2},
      {"{\n \"{487B1E9E-1EA7-4839-9198-D293FA9B8C5B}\": {\"type\": 1, \"assembly\": \"A\"}}",
       "clsidmap-shape", 2},
      {"{}", "clsidmap-empty", 1},
  };
  for (const auto& c : cases) {
    CAPTURE(c.json);
    MemoryBackend registry, empty;
    Diagnostics diagnostics;
    ScriptApplyOptions options;
    options.file = "bad.clsidmap";
    CHECK_FALSE(apply_clsid_map(c.json, module, options, registry, diagnostics).ok);
    REQUIRE(diagnostics.has_errors());
    CHECK(diagnostics.items().back().code == c.code);
    CHECK(diagnostics.items().back().location.line == c.line);
    CHECK(registry == empty);
  }
  // A name that is no CLSID is skipped, as comhost skips it.
  MemoryBackend registry;
  Diagnostics diagnostics;
  CHECK(apply_clsid_map(R"({"nope": {"type": "T", "assembly": "A"},
    "{487B1E9E-1EA7-4839-9198-D293FA9B8C5B}": {"type": "T", "assembly": "A"}})",
                        module, {}, registry, diagnostics)
            .ok);
  CHECK(diagnostics.warning_count() == 1);
}
