// Other people's .reg files (tests/data/corpus/reg, README there): each read as regedit reads
// it (REGEDIT4, Windows 3.1's REGEDIT, UTF-16LE), imported for the classes root it names,
// validated, re-emitted as a .reg file and verified against both the registry the file makes
// and that .reg file read back. An entry the description cannot carry must be listed as
// unmapped, never fail (a file may then have no class to import: counted, not failed). The figures
// are printed: files, classes, unmapped entries, values outside the classes root, failures.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "core/ascii.hpp"
#include "support/import_round_trip.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

// Values of the keys at or below `key` that are not below `inside`.
std::size_t values_outside(const MemoryBackend& registry, const std::string& key,
                           const std::string& inside) {
  const std::string folded = text::fold_case(key);
  const std::string root = text::fold_case(inside);
  if (folded == root) return 0;
  std::size_t n = root.starts_with(folded + "\\") ? 0 : registry.value_names(key).size();
  for (const auto& sub : registry.subkeys(key)) {
    n += values_outside(registry, key.empty() ? sub : key + "\\" + sub, inside);
  }
  return n;
}

}  // namespace

TEST_CASE("the .reg corpus imports, re-emits and verifies", "[corpus]") {
  std::size_t files = 0, classes = 0, unmapped = 0, outside = 0, failures = 0, nothing = 0;
  std::size_t utf16 = 0, regedit4 = 0, win31 = 0;
  std::vector<std::filesystem::path> paths;
  for (const auto& e :
       std::filesystem::directory_iterator(testing::source_path("tests/data/corpus/reg"))) {
    if (e.path().extension() == ".reg") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    const std::string name = path.filename().string();
    CAPTURE(name);
    ++files;
    const std::string bytes = testing::read_file(path.string());
    if (bytes.starts_with("\xFF\xFE")) ++utf16;
    if (bytes.starts_with("REGEDIT4")) ++regedit4;
    if (bytes.starts_with("REGEDIT ") || bytes.starts_with("REGEDIT\r")) ++win31;
    // Files written for the per-user classes root are imported for it; HKEY_CLASSES_ROOT
    // stands for the scope's classes root, as verify --against reads an export.
    RegReadOptions options;
    options.file_name = name;
    MemoryBackend registry;
    Diagnostics read;
    if (!read_reg(bytes, options, registry, read)) {
      ++failures;
      FAIL_CHECK("not read: " << format_diagnostics_json(read));
      continue;
    }
    const Scope scope =
        registry.key_exists(classes_root(Scope::user)) ? Scope::user : Scope::machine;
    options.root_aliases.emplace_back("HKEY_CLASSES_ROOT", classes_root(scope));
    registry = MemoryBackend();
    REQUIRE(read_reg(bytes, options, registry, read));
    outside += values_outside(registry, "", classes_root(scope));
    ImportOptions import_options;
    import_options.scope = scope;
    const ImportResult imported = import_registry(registry, import_options);
    unmapped += imported.unmapped.size();
    std::size_t n = 0;
    for (const auto& s : imported.description.servers) n += s.classes.size();
    classes += n;
    if (n == 0) {
      // Nothing the description can carry exactly: listed, each with its reason.
      ++nothing;
      CHECK_FALSE(imported.unmapped.empty());
      continue;
    }
    if (const std::string problem = testing::round_trip_problem(imported, registry, scope);
        !problem.empty()) {
      ++failures;
      FAIL_CHECK(problem);
    }
  }
  std::printf(
      "reg corpus: %zu files (%zu UTF-16LE, %zu REGEDIT4, %zu Windows 3.1 REGEDIT; %zu without a "
      "class to import), %zu classes imported, %zu unmapped entries, %zu values outside the "
      "classes root, %zu failures\n",
      files, utf16, regedit4, win31, nothing, classes, unmapped, outside, failures);
  CHECK(files == 19);
  CHECK(utf16 >= 1);
  CHECK(regedit4 >= 1);
  CHECK(win31 >= 1);
  CHECK(failures == 0);
}
