// The journal: the prior state of everything an install or uninstall is about to change, kept
// on disk while it runs, so that a failure, or the death of the process, can be undone exactly.
//
// It is written (durably) before the first change and removed after the last; a journal that
// is still there means an unfinished run, and recover() puts the registry back as it was.
// It works on any RegistryBackend: it only reads and writes through the backend's interface.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "comreg/apply/apply.hpp"
#include "comreg/store/registry_backend.hpp"

namespace comreg {

/// The journal's entries are the operations a run is about to make, each with the prior state
/// of the place it changes (registry_op.hpp):
///   create_key   `key` did not exist (nor its topmost missing ancestor): roll back deletes it;
///   set_value    value `name` of `key` held `prior` (null: there was none); `value` is unused;
///   delete_tree  `key` existed with `prior_tree` below it: roll back recreates what is missing.
/// Keys are full paths, as the backend names them.
/// What a run is about to change, and how things were before it.
struct Journal {
  std::string operation;  // "install" or "uninstall", for messages
  std::string target;     // the registry it applies to ("user-64", a hive file): recover checks it
  std::vector<RegistryOp> entries;
};

/// The prior state of every change in `changes`, read from `registry` before any is made. A
/// created key records its topmost missing ancestor, so containers made on the way go too.
/// `changes` must be computed against the current state: a create_key change names a key that
/// is absent (it is not read again).
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

/// Who may write the folder a journal lives in, and so whose journal a run may trust.
enum class JournalTrust : std::uint8_t {
  user,     // the user running comreg, SYSTEM and Administrators: a per-user registry
  machine,  // SYSTEM and Administrators only: the machine registry
};

/// Where one registry target keeps its journal, and what that journal may name.
struct JournalSite {
  /// Created with permissions that let only the trustees write (a protected DACL on Windows,
  /// mode 0700 elsewhere); a folder that others can write is never trusted.
  std::string folder;
  std::string target;  // names the registry ("machine-64"); the file is <target>.journal
  JournalTrust trust = JournalTrust::user;
  /// The keys a run on this target can write: every entry of its journal must name one of
  /// them or a key below, or the journal is refused whole.
  std::vector<std::string> bounds;

  [[nodiscard]] std::string path() const;  // the journal file
};

/// The live registry's journal site for `scope` and `view`, in `folder`: bounded by the
/// scope's classes root and comreg's bookkeeping (<hive>\Software\comreg).
[[nodiscard]] JournalSite live_journal_site(Scope scope, View view, std::string folder);

/// The first key `journal` names outside `bounds` (compared without case, at whole key
/// names), or "" when every entry is inside; a snapshot subkey name that is empty or holds a
/// backslash counts as outside.
[[nodiscard]] std::string key_out_of_bounds(const Journal& journal,
                                            const std::vector<std::string>& bounds);

enum class JournalRead : std::uint8_t { absent, read, failed };

/// One target's journal while a run holds it: the folder, opened without following links,
/// checked to be writable by the trustees only and kept open so that it cannot be swapped
/// during the run; the lock, so that two runs never take each other's journal for an
/// unfinished one (the operating system releases it when a process dies); and the file.
class JournalStore {
 public:
  JournalStore();
  ~JournalStore();
  JournalStore(const JournalStore&) = delete;
  JournalStore& operator=(const JournalStore&) = delete;
  JournalStore(JournalStore&& other) noexcept;
  JournalStore& operator=(JournalStore&& other) noexcept;

  /// Opens the site's folder (creating what is missing of it with the trustees' permissions),
  /// checks it, and takes the lock without waiting. The error says what is wrong and what to
  /// do: another run holds the lock; the folder is a link, or others may write it.
  [[nodiscard]] Status open(const JournalSite& site);
  [[nodiscard]] bool is_open() const;
  [[nodiscard]] const JournalSite& site() const;
  [[nodiscard]] std::string path() const;

  /// Writes the journal durably: a new file of an unpredictable name, created exclusively and
  /// readable by the trustees only, flushed, renamed over the journal, the folder flushed.
  /// A journal naming a key outside the site's bounds is refused.
  [[nodiscard]] Status write(const Journal& journal);
  /// Removes the journal file (absent is fine).
  [[nodiscard]] Status remove();
  /// The journal's bytes, from a regular file with one link, owned by a trustee; `absent`
  /// when there is none; `failed` with `error` saying why it is not trusted or not readable.
  [[nodiscard]] JournalRead read(std::string& bytes, std::string& error) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What a read-only command can learn about a site without writing, creating or trusting
/// anything: whether a run holds it now, or a journal was left behind.
enum class JournalState : std::uint8_t { none, running, unfinished };
[[nodiscard]] JournalState look_for_journal(const JournalSite& site);

/// What recover() found and did.
struct RecoverReport {
  bool found = false;           // there was an unfinished journal
  Journal journal;              // when found
  std::vector<Change> changes;  // what rolling back changed (or, in a dry run, would change)
  Status status;                // a corrupt journal or a failed write; the registry is untouched
                                // by a corrupt one
};

/// Rolls back the unfinished run whose journal the store holds, if there is one, and removes
/// the journal. Nothing is touched when the journal does not parse, is for another target or
/// names a key outside the site's bounds. In a dry run the journal stays and nothing is written.
[[nodiscard]] RecoverReport recover(JournalStore& store, RegistryBackend& registry,
                                    bool dry_run = false);

/// "rolled back the unfinished install: N changes" lines, or JSON.
[[nodiscard]] std::string format_recover_report(const RecoverReport& report, bool json,
                                                bool dry_run);

}  // namespace comreg
