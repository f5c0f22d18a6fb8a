// Times `comreg verify --against export.reg` (the library path the CLI takes) of a 10,000-class
// description against a synthetic whole-HKCR export of about 1,000,000 keys / 200 MB UTF-16LE,
// with the file in the page cache; and `wc -l` on the same file, the floor of any pass over it.
// Usage: bench_verify_export [classes=10000] [runs=5] [export=/tmp/comreg-bench-hkcr.reg]
//        bench_verify_export --generate PATH CLASSES [FILLER%=100]   (writes the export; run
//            in a child so that its memory is not counted; FILLER% scales the other products'
//            keys, for exports of other sizes: peak RSS must not follow the export's size)
#include <sys/resource.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "comreg/description/description_loader.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "peak_rss.hpp"
#include "synthetic_description.hpp"
#include "synthetic_export.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// User + system CPU time of this process, in ms: less disturbed than wall time when the
// machine is shared.
double cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return (static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
          static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

comreg::Plan synthetic_plan(std::size_t classes) {
  comreg::LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Synthetic";
  auto loaded =
      comreg::load_description(comreg::bench::synthetic_description(classes), "synthetic", options);
  if (!loaded.description) {
    std::fprintf(stderr, "synthetic description does not load\n");
    std::exit(2);
  }
  return comreg::make_plan(*loaded.description, {});  // scope user, view 64: the CLI's default
}

std::size_t file_size(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return 0;
  std::fseek(f, 0, SEEK_END);
  const long n = std::ftell(f);
  std::fclose(f);
  return n < 0 ? 0 : static_cast<std::size_t>(n);
}

}  // namespace

int main(int argc, char** argv) {
  if ((argc == 4 || argc == 5) && std::string(argv[1]) == "--generate") {
    const comreg::Plan plan = synthetic_plan(std::stoul(argv[3]));
    comreg::bench::ExportShape shape;
    if (argc == 5) {
      const std::size_t percent = std::stoul(argv[4]);
      for (std::size_t* n : {&shape.classes, &shape.progids, &shape.interfaces, &shape.extensions,
                             &shape.typelibs, &shape.appids}) {
        *n = *n * percent / 100;
      }
    }
    comreg::bench::ExportStats stats;
    if (!comreg::bench::write_synthetic_export(plan, shape, argv[2], stats)) {
      std::fprintf(stderr, "cannot write %s\n", argv[2]);
      return 2;
    }
    std::printf("generated %s: %zu keys, %.1f MB\n", argv[2], stats.keys,
                static_cast<double>(stats.bytes) / 1e6);
    return 0;
  }
  const std::size_t classes = argc > 1 ? std::stoul(argv[1]) : 10000;
  const int runs = argc > 2 ? std::stoi(argv[2]) : 5;
  const std::string path = argc > 3 ? argv[3] : "/tmp/comreg-bench-hkcr.reg";
  if (file_size(path) == 0) {
    const std::string command =
        std::string("\"") + argv[0] + "\" --generate \"" + path + "\" " + std::to_string(classes);
    if (std::system(command.c_str()) != 0) return 2;
  }
  const std::size_t bytes = file_size(path);
  const double mb = static_cast<double>(bytes) / 1e6;

  const comreg::Plan plan = synthetic_plan(classes);
  const double rss_before = comreg::bench::peak_rss_mb();
  // The same options open_registry() (lib/src/open/registry_open.cpp) gives the reader.
  comreg::RegReadOptions options;
  options.file_name = path;
  options.only_under = comreg::verified_roots(plan);
  options.root_aliases.emplace_back("HKEY_CLASSES_ROOT", comreg::classes_root(plan.options.scope));

  std::vector<double> total_ms, read_ms, cpu;
  comreg::RegReadStats stats;
  bool matches = true;
  for (int run = 0; run <= runs; ++run) {  // run 0 brings the file into the page cache
    const auto t0 = Clock::now();
    const double c0 = cpu_ms();
    comreg::MemoryBackend registry;
    comreg::Diagnostics diagnostics;
    if (!comreg::read_reg_file(path, options, registry, diagnostics, &stats)) {
      std::fputs(comreg::format_diagnostic(diagnostics.items().front()).c_str(), stderr);
      return 2;
    }
    const double read = ms_since(t0);
    const comreg::VerifyReport report = comreg::verify(plan, registry);
    matches = matches && report.ok();
    if (run == 0) continue;
    read_ms.push_back(read);
    total_ms.push_back(ms_since(t0));
    cpu.push_back(cpu_ms() - c0);
  }
  std::vector<double> wc_ms;
  const std::string wc = "wc -l < \"" + path + "\" > /dev/null";
  for (int run = 0; run < 3; ++run) {
    const auto t0 = Clock::now();
    if (std::system(wc.c_str()) != 0) return 2;
    wc_ms.push_back(ms_since(t0));
  }
  const double total = median(total_ms), read = median(read_ms), wc_time = median(wc_ms);
  std::printf("export: %s, %.1f MB, %zu key sections (%zu kept, %zu skipped)\n", path.c_str(), mb,
              stats.keys_kept + stats.keys_skipped, stats.keys_kept, stats.keys_skipped);
  std::printf("description: %zu classes, %zu plan operations; verify %s\n", classes,
              plan.ops.size(), matches ? "matches" : "FOUND DIFFERENCES");
  std::printf(
      "verify --against (median of %d): %.1f ms wall, %.0f MB/s (read %.1f ms, compare "
      "%.1f ms)\n",
      runs, total, mb / (total / 1e3), read, total - read);
  std::printf("  CPU time (user + system): %.1f ms, %.0f MB/s\n", median(cpu),
              mb / (median(cpu) / 1e3));
  std::printf("peak RSS: %.1f MB (%.1f MB before reading the export)\n",
              comreg::bench::peak_rss_mb(), rss_before);
  std::printf("wc -l (median of 3, including process start): %.1f ms, %.0f MB/s\n", wc_time,
              mb / (wc_time / 1e3));
  std::printf("ratio verify / wc -l: %.2f\n", total / wc_time);
  return matches ? 0 : 1;
}
