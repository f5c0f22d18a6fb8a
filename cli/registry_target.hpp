// The registry a command works on: its backend, the journal file that makes changes to it all
// or nothing, and its own transaction where it has one. Chosen in one place, for install,
// uninstall, verify and recover alike.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "comreg/plan.hpp"
#include "comreg/registry_backend.hpp"
#include "comreg/registry_transaction.hpp"

namespace comreg::cli {

struct RegistryTarget {
  std::unique_ptr<RegistryBackend> backend;
  std::string id;            // names the registry in its journal: "user-64", "machine-32"
  std::string journal_path;  // where its journal lives while a run changes it
  RegistryTransaction* transaction = nullptr;  // the backend's own, where it has one
  /// Makes the changes permanent where the store keeps them until told (an offline hive writes
  /// them in one atomic commit); empty for the live registry, which applies each write.
  std::function<Status()> commit;
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

/// Rolls back an unfinished run found on the target, and says so on stderr (a dry run only
/// says so). Returns exit_ok, or the exit code to stop with (a corrupt journal: nothing is
/// touched).
int recover_unfinished(RegistryTarget& target, bool dry_run = false);

/// Wraps the target's backend in a FaultInjectingBackend that ends the process after k writes
/// when the test-only variable COMREG_TEST_DIE_AFTER_WRITES=k is set.
void apply_test_fault(RegistryTarget& target);

}  // namespace comreg::cli
