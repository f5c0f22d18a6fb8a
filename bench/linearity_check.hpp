// What the CI linearity checks (bench:pipeline-ratio, bench:apply-ratio) share: the heap kept
// warm, their arguments, and the ratio printed and judged the same way.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace comreg::bench {

/// Freed memory stays in the heap for the next repetition, at both sizes. Without this, glibc
/// gives blocks over 32 MB (only the large size has them) back to the kernel at each free, and
/// the large size alone pays fresh page faults every time: on a virtual machine that made the
/// pipeline's ratio 6.8 for code whose ratio on a warm heap is 1.3 (docs/performance.md).
inline void keep_freed_memory_in_heap() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

/// `[small=1000] [large=10000] [limit=3]` from the command line.
struct LinearityArgs {
  std::size_t small = 1000;
  std::size_t large = 10000;
  double limit = 3.0;
};
inline LinearityArgs linearity_args(int argc, char** argv) {
  LinearityArgs a;
  if (argc > 1) a.small = std::strtoul(argv[1], nullptr, 10);
  if (argc > 2) a.large = std::strtoul(argv[2], nullptr, 10);
  if (argc > 3) a.limit = std::atof(argv[3]);
  return a;
}

/// Prints the best CPU time per class at both sizes and their ratio; true when the ratio is
/// within the limit.
inline bool report_ratio(const char* what, double small_seconds, double large_seconds,
                         const LinearityArgs& a) {
  const double small_us = small_seconds * 1e6 / static_cast<double>(a.small);
  const double large_us = large_seconds * 1e6 / static_cast<double>(a.large);
  std::printf("%s, best CPU time per class:\n", what);
  std::printf("  %6zu classes: %8.2f us/class (%.1f ms)\n", a.small, small_us, small_seconds * 1e3);
  std::printf("  %6zu classes: %8.2f us/class (%.1f ms)\n", a.large, large_us, large_seconds * 1e3);
  const double ratio = large_us / small_us;
  const bool linear = ratio <= a.limit;
  std::printf("ratio %.2f (limit %.1f): %s\n", ratio, a.limit, linear ? "linear" : "NOT LINEAR");
  return linear;
}

}  // namespace comreg::bench
