// The CI check that text stays linear in its length (issue 16): the same number of characters,
// as many short strings or as few long ones, through the whole pipeline: a description whose
// class names are that text is loaded, planned, written as plan text, plan JSON, a regedit 5
// .reg and a manifest, and the .reg is read back. Time per character of the long strings over
// that of the short ones, for ASCII and for three kinds of other text, fails above the limit.
// The synthetic descriptions of the other checks are all ASCII, and their strings short: a
// UTF-16 writer that grew its buffer before each ASCII run of a string was quadratic in the
// string's length (160,000 "aé" pairs: 539 ms instead of 3.6) and passed every check.
// Usage: bench_text_ratio [short=1000] [long=16000] [limit=2]   (lengths in UTF-16 units;
// registry strings hold at most 16,383). The limit is 2, not the 3 of the class checks: fewer
// classes carry the long strings, so linear text gives 0.5-0.9 here; the quadratic writer gave
// 4.1 (a/e-acute) and 6.3 (CJK) at these lengths.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>

#include "comreg/description/description_loader.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "linearity_check.hpp"

namespace {

struct Kind {
  const char* label;
  // Pieces repeated in turn, each with its length in UTF-16 units. JSON-escaped already.
  std::initializer_list<std::pair<std::string_view, std::size_t>> pieces;
};

// Text that costs the writers and readers differently: plain ASCII (widened eight bytes at a
// time), ASCII and 2-byte characters alternating (a change of path at every character), CJK
// (3-byte, no ASCII), and a mix with what gets escaped (quote, backslash) and a character
// outside the BMP (4 bytes, a surrogate pair).
const Kind kinds[] = {
    {"ASCII", {{"Synthetic component text ", 25}}},
    {"a/e-acute alternating", {{"a\xC3\xA9", 2}}},
    {"CJK", {{"\xE7\xB5\x84\xE4\xBB\xB6", 2}}},
    {"mixed, escapes, non-BMP",
     {{"ab", 2},
      {"\xC3\xA9", 1},
      {"\\\"", 1},
      {"\xE7\xB5\x84", 1},
      {"\\\\", 1},
      {"\xF0\x9F\x98\x80", 2},
      {" ", 1}}},
};

// `units` UTF-16 units of the kind's text, as it is written in JSON.
std::string json_text(const Kind& kind, std::size_t units) {
  std::string out;
  std::size_t have = 0;
  while (have < units) {
    for (const auto& [piece, size] : kind.pieces) {
      if (have + size > units) return out;
      out += piece;
      have += size;
    }
  }
  return out;
}

// A description of `classes` classes, each named `name`.
std::string description_json(const std::string& name, std::size_t classes) {
  std::string j =
      "{\"comreg\":1,\"assembly\":{\"name\":\"Bench.Text\",\"version\":\"1.0.0.0\"},"
      "\"servers\":[{\"kind\":\"inproc\",\"path\":\"C:\\\\Bench\\\\text.dll\",\"classes\":[";
  for (std::size_t i = 0; i < classes; ++i) {
    char clsid[48];
    std::snprintf(clsid, sizeof clsid, "{7E470000-0000-4000-8000-%012zX}", i);
    j += i ? "," : "";
    j += "{\"clsid\":\"" + std::string(clsid) + "\",\"name\":\"" + name +
         "\",\"progid\":\"Bench.Text" + std::to_string(i) + ".1\",\"threading\":\"Both\"}";
  }
  return j + "]}]}";
}

// CPU seconds of the pipeline on `json`, best of `reps`. Exits when any step fails: a figure of
// a step that refused its input would measure the refusal.
double best_seconds(const std::string& json, int reps) {
  double best = 1e9;
  for (int r = 0; r < reps; ++r) {
    const std::clock_t t0 = std::clock();
    comreg::LoadResult loaded = comreg::load_description(json, "text.json", {});
    if (!loaded.description) {
      std::fprintf(stderr, "the description does not validate:\n%s",
                   loaded.diagnostics.empty()
                       ? ""
                       : comreg::format_diagnostic(loaded.diagnostics.items().front()).c_str());
      std::exit(2);
    }
    const comreg::Plan plan = comreg::make_plan(*loaded.description, {});
    const std::string text = comreg::plan_to_text(plan);
    const std::string json_out = comreg::plan_to_json(plan);
    const comreg::RegWriteResult reg = comreg::write_reg(plan, {});
    const comreg::ManifestResult manifest = comreg::write_component_manifest(*loaded.description);
    comreg::MemoryBackend back;
    comreg::Diagnostics read_diagnostics;
    const bool read = comreg::read_reg(reg.bytes, {}, back, read_diagnostics);
    const std::clock_t t1 = std::clock();
    if (text.empty() || json_out.empty() || reg.bytes.empty() || manifest.xml.empty() || !read) {
      std::fprintf(stderr, "a writer or the reader failed\n");
      std::exit(2);
    }
    best = std::min(best, static_cast<double>(t1 - t0) / CLOCKS_PER_SEC);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  comreg::bench::keep_freed_memory_in_heap();
  const std::size_t short_units = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
  const std::size_t long_units = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 16000;
  const double limit = argc > 3 ? std::atof(argv[3]) : 2.0;
  if (short_units == 0 || long_units < short_units) {
    std::fprintf(stderr, "usage: bench_text_ratio [short=1000] [long=16000] [limit=2]\n");
    return 2;
  }
  // Both sizes carry the same characters: 64 long strings, or as many short ones as that makes.
  const std::size_t total = 64 * long_units;
  bool linear = true;
  std::printf("%-24s %14s %14s %8s\n", "text (UTF-16 units)", "ns/unit short", "ns/unit long",
              "ratio");
  for (const Kind& kind : kinds) {
    const std::string short_json =
        description_json(json_text(kind, short_units), total / short_units);
    const std::string long_json = description_json(json_text(kind, long_units), total / long_units);
    double short_s = 1e9, long_s = 1e9;
    // Interleaved, so that a burst of load on the machine falls on both sizes alike.
    for (int round = 0; round < 3; ++round) {
      short_s = std::min(short_s, best_seconds(short_json, 2));
      long_s = std::min(long_s, best_seconds(long_json, 2));
    }
    const double short_ns = short_s * 1e9 / static_cast<double>(total);
    const double long_ns = long_s * 1e9 / static_cast<double>(total);
    const double ratio = long_ns / short_ns;
    const bool ok = ratio <= limit;
    linear = linear && ok;
    std::printf("%-24s %14.2f %14.2f %8.2f%s\n", kind.label, short_ns, long_ns, ratio,
                ok ? "" : "  NOT LINEAR");
  }
  std::printf("%zu and %zu units a string, %zu units in all; limit %.1f: %s\n", short_units,
              long_units, total, limit, linear ? "linear" : "NOT LINEAR");
  return linear ? 0 : 1;
}
