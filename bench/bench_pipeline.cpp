// Times each stage of the pipeline on a synthetic 10,000-class description:
// validate (load), plan, .reg (v5 install) and manifest, separately, on one core.
// Usage: bench_pipeline [classes=10000] [repetitions=15]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "comreg/description/description_loader.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/plan/plan.hpp"
#include "peak_rss.hpp"
#include "synthetic_description.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Stage {
  const char* name;
  std::vector<double> ms;
  std::size_t bytes = 0;  // output size (input size for validate)
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <typename F>
void time(Stage& stage, F&& body) {
  const auto t0 = Clock::now();
  stage.bytes = body();
  stage.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t classes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 15;
  const std::string json = comreg::bench::synthetic_description(classes);
  comreg::LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Synthetic";

  Stage validate{"validate", {}}, plan{"plan", {}}, reg{".reg (v5)", {}}, manifest{"manifest", {}};
  std::size_t ops = 0;
  for (int r = 0; r < reps; ++r) {
    // Results are created and destroyed outside the timed regions: the figures are the work
    // of each stage, not the freeing of the previous repetition's output.
    comreg::LoadResult loaded;
    time(validate, [&] {
      loaded = comreg::load_description(json, "synthetic.json", options);
      return json.size();
    });
    if (!loaded.description) {
      std::fprintf(stderr, "synthetic description does not validate:\n%s",
                   comreg::format_diagnostics_json(loaded.diagnostics).c_str());
      return 1;
    }
    comreg::Plan p;
    time(plan, [&] {
      p = comreg::make_plan(*loaded.description, {});
      return std::size_t{0};
    });
    ops = p.ops.size();
    comreg::RegWriteResult reg_file;
    time(reg, [&] {
      reg_file = comreg::write_reg(p, {});
      return reg_file.bytes.size();
    });
    comreg::ManifestResult manifest_file;
    time(manifest, [&] {
      manifest_file = comreg::write_component_manifest(*loaded.description);
      return manifest_file.xml.size();
    });
  }

  std::printf(
      "comreg pipeline benchmark: %zu classes, %zu plan operations, input %.2f MB, "
      "%d repetitions (median)\n",
      classes, ops, static_cast<double>(json.size()) / 1e6, reps);
  std::printf("%-12s %10s %12s %10s\n", "stage", "ms", "bytes", "MB/s");
  double total = 0;
  for (Stage* s : {&validate, &plan, &reg, &manifest}) {
    const double ms = median(s->ms);
    total += ms;
    const double mbs = s->bytes ? static_cast<double>(s->bytes) / 1e6 / (ms / 1e3) : 0.0;
    std::printf("%-12s %10.2f %12zu %10.1f\n", s->name, ms, s->bytes, mbs);
  }
  std::printf("%-12s %10.2f   (goal: < 50 ms)\n", "total", total);
  std::printf("peak RSS: %.1f MB\n", comreg::bench::peak_rss_mb());
  return 0;
}
