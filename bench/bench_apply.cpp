// Times install and uninstall of a synthetic description on the memory store (1,000 classes by
// default) and on an offline hive (100), with 0, 1, 4 and 16 other registrations of the same
// size already recorded: install reads every record (its place in the chains), uninstall reads
// and indexes every other record's claims, so the cost of the others shows per class.
// No journal file (its durable write is the same for every case); the in-memory journal and
// the hive's commit (the whole file written and renamed) are counted. Hives are smaller
// because hivex never reuses a freed block: each key added to a container copies the
// container's whole subkey list, so 17 × 1,000 classes make a hive of more than 500 MB.
// Usage: bench_apply [classes=1000] [hive-classes=100] [repetitions=3]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "comreg/apply/apply.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/store/memory_backend.hpp"
#if COMREG_HAVE_HIVEX
#include "comreg/store/hive_backend.hpp"
#endif
#include "synthetic_description.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Registration {
  comreg::Plan plan;
  comreg::ApplyOptions options;
};

Registration synthetic(std::size_t classes, std::size_t set) {
  comreg::LoadOptions load;
  load.defines["installdir"] = "C:\\Program Files\\Synthetic";
  auto loaded = comreg::load_description(comreg::bench::synthetic_description(classes, set),
                                         "synthetic.json", load);
  if (!loaded.description) {
    std::fprintf(stderr, "synthetic description %zu does not validate\n", set);
    std::exit(2);
  }
  Registration r;
  r.plan = comreg::make_plan(*loaded.description, {});  // user scope, 64-bit view
  r.options.owner = loaded.description->assembly.name + " " + loaded.description->assembly.version;
  return r;
}

void must(const comreg::ApplyReport& report, const char* what) {
  if (!report.status.ok()) {
    std::fprintf(stderr, "%s failed: %s\n", what, report.status.message.c_str());
    std::exit(2);
  }
}

// A store in a given state, fresh for each repetition.
struct Store {
  std::function<comreg::RegistryBackend&()> open;  // the store, as the others left it
  std::function<void()> close;
};

struct Figures {
  double install_ms = 0;
  double uninstall_ms = 0;
  std::size_t install_changes = 0;
  std::size_t uninstall_changes = 0;
};

Figures measure(const Store& store, const Registration& timed, int reps) {
  std::vector<double> installs, uninstalls;
  Figures f;
  for (int r = 0; r < reps; ++r) {
    comreg::RegistryBackend& registry = store.open();
    auto t0 = Clock::now();
    const comreg::ApplyReport in = comreg::install(timed.plan, registry, timed.options);
    installs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    must(in, "install");
    f.install_changes = in.changes.size();
    t0 = Clock::now();
    const comreg::ApplyReport out = comreg::uninstall(timed.plan, registry, timed.options);
    uninstalls.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    must(out, "uninstall");
    f.uninstall_changes = out.changes.size();
    store.close();
  }
  f.install_ms = median(installs);
  f.uninstall_ms = median(uninstalls);
  return f;
}

void print(const char* store, std::size_t others, std::size_t classes, const Figures& f) {
  const double per = 1e3 / static_cast<double>(classes);  // ms in total -> µs per class
  std::printf("%-7s %6zu %12.2f %10.1f %12.2f %10.1f %8zu %8zu\n", store, others, f.install_ms,
              f.install_ms * per, f.uninstall_ms, f.uninstall_ms * per, f.install_changes,
              f.uninstall_changes);
  std::fflush(stdout);
}

constexpr std::size_t counts[] = {0, 1, 4, 16};

// The timed registration (set 0) and the others (sets 1 … 16), `classes` each.
struct Registrations {
  Registration timed;
  std::vector<Registration> others;
};

Registrations registrations(std::size_t classes, const char* store, int reps) {
  Registrations r{synthetic(classes, 0), {}};
  for (std::size_t i = 1; i <= counts[std::size(counts) - 1]; ++i) {
    r.others.push_back(synthetic(classes, i));
  }
  std::printf(
      "\n%s: install then uninstall of %zu classes (%zu plan operations) with N other "
      "registrations of %zu classes recorded; median of %d\n",
      store, classes, r.timed.plan.ops.size(), classes, reps);
  std::printf("%-7s %6s %12s %10s %12s %10s %8s %8s\n", "store", "N", "install ms", "us/class",
              "uninst. ms", "us/class", "changes", "changes");
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t classes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
  const std::size_t hive_classes = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 100;
  const int reps = argc > 3 ? std::atoi(argv[3]) : 3;
  std::printf("comreg apply benchmark (no journal file; wall time)\n");

  const Registrations memory = registrations(classes, "memory store", reps);
  for (const std::size_t n : counts) {
    comreg::MemoryBackend base;
    for (std::size_t i = 0; i < n; ++i) {
      must(comreg::install(memory.others[i].plan, base, memory.others[i].options), "setup");
    }
    comreg::MemoryBackend copy;
    const Store store{[&]() -> comreg::RegistryBackend& {
                        copy = base;
                        return copy;
                      },
                      [] {}};
    print("memory", n, classes, measure(store, memory.timed, reps));
  }

#if COMREG_HAVE_HIVEX
  namespace fs = std::filesystem;
  const Registrations hives = registrations(hive_classes, "offline hive (commit included)", reps);
  const fs::path dir = fs::temp_directory_path() / "comreg-bench-apply";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string base = (dir / "base.hive").string();
  const std::string work = (dir / "work.hive").string();
  for (const std::size_t n : counts) {
    fs::remove(base);
    if (!comreg::create_empty_hive(base).ok()) {
      std::fprintf(stderr, "cannot create %s\n", base.c_str());
      return 2;
    }
    {
      auto hive = comreg::HiveBackend::open(base, "HKCU", true);
      if (!hive.backend) {
        std::fprintf(stderr, "%s\n", hive.status.message.c_str());
        return 2;
      }
      for (std::size_t i = 0; i < n; ++i) {
        must(comreg::install(hives.others[i].plan, *hive.backend, hives.others[i].options),
             "setup");
      }
    }
    std::unique_ptr<comreg::HiveBackend> open;
    const Store store{[&]() -> comreg::RegistryBackend& {
                        fs::copy_file(base, work, fs::copy_options::overwrite_existing);
                        auto hive = comreg::HiveBackend::open(work, "HKCU", true);
                        if (!hive.backend) {
                          std::fprintf(stderr, "%s\n", hive.status.message.c_str());
                          std::exit(2);
                        }
                        open = std::move(hive.backend);
                        return *open;
                      },
                      [&] { open.reset(); }};
    const Figures f = measure(store, hives.timed, reps);
    print("hive", n, hive_classes, f);
    std::printf("        (hive file with the %zu others: %.1f MB)\n", n,
                static_cast<double>(fs::file_size(base)) / 1e6);
  }
  fs::remove_all(dir);
#endif
  return 0;
}
