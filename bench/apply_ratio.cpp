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
#include <string>

#include "comreg/apply/apply.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/store/memory_backend.hpp"
#include "synthetic_description.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

struct Registration {
  comreg::Plan plan;
  comreg::ApplyOptions options;
};

Registration synthetic(std::size_t classes) {
  comreg::LoadOptions load;
  load.defines["installdir"] = "C:\\Program Files\\Synthetic";
  auto loaded = comreg::load_description(comreg::bench::synthetic_description(classes),
                                         "synthetic.json", load);
  if (!loaded.description) {
    std::fprintf(stderr, "the synthetic description does not validate\n");
    std::exit(2);
  }
  Registration r;
  r.plan = comreg::make_plan(*loaded.description, {comreg::Scope::machine, comreg::View::v64});
  r.options.owner = loaded.description->assembly.name + " " + loaded.description->assembly.version;
  return r;
}

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

bool report(const char* what, double small_s, double large_s, std::size_t small, std::size_t large,
            double limit) {
  const double small_us = small_s * 1e6 / static_cast<double>(small);
  const double large_us = large_s * 1e6 / static_cast<double>(large);
  std::printf("%s, best CPU time per class:\n", what);
  std::printf("  %6zu classes: %8.2f us/class (%.1f ms)\n", small, small_us, small_s * 1e3);
  std::printf("  %6zu classes: %8.2f us/class (%.1f ms)\n", large, large_us, large_s * 1e3);
  const double ratio = large_us / small_us;
  const bool linear = ratio <= limit;
  std::printf("ratio %.2f (limit %.1f): %s\n", ratio, limit, linear ? "linear" : "NOT LINEAR");
  return linear;
}

}  // namespace

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // As in pipeline_ratio.cpp: freed memory stays in the heap, so the large size does not alone
  // pay fresh page faults for every block over the mmap threshold.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  const std::size_t small = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
  const std::size_t large = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 10000;
  const double limit = argc > 3 ? std::atof(argv[3]) : 3.0;
  const Registration small_r = synthetic(small);
  if (large == 0) {
    Seconds once;
    cycle(small_r, 1, once);
    std::printf("%zu classes: install %.1f ms, uninstall %.1f ms (CPU)\n", small,
                once.install * 1e3, once.uninstall * 1e3);
    return 0;
  }
  const Registration large_r = synthetic(large);
  // Interleaved, so that a burst of load on the machine falls on both sizes alike.
  Seconds small_s, large_s;
  for (int round = 0; round < 3; ++round) {
    cycle(small_r, 3, small_s);
    cycle(large_r, 1, large_s);
  }
  const bool install_linear =
      report("install (memory store)", small_s.install, large_s.install, small, large, limit);
  const bool uninstall_linear =
      report("uninstall (memory store)", small_s.uninstall, large_s.uninstall, small, large, limit);
  return install_linear && uninstall_linear ? 0 : 1;
}
