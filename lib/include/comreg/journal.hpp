// The journal: the prior state of everything an install or uninstall is about to change, kept
// on disk while it runs, so that a failure, or the death of the process, can be undone exactly.
//
// It is written (durably) before the first change and removed after the last; a journal that
// is still there means an unfinished run, and recover() puts the registry back as it was.
// It works on any RegistryBackend: it only reads and writes through the backend's interface.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "comreg/apply.hpp"
#include "comreg/registry_backend.hpp"

namespace comreg {

/// A key's whole content, recursively: what deleting its tree destroys.
struct KeySnapshot {
  std::string name;  // the key's own name (its spelling)
  std::vector<std::pair<std::string, RegValue>> values;
  std::vector<KeySnapshot> subkeys;
};

/// The prior state of one place a run changes.
struct JournalEntry {
  enum class Kind : std::uint8_t {
    absent_key,  // `key` did not exist (nor its topmost missing ancestor): roll back deletes it
    value,       // value `name` of `key` held `prior` (nullopt: there was none)
    tree,        // `key` existed with `tree` below it: roll back recreates what is missing
  };
  Kind kind = Kind::absent_key;
  std::string key;  // full path, as the backend names it
  std::string name;
  std::optional<RegValue> prior;
  KeySnapshot tree;
};

/// What a run is about to change, and how things were before it.
struct Journal {
  std::string operation;  // "install" or "uninstall", for messages
  std::string target;     // the registry it applies to ("user-64", a hive file): recover checks it
  std::vector<JournalEntry> entries;
};

/// The prior state of every change in `changes`, read from `registry` before any is made. A
/// created key records its topmost missing ancestor, so containers made on the way go too.
[[nodiscard]] Journal make_journal(const std::vector<Change>& changes,
                                   const RegistryBackend& registry);

/// The changes that put `registry` back in the journal's prior state, computed against its
/// current state: none when it is already there, so rolling back twice is harmless.
[[nodiscard]] std::vector<Change> rollback_changes(const Journal& journal,
                                                   const RegistryBackend& registry);

/// The journal as text: a header line, JSON (values as type and hex of their exact bytes) and
/// a checksum line, so that a file cut short or altered is recognised.
[[nodiscard]] std::string serialize_journal(const Journal& journal);

/// Reads serialize_journal()'s form; false with `error` set when it is not exactly that.
[[nodiscard]] bool parse_journal(std::string_view text, Journal& out, std::string& error);

/// Writes the journal file durably: a temporary sibling, flushed to disk, renamed over `path`
/// (directories are created as needed).
[[nodiscard]] Status write_journal_file(const std::string& path, const Journal& journal);

/// Removes the journal file (absent is fine).
[[nodiscard]] Status remove_journal_file(const std::string& path);

/// What recover() found and did.
struct RecoverReport {
  bool found = false;           // there was an unfinished journal
  Journal journal;              // when found
  std::vector<Change> changes;  // what rolling back changed (or, in a dry run, would change)
  Status status;                // a corrupt journal or a failed write; the registry is untouched
                                // by a corrupt one
};

/// Rolls back the unfinished run whose journal is at `journal_path`, if there is one, and
/// removes the journal. A journal for another target, or one that does not parse, is an error
/// and nothing is touched. In a dry run the journal stays and nothing is written.
[[nodiscard]] RecoverReport recover(const std::string& journal_path, const std::string& target,
                                    RegistryBackend& registry, bool dry_run = false);

/// "rolled back the unfinished install: N changes" lines, or JSON.
[[nodiscard]] std::string format_recover_report(const RecoverReport& report, bool json,
                                                bool dry_run);

}  // namespace comreg
