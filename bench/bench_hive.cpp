// Offline hives: install and uninstall --hive of 1,000 … 10,000 classes into an empty hive and
// into a SOFTWARE-like hive of about a million keys (built here with comreg's own writer),
// commit included (the file read, edited, written and renamed; opening alone is timed too);
// medians of several runs, with the file's size and how compact it is (the file against the
// bytes its cells use).
// Beside it, the same changes through `hivexregedit --merge` of the plan's .reg (at 1,000 and
// 2,000 classes: hivex copies a wide key's whole subkey list for every child it adds).
// Usage: bench_hive [classes=1000,10000] [hive-keys=1000000] [repetitions=3] [merge=1000,2000]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "comreg/apply/apply.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/store/hive_backend.hpp"
#include "comreg/store/hive_file_commit.hpp"
#include "comreg/store/memory_backend.hpp"
#include "synthetic_description.hpp"
#include "synthetic_registration.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

const std::string mount = "HKEY_LOCAL_MACHINE\\SOFTWARE";

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of this process, or of its finished children, in ms: on a loaded machine the
// figure that says what the work costs (wall time is printed too).
double cpu_ms(int who = RUSAGE_SELF) {
  rusage u{};
  getrusage(who, &u);
  return (static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::vector<std::size_t> numbers(const char* list) {
  std::vector<std::size_t> out;
  for (const char* p = list; *p != '\0';) {
    char* end = nullptr;
    out.push_back(std::strtoul(p, &end, 10));
    p = *end == ',' ? end + 1 : end;
    if (end == p && *p != '\0') break;
  }
  return out;
}

void fail(const std::string& what) {
  std::fprintf(stderr, "bench_hive: %s\n", what.c_str());
  std::exit(2);
}

void must(const comreg::Status& s) {
  if (!s.ok()) fail(s.message);
}

std::unique_ptr<comreg::HiveBackend> open_hive(const std::string& file) {
  auto opened = comreg::HiveBackend::open(file, mount, true);
  if (!opened.backend) fail(opened.status.message);
  return std::move(opened.backend);
}

// Opened as the CLI's install and uninstall open it: the file locked for the run, which is
// also what lets a commit write the hive in place.
std::unique_ptr<comreg::HiveBackend> open_locked(const std::string& file) {
  std::string why;
  auto lock = comreg::HiveFileLock::take(file, why);
  if (!lock) fail(why);
  auto hive = open_hive(file);
  hive->keep(std::move(*lock));
  return hive;
}

using Registration = comreg::bench::SyntheticRegistration;

std::string guid(const char* kind, std::size_t i) {
  char text[64];
  std::snprintf(text, sizeof text, "{%08zX-%s-4000-8000-%012zX}", i * 2654435761u % 0xFFFFFFFFu,
                kind, i);
  return text;
}

// A SOFTWARE hive of about `keys` keys in the proportions of a real one: classes (CLSIDs with
// their servers, ProgIDs, interfaces, type libraries) and vendors' settings trees.
std::size_t build_software_hive(const std::string& file, std::size_t keys) {
  must(comreg::create_empty_hive(file));
  auto hive = open_hive(file);
  const double scale = static_cast<double>(keys) / 1'066'000.0;
  const auto n = [&](double base) { return static_cast<std::size_t>(base * scale); };
  const std::string classes = mount + "\\Classes";
  std::size_t made = 0;
  const auto sz = [](const std::string& s) { return comreg::RegValue::sz(s); };
  for (std::size_t i = 0; i < n(50'000); ++i, made += 3) {
    const std::string k = classes + "\\CLSID\\" + guid("C1A5", i);
    must(hive->set_value(k, "", sz("Vendor Component " + std::to_string(i))));
    must(hive->set_value(k + "\\InprocServer32", "",
                         sz("C:\\Program Files\\Vendor\\component" + std::to_string(i) + ".dll")));
    must(hive->set_value(k + "\\InprocServer32", "ThreadingModel", sz("Both")));
    must(hive->set_value(k + "\\ProgID", "", sz("Vendor.Component" + std::to_string(i) + ".1")));
  }
  for (std::size_t i = 0; i < n(50'000); ++i, made += 2) {
    const std::string k = classes + "\\Vendor.Component" + std::to_string(i) + ".1";
    must(hive->set_value(k, "", sz("Vendor Component " + std::to_string(i))));
    must(hive->set_value(k + "\\CLSID", "", sz(guid("C1A5", i))));
  }
  for (std::size_t i = 0; i < n(40'000); ++i, made += 3) {
    const std::string k = classes + "\\Interface\\" + guid("1F0E", i);
    must(hive->set_value(k, "", sz("IVendor" + std::to_string(i))));
    must(hive->set_value(k + "\\ProxyStubClsid32", "",
                         sz("{00020424-0000-0000-C000-000000000046}")));
    must(hive->set_value(k + "\\TypeLib", "", sz(guid("7711", i / 4))));
  }
  for (std::size_t i = 0; i < n(10'000); ++i, made += 4) {
    const std::string k = classes + "\\TypeLib\\" + guid("7711", i);
    must(hive->set_value(k + "\\1.0", "", sz("Vendor Library " + std::to_string(i))));
    must(hive->set_value(k + "\\1.0\\0\\win64", "",
                         sz("C:\\Vendor\\lib" + std::to_string(i) + ".tlb")));
  }
  for (std::size_t v = 0; v < n(400); ++v) {
    for (std::size_t p = 0; p < 40; ++p, ++made) {
      const std::string product =
          mount + "\\Vendor" + std::to_string(v) + "\\Product" + std::to_string(p);
      for (std::size_t s = 0; s < 40; ++s, ++made) {
        const std::string k = product + "\\Settings" + std::to_string(s);
        must(hive->set_value(k, "Enabled", comreg::RegValue::dword(static_cast<std::uint32_t>(s))));
        must(hive->set_value(k, "Path", sz("C:\\ProgramData\\Vendor" + std::to_string(v))));
      }
    }
  }
  must(hive->commit());
  return made;
}

// The file's size over the bytes a perfectly packed hive needs: base block and cells in use.
double compact_ratio(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  const std::vector<std::uint8_t> b{std::istreambuf_iterator<char>(in),
                                    std::istreambuf_iterator<char>()};
  const auto u32 = [&](std::size_t at) {
    return static_cast<std::uint32_t>(b[at] | b[at + 1] << 8 | b[at + 2] << 16) |
           static_cast<std::uint32_t>(b[at + 3]) << 24;
  };
  std::size_t used = 4096;
  for (std::size_t bin = 4096; bin + 32 <= b.size() && std::memcmp(&b[bin], "hbin", 4) == 0;) {
    const std::size_t end = bin + u32(bin + 8);
    for (std::size_t at = bin + 32; at + 4 <= end && at + 4 <= b.size();) {
      const auto size = static_cast<std::int32_t>(u32(at));
      if (size == 0) break;
      if (size < 0) used += static_cast<std::size_t>(-static_cast<std::int64_t>(size));
      at += static_cast<std::size_t>(size < 0 ? -static_cast<std::int64_t>(size) : size);
    }
    bin = end;
  }
  return static_cast<double>(b.size()) / static_cast<double>(used);
}

double mb(std::uintmax_t bytes) {
  return static_cast<double>(bytes) / 1e6;
}

struct Result {
  double install_ms, uninstall_ms, install_cpu, uninstall_cpu, installed_mb, uninstalled_mb, ratio;
  double open_cpu;  // opening the file alone (read and parsed), part of every install
};

Result measure(const std::string& base, const std::string& work, const Registration& r, int reps) {
  std::vector<double> installs, uninstalls, install_cpus, uninstall_cpus, open_cpus;
  Result out{};
  for (int i = 0; i < reps; ++i) {
    fs::copy_file(base, work, fs::copy_options::overwrite_existing);
    double c0 = cpu_ms();
    open_hive(work);
    open_cpus.push_back(cpu_ms() - c0);
    auto t0 = Clock::now();
    c0 = cpu_ms();
    {
      auto hive = open_locked(work);
      const auto report = comreg::install(r.plan, *hive, r.options);
      if (!report.status.ok()) fail(report.status.message);
      must(hive->commit());
    }
    installs.push_back(ms_since(t0));
    install_cpus.push_back(cpu_ms() - c0);
    out.installed_mb = mb(fs::file_size(work));
    out.ratio = compact_ratio(work);
    t0 = Clock::now();
    c0 = cpu_ms();
    {
      auto hive = open_locked(work);
      const auto report = comreg::uninstall(r.plan, *hive, r.options);
      if (!report.status.ok()) fail(report.status.message);
      must(hive->commit());
    }
    uninstalls.push_back(ms_since(t0));
    uninstall_cpus.push_back(cpu_ms() - c0);
    out.uninstalled_mb = mb(fs::file_size(work));
  }
  out.install_ms = median(installs);
  out.uninstall_ms = median(uninstalls);
  out.install_cpu = median(install_cpus);
  out.uninstall_cpu = median(uninstall_cpus);
  out.open_cpu = median(open_cpus);
  return out;
}

// `reg` with every missing parent key first: hivexregedit --merge creates only the keys a .reg
// names, not their parents (Classes, CLSID … in an empty hive).
std::string with_parents(const std::string& reg) {
  std::vector<std::string> keys;
  for (std::size_t at = 0; (at = reg.find("\r\n[", at)) != std::string::npos;) {
    at += 3;
    const std::size_t end = reg.find(']', at);
    if (reg[at] != '-') keys.push_back(reg.substr(at, end - at));
  }
  std::vector<std::string> parents;
  for (const auto& key : keys) {
    for (std::size_t sep = key.find('\\', mount.size() + 1); sep != std::string::npos;
         sep = key.find('\\', sep + 1)) {
      parents.push_back(key.substr(0, sep));
    }
  }
  std::sort(parents.begin(), parents.end());
  parents.erase(std::unique(parents.begin(), parents.end()), parents.end());
  std::string out = "REGEDIT4\r\n\r\n";
  for (const auto& parent : parents) out += "[" + parent + "]\r\n\r\n";
  return out + reg.substr(reg.find("\r\n") + 2);
}

void write_text(const std::string& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

double run_merge(const std::string& hive, const std::string& reg) {
  const std::string command =
      "hivexregedit --merge --prefix 'HKEY_LOCAL_MACHINE\\SOFTWARE' '" + hive + "' '" + reg + "'";
  const auto t0 = Clock::now();
  if (std::system(command.c_str()) != 0) fail("failed: " + command);
  return ms_since(t0);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::size_t> sizes = numbers(argc > 1 ? argv[1] : "1000,10000");
  const std::size_t hive_keys = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 1'000'000;
  const int reps = argc > 3 ? std::atoi(argv[3]) : 3;
  const std::vector<std::size_t> merges = numbers(argc > 4 ? argv[4] : "1000,2000");
  const fs::path dir = fs::temp_directory_path() / "comreg-bench-hive";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string empty = (dir / "empty.hive").string();
  const std::string software = (dir / "software.hive").string();
  const std::string work = (dir / "work.hive").string();
  must(comreg::create_empty_hive(empty));

  auto t0 = Clock::now();
  const std::size_t keys = build_software_hive(software, hive_keys);
  std::printf("SOFTWARE-like hive: %zu keys, %.1f MB, built in %.0f ms (compact ratio %.2f)\n",
              keys, mb(fs::file_size(software)), ms_since(t0), compact_ratio(software));

  std::printf(
      "\ncomreg install/uninstall --hive, machine scope, commit included; median of %d; "
      "CPU ms (wall ms)\n",
      reps);
  std::printf("%-10s %8s %8s %18s %9s %18s %9s %11s %8s %8s\n", "hive", "classes", "ops",
              "install ms", "us/class", "uninstall ms", "file MB", "file/cells", "open ms",
              "after MB");
  for (const std::size_t classes : sizes) {
    const Registration r = comreg::bench::synthetic_registration(classes);
    {
      // The same plan on the memory store: what apply itself costs, without any file.
      comreg::MemoryBackend memory;
      const double c0 = cpu_ms();
      if (!comreg::install(r.plan, memory, r.options).status.ok()) fail("memory install");
      const double c1 = cpu_ms();
      if (!comreg::uninstall(r.plan, memory, r.options).status.ok()) fail("memory uninstall");
      std::printf("%-10s %8zu %8zu %8.0f %19.1f %8.0f\n", "(memory)", classes, r.plan.ops.size(),
                  c1 - c0, (c1 - c0) * 1e3 / static_cast<double>(classes), cpu_ms() - c1);
    }
    for (const auto& [label, base] : {std::pair{"empty", empty}, std::pair{"SOFTWARE", software}}) {
      const Result f = measure(base, work, r, reps);
      std::printf("%-10s %8zu %8zu %8.0f (%7.0f) %9.1f %8.0f (%7.0f) %9.2f %11.2f %8.0f %8.2f\n",
                  label, classes, r.plan.ops.size(), f.install_cpu, f.install_ms,
                  f.install_cpu * 1e3 / static_cast<double>(classes), f.uninstall_cpu,
                  f.uninstall_ms, f.installed_mb, f.ratio, f.open_cpu, f.uninstalled_mb);
      std::fflush(stdout);
    }
  }

  std::printf(
      "\nthe same into the empty hive by hivexregedit --merge of the plan's .reg "
      "(one run each, CPU ms; comreg's figures from the same run)\n");
  std::printf("%8s %14s %14s %9s %11s %14s %13s %14s\n", "classes", "hivex inst. ms",
              "hivex unin. ms", "file MB", "file/cells", "comreg inst ms", "comreg MB",
              "time, size x");
  for (const std::size_t classes : merges) {
    const Registration r = comreg::bench::synthetic_registration(classes);
    comreg::RegWriteOptions options;
    options.format = comreg::RegFormat::regedit4;
    const auto install_reg = comreg::write_reg(r.plan, options);
    options.uninstall = true;
    const auto uninstall_reg = comreg::write_reg(r.plan, options);
    if (install_reg.bytes.empty() || uninstall_reg.bytes.empty()) fail("cannot write the .reg");
    const std::string install_file = (dir / "install.reg").string();
    const std::string uninstall_file = (dir / "uninstall.reg").string();
    write_text(install_file, with_parents(install_reg.bytes));
    write_text(uninstall_file, uninstall_reg.bytes);
    fs::copy_file(empty, work, fs::copy_options::overwrite_existing);
    const double hivex_install = run_merge(work, install_file);
    const auto hivex_size = fs::file_size(work);
    const double hivex_ratio = compact_ratio(work);
    const double hivex_uninstall = run_merge(work, uninstall_file);
    const Result ours = measure(empty, work, r, reps);
    std::printf("%8zu %14.0f %14.0f %9.2f %11.2f %14.0f %13.2f %6.0fx %6.1fx\n", classes,
                hivex_install, hivex_uninstall, mb(hivex_size), hivex_ratio, ours.install_cpu,
                ours.installed_mb, hivex_install / ours.install_cpu,
                mb(hivex_size) / ours.installed_mb);
    std::fflush(stdout);
  }
  fs::remove_all(dir);
  return 0;
}
