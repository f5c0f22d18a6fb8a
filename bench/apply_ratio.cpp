// The CI check that apply stays linear (issue 16): install and then uninstall of 1,000 and of
// 10,000 classes on the memory store (apply alone, no file), in this one process, the best CPU
// time of several repetitions of each, and a failure when the time per class at 10,000 is more
// than 3× that at 1,000, for the install or for the uninstall. A ratio measured in one run
// cancels most of a shared machine's noise; a quadratic step makes it 10×.
// With large=0 it runs the small size once and checks nothing (for callgrind).
// Usage: bench_apply_ratio [small=1000] [large=10000] [limit=3]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "comreg/apply/apply.hpp"
#include "comreg/store/memory_backend.hpp"
#include "linearity_check.hpp"
#include "synthetic_registration.hpp"

namespace {

using Registration = comreg::bench::SyntheticRegistration;

double cpu_seconds() {
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

struct Seconds {
  double install = 1e9;
  double uninstall = 1e9;
};

// Best CPU seconds of install and of uninstall over `reps` cycles on a fresh memory store; each
// uninstall must take the classes away again, or the figures are of something else.
void cycle(const Registration& r, int reps, Seconds& best) {
  for (int i = 0; i < reps; ++i) {
    comreg::MemoryBackend store;
    const double t0 = cpu_seconds();
    const comreg::ApplyReport in = comreg::install(r.plan, store, r.options);
    const double t1 = cpu_seconds();
    const comreg::ApplyReport out = comreg::uninstall(r.plan, store, r.options);
    const double t2 = cpu_seconds();
    if (!in.status.ok() || !out.status.ok() || in.changes.empty() ||
        store.key_exists(comreg::registry_path(r.plan, "CLSID", store))) {
      std::fprintf(stderr, "install or uninstall failed, or left keys behind\n");
      std::exit(2);
    }
    best.install = std::min(best.install, t1 - t0);
    best.uninstall = std::min(best.uninstall, t2 - t1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  comreg::bench::keep_freed_memory_in_heap();
  const comreg::bench::LinearityArgs args = comreg::bench::linearity_args(argc, argv);
  const std::size_t small = args.small, large = args.large;
  const Registration small_r = comreg::bench::synthetic_registration(small);
  if (large == 0) {
    Seconds once;
    cycle(small_r, 1, once);
    std::printf("%zu classes: install %.1f ms, uninstall %.1f ms (CPU)\n", small,
                once.install * 1e3, once.uninstall * 1e3);
    return 0;
  }
  const Registration large_r = comreg::bench::synthetic_registration(large);
  // Interleaved, so that a burst of load on the machine falls on both sizes alike.
  Seconds small_s, large_s;
  for (int round = 0; round < 3; ++round) {
    cycle(small_r, 3, small_s);
    cycle(large_r, 1, large_s);
  }
  const bool install_linear =
      comreg::bench::report_ratio("install (memory store)", small_s.install, large_s.install, args);
  const bool uninstall_linear = comreg::bench::report_ratio(
      "uninstall (memory store)", small_s.uninstall, large_s.uninstall, args);
  return install_linear && uninstall_linear ? 0 : 1;
}
