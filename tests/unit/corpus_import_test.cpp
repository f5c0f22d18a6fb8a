// Other people's registration files (tests/data/corpus, README there): each ATL script applied
// as the registrar would (MODULE and APPID given as ATL gives them), imported, validated,
// re-emitted as a .reg file and verified against the registry the script made. The figures
// are printed: files, classes, unmapped entries, failures.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/import/script_apply.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "core/ascii.hpp"
#include "support/import_round_trip.hpp"
#include "support/test_files.hpp"

using namespace comreg;

TEST_CASE("the .rgs corpus imports, re-emits and verifies", "[corpus]") {
  std::size_t files = 0, classes = 0, unmapped = 0, outside = 0, failures = 0, nothing = 0;
  std::vector<std::filesystem::path> paths;
  for (const auto& e :
       std::filesystem::directory_iterator(testing::source_path("tests/data/corpus/rgs"))) {
    paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    CAPTURE(path.filename().string());
    ++files;
    const std::string text = testing::read_file(path.string());
    // ATL's %MODULE%: the module's path, quoted for an EXE (CAtlModule::UpdateRegistryFromResource
    // quotes a path when the module is a local server); %APPID%: DECLARE_REGISTRY_APPID_RESOURCEID.
    const bool exe = text.find("LocalServer32") != std::string::npos;
    const std::string stem = path.stem().string();
    ScriptApplyOptions options;
    options.file = path.filename().string();
    options.replacements = {{"MODULE", exe ? "\"C:\\Program Files\\Corpus\\" + stem + ".exe\""
                                           : "C:\\Program Files\\Corpus\\" + stem + ".dll"},
                            {"APPID", "{6A3F4E0B-1C55-4E0E-9B57-3C0F7E2D9A11}"}};
    MemoryBackend registry;
    Diagnostics diagnostics;
    const ScriptApplyResult applied = apply_rgs(text, options, registry, diagnostics);
    if (!applied.ok) {
      ++failures;
      FAIL_CHECK("not applied: " << format_diagnostics_json(diagnostics));
      continue;
    }
    outside += applied.outside.size();
    const ImportResult imported = import_registry(registry, {});
    unmapped += imported.unmapped.size();
    std::size_t n = 0;
    for (const auto& s : imported.description.servers) n += s.classes.size();
    classes += n;
    // Only AppIDs, or only keys outside the classes root: import writes nothing, and says so.
    if (imported.description.servers.empty()) {
      ++nothing;
      continue;
    }
    // Valid, and its .reg file read back verifies against the script's registry.
    if (const std::string problem = testing::round_trip_problem(imported, registry, Scope::machine);
        !problem.empty()) {
      ++failures;
      FAIL_CHECK(problem);
    }
  }
  std::printf(
      "rgs corpus: %zu files (%zu without a class to import), %zu classes imported, %zu "
      "unmapped entries, %zu keys outside the classes root, %zu failures\n",
      files, nothing, classes, unmapped, outside, failures);
  CHECK(files == 62);
  CHECK(failures == 0);
}
