// The registry a command works on, opened by the library (comreg/registry_open.hpp), with the
// journal that makes changes to it all or nothing: printing what is wrong with either.
#pragma once

#include "comreg/apply/journal.hpp"
#include "comreg/open/registry_open.hpp"

namespace comreg::cli {

/// An opened registry (open_registry()) and, while a command changes it, its journal.
struct RegistryTarget : OpenedRegistry {
  JournalStore journal;  // opened by open_journal(), held to the end of the command
};

/// Opens `spec` into `out`; throws CliError saying why when it cannot be opened.
void open_target(const RegistrySpec& spec, const RegistryOpenOptions& options, RegistryTarget& out);

/// For commands that change the registry: opens the target's journal (its folder checked,
/// the lock taken: another run on it is an error), then rolls back an unfinished run found
/// there and says so on stderr. Throws CliError to stop (an untrusted or corrupt journal:
/// nothing is touched).
void recover_unfinished(RegistryTarget& target);

/// For commands that only read (verify, dry runs): says on stderr when a run is changing the
/// registry now or left an unfinished journal, with 'comreg recover' as the way out. Writes,
/// creates and trusts nothing.
void report_unfinished(const OpenedRegistry& target, bool dry_run);

/// Opens the target's journal (see recover_unfinished); throws CliError when it cannot be used.
void open_journal(RegistryTarget& target);

/// Wraps the target's backend in a FaultInjectingBackend that ends the process after k writes
/// when the test-only variable COMREG_TEST_DIE_AFTER_WRITES=k is set.
void apply_test_fault(RegistryTarget& target);

}  // namespace comreg::cli
