// The CI check that the pipeline stays linear (issue 16): validate, plan, .reg and manifest of
// 1,000 and of 10,000 classes in this one process, the best of several repetitions of each, and
// a failure when the time per class at 10,000 is more than 3× that at 1,000. A ratio measured in
// one run cancels most of a shared machine's noise; a quadratic step makes it 10×. Lint (on a
// loaded description) is timed and judged the same way on its own: a quadratic rule in it was
// lost in the noise of the whole pipeline.
// Usage: bench_pipeline_ratio [small=1000] [large=10000] [limit=3]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "comreg/description/description_loader.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/lint/lint.hpp"
#include "comreg/plan/plan.hpp"
#include "synthetic_description.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

comreg::Description load(const std::string& json) {
  comreg::LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Synthetic";
  comreg::LoadResult loaded = comreg::load_description(json, "synthetic.json", options);
  if (!loaded.description) {
    std::fprintf(stderr, "the synthetic description does not validate\n");
    std::exit(2);
  }
  return std::move(*loaded.description);
}

// CPU seconds of the whole pipeline on `json`, best of `reps`: the least disturbed run.
double best_pipeline_seconds(const std::string& json, int reps) {
  double best = 1e9;
  for (int r = 0; r < reps; ++r) {
    const std::clock_t t0 = std::clock();
    const comreg::Description description = load(json);
    const comreg::Plan plan = comreg::make_plan(description, {});
    const comreg::RegWriteResult reg = comreg::write_reg(plan, {});
    const comreg::ManifestResult manifest = comreg::write_component_manifest(description);
    const std::clock_t t1 = std::clock();
    if (reg.bytes.empty() || manifest.xml.empty()) std::exit(2);
    best = std::min(best, static_cast<double>(t1 - t0) / CLOCKS_PER_SEC);
  }
  return best;
}

// CPU seconds of lint on `description` (machine scope, where every rule runs), best of `reps`.
double best_lint_seconds(const comreg::Description& description, int reps) {
  comreg::PlanOptions options;
  options.scope = comreg::Scope::machine;
  double best = 1e9;
  for (int r = 0; r < reps; ++r) {
    const std::clock_t t0 = std::clock();
    const comreg::Diagnostics findings = comreg::lint(description, options);
    const std::clock_t t1 = std::clock();
    if (findings.empty()) std::exit(2);  // the synthetic servers have findings
    best = std::min(best, static_cast<double>(t1 - t0) / CLOCKS_PER_SEC);
  }
  return best;
}

struct Ratio {
  double small_us, large_us;
  [[nodiscard]] double value() const { return large_us / small_us; }
};

bool report(const char* what, const Ratio& r, std::size_t small, std::size_t large, double limit) {
  std::printf("%s, best CPU time per class:\n", what);
  std::printf("  %6zu classes: %8.2f us/class (%.1f ms)\n", small, r.small_us,
              r.small_us * static_cast<double>(small) / 1e3);
  std::printf("  %6zu classes: %8.2f us/class (%.1f ms)\n", large, r.large_us,
              r.large_us * static_cast<double>(large) / 1e3);
  const bool linear = r.value() <= limit;
  std::printf("ratio %.2f (limit %.1f): %s\n", r.value(), limit, linear ? "linear" : "NOT LINEAR");
  return linear;
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
  double small_s = 1e9, large_s = 1e9, small_lint_s = 1e9, large_lint_s = 1e9;
  const comreg::Description small_description = load(small_json);
  const comreg::Description large_description = load(large_json);
  for (int round = 0; round < 3; ++round) {
    small_s = std::min(small_s, best_pipeline_seconds(small_json, 5));
    large_s = std::min(large_s, best_pipeline_seconds(large_json, 1));
    small_lint_s = std::min(small_lint_s, best_lint_seconds(small_description, 5));
    large_lint_s = std::min(large_lint_s, best_lint_seconds(large_description, 1));
  }
  const auto per_class = [](double seconds, std::size_t classes) {
    return seconds * 1e6 / static_cast<double>(classes);
  };
  const bool pipeline_linear =
      report("pipeline (validate, plan, .reg, manifest)",
             {per_class(small_s, small), per_class(large_s, large)}, small, large, limit);
  const bool lint_linear =
      report("lint (machine scope)",
             {per_class(small_lint_s, small), per_class(large_lint_s, large)}, small, large, limit);
  return pipeline_linear && lint_linear ? 0 : 1;
}
