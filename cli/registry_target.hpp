// The registry a command works on: its backend, the journal file that makes changes to it all
// or nothing, and its own transaction where it has one. Chosen in one place, for install,
// uninstall, verify and recover alike.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "comreg/apply/journal.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/store/registry_backend.hpp"
#include "comreg/store/registry_transaction.hpp"

namespace comreg::cli {

struct RegistryTarget {
  std::unique_ptr<RegistryBackend> backend;
  std::string id;  // names the registry in messages: "user-64", "machine-32", a hive file
  /// Where its journal lives while a run changes it (none for a hive file, whose commit is
  /// the atomic step).
  std::optional<JournalSite> journal_site;
  RegistryTransaction* transaction = nullptr;  // the backend's own, where it has one
  /// Makes the changes permanent where the store keeps them until told (an offline hive writes
  /// them in one atomic commit); empty for the live registry, which applies each write.
  std::function<Status()> commit;
  JournalStore journal;  // opened by open_journal(), held to the end of the command
};

struct HiveOptions;

/// The offline hive of --hive. Its changes reach the file only through `commit` (a temporary
/// sibling renamed over it), so the file is all or nothing without an on-disk journal; a
/// failed write is still rolled back in memory. Prints why and returns false when it cannot
/// be opened.
bool open_hive_target(const HiveOptions& hive, const PlanOptions& options, bool writable,
                      RegistryTarget& out);

/// The live registry in `options`' scope and view. Prints why and returns false where there
/// is none (the Linux build).
bool open_live_registry(const PlanOptions& options, RegistryTarget& out);

/// The folder of live-registry journals: COMREG_JOURNAL_DIR if set; else, on Windows,
/// %LOCALAPPDATA%\comreg\journal (user scope) or %ProgramData%\comreg\journal (machine scope).
std::string journal_directory(Scope scope);

/// For commands that change the registry: opens the target's journal (its folder checked,
/// the lock taken: another run on it is an error), then rolls back an unfinished run found
/// there and says so on stderr. Returns exit_ok, or the exit code to stop with (an untrusted
/// or corrupt journal: nothing is touched).
int recover_unfinished(RegistryTarget& target);

/// For commands that only read (verify, dry runs): says on stderr when a run is changing the
/// registry now or left an unfinished journal, with 'comreg recover' as the way out. Writes,
/// creates and trusts nothing.
void report_unfinished(const RegistryTarget& target, bool dry_run);

/// Opens the target's journal (see recover_unfinished); prints the error and returns false
/// when it cannot be used.
bool open_journal(RegistryTarget& target);

/// Wraps the target's backend in a FaultInjectingBackend that ends the process after k writes
/// when the test-only variable COMREG_TEST_DIE_AFTER_WRITES=k is set.
void apply_test_fault(RegistryTarget& target);

}  // namespace comreg::cli
