// The CI check that the pipeline stays linear (issue 16): validate, plan, .reg and manifest of
// 1,000 and of 10,000 classes in this one process, the best of several repetitions of each, and
// a failure when the time per class at 10,000 is more than 3× that at 1,000. A ratio measured in
// one run cancels most of a shared machine's noise; a quadratic step makes it 10×.
// Usage: bench_pipeline_ratio [small=1000] [large=10000] [limit=3]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "comreg/description/description_loader.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/plan/plan.hpp"
#include "synthetic_description.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

// CPU seconds of the whole pipeline on `json`, best of `reps`: the least disturbed run.
double best_pipeline_seconds(const std::string& json, int reps) {
  comreg::LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Synthetic";
  double best = 1e9;
  for (int r = 0; r < reps; ++r) {
    const std::clock_t t0 = std::clock();
    comreg::LoadResult loaded = comreg::load_description(json, "synthetic.json", options);
    if (!loaded.description) {
      std::fprintf(stderr, "the synthetic description does not validate\n");
      std::exit(2);
    }
    const comreg::Plan plan = comreg::make_plan(*loaded.description, {});
    const comreg::RegWriteResult reg = comreg::write_reg(plan, {});
    const comreg::ManifestResult manifest = comreg::write_component_manifest(*loaded.description);
    const std::clock_t t1 = std::clock();
    if (reg.bytes.empty() || manifest.xml.empty()) std::exit(2);
    best = std::min(best, static_cast<double>(t1 - t0) / CLOCKS_PER_SEC);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // Freed memory stays in the heap for the next repetition, at both sizes. Without this, glibc
  // gives blocks over 32 MB (only the large size has them) back to the kernel at each free, and
  // the large size alone pays fresh page faults every time: on a virtual machine that made the
  // ratio 6.8 for code whose ratio on a warm heap is 1.3 (docs/performance.md).
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  const std::size_t small = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
  const std::size_t large = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 10000;
  const double limit = argc > 3 ? std::atof(argv[3]) : 3.0;
  const std::string small_json = comreg::bench::synthetic_description(small);
  const std::string large_json = comreg::bench::synthetic_description(large);
  // Interleaved, so that a burst of load on the machine falls on both sizes alike.
  double small_s = 1e9, large_s = 1e9;
  for (int round = 0; round < 3; ++round) {
    small_s = std::min(small_s, best_pipeline_seconds(small_json, 5));
    large_s = std::min(large_s, best_pipeline_seconds(large_json, 1));
  }
  const double small_us = small_s * 1e6 / static_cast<double>(small);
  const double large_us = large_s * 1e6 / static_cast<double>(large);
  const double ratio = large_us / small_us;
  std::printf("pipeline (validate, plan, .reg, manifest), best CPU time per class:\n");
  std::printf("  %6zu classes: %8.2f us/class (%.1f ms)\n", small, small_us, small_s * 1e3);
  std::printf("  %6zu classes: %8.2f us/class (%.1f ms)\n", large, large_us, large_s * 1e3);
  std::printf("ratio %.2f (limit %.1f): %s\n", ratio, limit,
              ratio <= limit ? "linear" : "NOT LINEAR");
  return ratio <= limit ? 0 : 1;
}
