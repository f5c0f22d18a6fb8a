// Hostile registration scripts: every file in scripts/ (SCRIPT_CASES says which import must
// refuse; generate_scripts.py makes them) and large inputs made here, applied as import applies
// them. A refused file names its file and a line, and leaves the registry exactly as it was;
// nothing crashes, recurses without bound or hangs.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>
#include <string>

#include "comreg/import/script_apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "support/test_files.hpp"

namespace {

struct Outcome {
  bool ok = false;
  bool unchanged = false;
  comreg::Diagnostics diagnostics;
};

Outcome apply_script(const std::string& bytes, const std::string& name) {
  comreg::MemoryBackend before;
  REQUIRE(before.create_key("HKEY_CURRENT_USER\\Keep").ok());
  comreg::MemoryBackend registry = before;
  comreg::ScriptApplyOptions options;
  options.file = name;
  options.replacements = {{"MODULE", "C:\\x\\x.dll"}};
  Outcome o;
  const bool map = name.ends_with(".clsidmap");
  o.ok = (map ? comreg::apply_clsid_map(bytes, "C:\\x\\x.comhost.dll", options, registry,
                                        o.diagnostics)
              : comreg::apply_rgs(bytes, options, registry, o.diagnostics))
             .ok;
  o.unchanged = registry == before;
  return o;
}

void require_refused(const Outcome& o, const std::string& name) {
  INFO(comreg::format_diagnostics_json(o.diagnostics));
  CHECK_FALSE(o.ok);
  REQUIRE(o.diagnostics.has_errors());
  const auto& first = *std::find_if(o.diagnostics.begin(), o.diagnostics.end(), [](const auto& d) {
    return d.severity == comreg::Severity::error;
  });
  CHECK(first.location.file == name);
  CHECK(first.location.line > 0);
  CHECK_FALSE(first.code.empty());
  CHECK(o.unchanged);
}

}  // namespace

TEST_CASE("Hostile scripts: every corpus file is applied or refused as SCRIPT_CASES says",
          "[hostile]") {
  std::istringstream cases(
      comreg::testing::read_file(comreg::testing::source_path("tests/hostile/SCRIPT_CASES")));
  std::size_t count = 0;
  for (std::string line; std::getline(cases, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::string name = line.substr(0, line.find(' '));
    const bool ok = line.substr(line.find(' ') + 1) == "ok";
    CAPTURE(name);
    ++count;
    const Outcome o = apply_script(
        comreg::testing::read_file(comreg::testing::source_path("tests/hostile/scripts/" + name)),
        name);
    if (ok) {
      INFO(comreg::format_diagnostics_json(o.diagnostics));
      CHECK(o.ok);
      CHECK_FALSE(o.diagnostics.has_errors());
    } else {
      require_refused(o, name);
    }
  }
  CHECK(count >= 39);
}

TEST_CASE("Hostile scripts: large inputs are applied or refused, never a crash", "[hostile]") {
  // Keys 100,000 levels deep: beyond the registry's 512, refused where the limit is crossed.
  std::string deep = "HKCR\n";
  for (int i = 0; i < 100000; ++i) deep += "{ K\n";
  require_refused(apply_script(deep, "deep.rgs"), "deep.rgs");
  // 500 levels are still a registry's keys, and are applied.
  std::string limit = "HKCR";
  for (int i = 1; i < 500; ++i) limit += " { K";
  for (int i = 1; i < 500; ++i) limit += " }";
  CHECK(apply_script(limit, "limit.rgs").ok);
  // A 5 MB value and a 1 MB key name.
  const std::string big = "HKCR\n{\n  Big = s '" + std::string(5 << 20, 'x') + "'\n}\n";
  CHECK(apply_script(big, "big.rgs").ok);
  const std::string long_name = "HKCR\n{\n  " + std::string(1 << 20, 'k') + "\n}\n";
  (void)apply_script(long_name, "long-name.rgs");  // either way, no crash
  // 100,000 replaceables, and a replaceable's value of 1 MB.
  std::string many = "HKCR\n{\n  Many = s '";
  for (int i = 0; i < 100000; ++i) many += "%MODULE%";
  CHECK(apply_script(many + "'\n}\n", "many.rgs").ok);
  // JSON nested 100,000 deep inside an entry: parsed without recursion, refused as no object.
  std::string nested = "{\"{254EB045-6036-4775-8515-EDE7F70CBE9C}\": ";
  nested += std::string(100000, '[') + std::string(100000, ']') + "}";
  require_refused(apply_script(nested, "nested.clsidmap"), "nested.clsidmap");
  // 20,000 classes.
  std::string map = "{";
  for (int i = 0; i < 20000; ++i) {
    char clsid[64];
    std::snprintf(clsid, sizeof clsid, "{%08X-6036-4775-8515-EDE7F70CBE9C}", i + 1);
    map += std::string(i ? "," : "") + "\"" + clsid + "\": {\"type\": \"T\", \"assembly\": \"A\"}";
  }
  CHECK(apply_script(map + "}", "many.clsidmap").ok);
}
