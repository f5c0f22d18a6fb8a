// Applying a plan to a registry store: install writes what differs, uninstall removes what the
// server owns and keeps (and reports) what others added. Both are all or nothing: the changes
// are computed first, the prior state is journaled (journal.hpp), and a failure rolls back.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "comreg/plan/plan.hpp"
#include "comreg/store/registry_backend.hpp"
#include "comreg/store/registry_transaction.hpp"

namespace comreg {

class JournalStore;

struct ApplyOptions {
  bool dry_run = false;  // compute the changes against the current state, write nothing
  /// Assembly name: install records what it created and overwrote under
  /// <bookkeeping>\Registrations\<view>\<owner> (Software\comreg beside the classes root, or
  /// Classes\comreg-records in a classes-only hive), and uninstall
  /// follows that record. "" = no record (uninstall goes by the plan's ownership alone).
  std::string owner;
  /// The journal kept on disk while changes are made, opened by the caller (null = in memory
  /// only: a failed write is still rolled back, the death of the process is not).
  JournalStore* journal = nullptr;
  RegistryTransaction* transaction = nullptr;  // used when it begins
};

/// One change made (or, in a dry run, that would be made): the operation, keys full physical
/// paths, with the prior value it replaces or deletes (a set_value with a prior one replaces
/// it), and the JSON pointer of the description element it comes from.
struct Change : RegistryOp {
  std::string origin;
};

/// What an install or uninstall did. `kept` lists what uninstall left in place, with why.
/// On a backend failure (`status`) the changes made are rolled back (`rolled_back`) and none
/// is listed; if rolling back failed too, the changes still in place are listed and the
/// journal stays for `comreg recover`.
struct ApplyReport {
  std::vector<Change> changes;
  std::vector<std::string> kept;
  Status status;
  bool rolled_back = false;
  std::string transaction;  // "kernel transaction", or why none was used ("" = not tried)
};

/// Writes every key and value of the plan that is missing or different (and the ownership
/// record: the keys it created, the values it overwrote with what they held), then commits the
/// store (RegistryBackend::commit()).
[[nodiscard]] ApplyReport install(const Plan& plan, RegistryBackend& registry,
                                  const ApplyOptions& options = {});

/// Removes the trees install created (the plan's owned trees when there is no record); inside
/// them, content the plan did not write is kept with the keys that lead to it. In other keys
/// only the plan's values are removed, and only while they still hold the plan's data; values
/// install overwrote get their prior data back while they still hold what install wrote.
[[nodiscard]] ApplyReport uninstall(const Plan& plan, RegistryBackend& registry,
                                    const ApplyOptions& options = {});

/// Makes `changes` in order; stops at the first failure. `done` counts the changes made.
[[nodiscard]] Status execute_changes(const std::vector<Change>& changes, RegistryBackend& registry,
                                     std::size_t& done);

/// "+ key …", "= value …" lines and a closing "N changes" line (text), or JSON.
[[nodiscard]] std::string format_apply_report(const ApplyReport& report, bool json);

/// The full path of a plan key in a store: classes root + the physical key, or the logical
/// key when the store redirects views itself.
[[nodiscard]] std::string registry_path(const Plan& plan, std::string_view key,
                                        const RegistryBackend& registry);

}  // namespace comreg
