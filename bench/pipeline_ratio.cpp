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
#include "linearity_check.hpp"
#include "synthetic_description.hpp"

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

}  // namespace

int main(int argc, char** argv) {
  comreg::bench::keep_freed_memory_in_heap();
  const comreg::bench::LinearityArgs args = comreg::bench::linearity_args(argc, argv);
  const std::size_t small = args.small, large = args.large;
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
  const bool pipeline_linear = comreg::bench::report_ratio(
      "pipeline (validate, plan, .reg, manifest)", small_s, large_s, args);
  const bool lint_linear =
      comreg::bench::report_ratio("lint (machine scope)", small_lint_s, large_lint_s, args);
  return pipeline_linear && lint_linear ? 0 : 1;
}
