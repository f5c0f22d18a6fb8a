#include "registry_target.hpp"

#include <cstdio>
#include <cstdlib>

#include "cli_error.hpp"
#include "comreg/apply/journal.hpp"
#include "comreg/testing/fault_backend.hpp"

namespace comreg::cli {
namespace {

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
  std::optional<KeyCounts> key_counts(std::string_view key) const override {
    return fault_.key_counts(key);
  }
  void expect_whole_key_reads() const override { fault_.expect_whole_key_reads(); }
  Status commit() override { return fault_.commit(); }
  bool can_discard() const override { return fault_.can_discard(); }
  bool discard() override { return fault_.discard(); }
  bool redirects_views() const override { return fault_.redirects_views(); }
  bool holds(std::string_view key) const override { return fault_.holds(key); }

 private:
  std::unique_ptr<RegistryBackend> inner_;
  FaultInjectingBackend fault_;
};

}  // namespace

void open_target(const RegistrySpec& spec, const RegistryOpenOptions& options,
                 RegistryTarget& out) {
  Diagnostics diagnostics;
  OpenedRegistry opened = open_registry(spec, options, diagnostics);
  if (!opened.backend) {
    CliError error;
    for (const auto& d : diagnostics) {
      if (d.severity == Severity::error) error.messages.push_back(d.message);
    }
    throw error;
  }
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::warning)
      std::fprintf(stderr, "comreg: warning: %s\n", d.message.c_str());
    if (d.severity == Severity::note) std::fprintf(stderr, "comreg: note: %s\n", d.message.c_str());
  }
  static_cast<OpenedRegistry&>(out) = std::move(opened);
}

void open_journal(RegistryTarget& target) {
  if (!target.journal_site || target.journal.is_open()) return;
  if (const Status s = target.journal.open(*target.journal_site); !s.ok()) fail(s.message);
}

void recover_unfinished(RegistryTarget& target) {
  if (!target.journal_site) return;
  open_journal(target);
  const RecoverReport report = recover(target.journal, *target.backend);
  if (!report.found) return;
  if (!report.status.ok()) fail(report.status.message);
  std::fprintf(stderr,
               "comreg: note: an unfinished %s was found (journal %s) and rolled back: %zu "
               "change%s\n",
               report.journal.operation.c_str(), target.journal.path().c_str(),
               report.changes.size(), report.changes.size() == 1 ? "" : "s");
}

void report_unfinished(const OpenedRegistry& target, bool dry_run) {
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
  // Digits only: the narrow environment reads them the same on every platform.
  const char* set = std::getenv("COMREG_TEST_DIE_AFTER_WRITES");
  const std::string k = set == nullptr ? std::string() : std::string(set);
  if (k.empty()) return;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(k.c_str(), &end, 10);
  if (end == k.c_str() || *end != '\0') return;
  target.backend =
      std::make_unique<OwningFaultBackend>(std::move(target.backend), static_cast<std::size_t>(n));
}

}  // namespace comreg::cli
