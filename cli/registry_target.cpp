#include "registry_target.hpp"

#include <cstdio>
#include <cstdlib>

#include "comreg/apply/journal.hpp"
#include "comreg/testing/fault_backend.hpp"
#include "exit_codes.hpp"
#include "hive_source.hpp"
#include "report.hpp"

#ifdef _WIN32
#include <windows.h>

#include "comreg/store/win32_backend.hpp"
#endif

namespace comreg::cli {
namespace {

// An environment variable as UTF-8 ("" when unset).
std::string env(const char* name) {
#ifdef _WIN32
  std::wstring wide(name, name + std::char_traits<char>::length(name));
  const wchar_t* v = _wgetenv(wide.c_str());
  if (v == nullptr) return {};
  const int n = WideCharToMultiByte(CP_UTF8, 0, v, -1, nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(n > 0 ? n - 1 : 0), '\0');
  if (n > 1) WideCharToMultiByte(CP_UTF8, 0, v, -1, out.data(), n, nullptr, nullptr);
  return out;
#else
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
#endif
}

// A wrapper that owns what it wraps.
class OwningFaultBackend final : public RegistryBackend {
 public:
  OwningFaultBackend(std::unique_ptr<RegistryBackend> inner, std::size_t k)
      : inner_(std::move(inner)), fault_(*inner_, k, FaultInjectingBackend::Fault::terminate) {}
  Status create_key(std::string_view key) override { return fault_.create_key(key); }
  Status set_value(std::string_view key, std::string_view name, const RegValue& value) override {
    return fault_.set_value(key, name, value);
  }
  Status delete_value(std::string_view key, std::string_view name) override {
    return fault_.delete_value(key, name);
  }
  Status delete_tree(std::string_view key) override { return fault_.delete_tree(key); }
  bool key_exists(std::string_view key) const override { return fault_.key_exists(key); }
  std::optional<RegValue> get_value(std::string_view key, std::string_view name) const override {
    return fault_.get_value(key, name);
  }
  std::vector<std::string> subkeys(std::string_view key) const override {
    return fault_.subkeys(key);
  }
  std::vector<std::string> value_names(std::string_view key) const override {
    return fault_.value_names(key);
  }
  bool redirects_views() const override { return fault_.redirects_views(); }

 private:
  std::unique_ptr<RegistryBackend> inner_;
  FaultInjectingBackend fault_;
};

}  // namespace

std::string journal_directory(Scope scope) {
  if (std::string dir = env("COMREG_JOURNAL_DIR"); !dir.empty()) return dir;
#ifdef _WIN32
  std::string base = env(scope == Scope::machine ? "ProgramData" : "LOCALAPPDATA");
  if (base.empty()) base = env("LOCALAPPDATA");
  if (base.empty()) base = env("TEMP");
  return base + "\\comreg\\journal";
#else
  (void)scope;
  const std::string home = env("HOME");
  return (home.empty() ? std::string("/tmp") : home + "/.local/state") + "/comreg/journal";
#endif
}

bool open_live_registry(const PlanOptions& options, RegistryTarget& out) {
#ifdef _WIN32
  auto backend = std::make_unique<Win32Backend>(options.view);
  out.transaction = backend.get();
  out.backend = std::move(backend);
  out.journal_site =
      live_journal_site(options.scope, options.view, journal_directory(options.scope));
  out.id = out.journal_site->target;
  return true;
#else
  (void)options;
  (void)out;
  print_error(
      "there is no live Windows registry here: install, uninstall, verify and recover of the live "
      "registry run in the Windows build (comreg.exe); on this system, write a .reg file with "
      "'comreg reg'");
  return false;
#endif
}

bool open_hive_target(const HiveOptions& hive, const PlanOptions& options, bool writable,
                      RegistryTarget& out) {
  OpenedHive opened = open_hive(hive.file, hive.mount, options.scope, writable, hive.create);
  if (!opened.registry) {
    print_error(opened.error);
    return false;
  }
  out.backend = std::move(opened.registry);
  out.commit = std::move(opened.commit);
  out.id = hive.file;
  out.journal_site.reset();  // the hive's own commit is the atomic step
  return true;
}

bool open_journal(RegistryTarget& target) {
  if (!target.journal_site || target.journal.is_open()) return true;
  if (const Status s = target.journal.open(*target.journal_site); !s.ok()) {
    print_error(s.message);
    return false;
  }
  return true;
}

int recover_unfinished(RegistryTarget& target) {
  if (!target.journal_site) return exit_ok;
  if (!open_journal(target)) return exit_usage_or_io;
  const RecoverReport report = recover(target.journal, *target.backend);
  if (!report.found) return exit_ok;
  if (!report.status.ok()) {
    print_error(report.status.message);
    return exit_usage_or_io;
  }
  std::fprintf(stderr,
               "comreg: note: an unfinished %s was found (journal %s) and rolled back: %zu "
               "change%s\n",
               report.journal.operation.c_str(), target.journal.path().c_str(),
               report.changes.size(), report.changes.size() == 1 ? "" : "s");
  return exit_ok;
}

void report_unfinished(const RegistryTarget& target, bool dry_run) {
  if (!target.journal_site) return;
  const std::string path = target.journal_site->path();
  switch (look_for_journal(*target.journal_site)) {
    case JournalState::none:
      return;
    case JournalState::running:
      std::fprintf(stderr,
                   "comreg: warning: another comreg run is changing this registry now (it "
                   "holds %s.lock): what is compared may be half done\n",
                   path.c_str());
      return;
    case JournalState::unfinished:
      std::fprintf(
          stderr,
          "comreg: warning: a run that did not finish left its journal %s: the "
          "registry may be half changed; %s compares it as it is. Run 'comreg recover "
          "--scope %s --view %s' (elevated for the machine registry) to roll it back\n",
          path.c_str(), dry_run ? "this dry run" : "verify",
          target.journal_site->trust == JournalTrust::machine ? "machine" : "user",
          target.journal_site->target.substr(target.journal_site->target.size() - 2).c_str());
      return;
  }
}

void apply_test_fault(RegistryTarget& target) {
  const std::string k = env("COMREG_TEST_DIE_AFTER_WRITES");
  if (k.empty()) return;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(k.c_str(), &end, 10);
  if (end == k.c_str() || *end != '\0') return;
  target.backend =
      std::make_unique<OwningFaultBackend>(std::move(target.backend), static_cast<std::size_t>(n));
}

}  // namespace comreg::cli
