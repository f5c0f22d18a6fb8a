// Opening the registry a command names: the live registry (Windows), an offline hive file
// ("hive:PATH", or --hive FILE) or a .reg export. Stage: open, after the stores, apply (the
// journal site), verify (the keys it reads) and the .reg reader, which it puts together; the
// programs above it only parse arguments and print.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/apply/journal.hpp"
#include "comreg/core/diagnostics.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/store/registry_backend.hpp"
#include "comreg/store/registry_transaction.hpp"

namespace comreg {

/// Which registry: the kind of store and, for files, where it is.
struct RegistrySpec {
  enum class Kind : std::uint8_t { live, hive, reg_export };
  Kind kind = Kind::live;
  std::string path;   // hive: the hive file; reg_export: the .reg file
  std::string mount;  // hive: the key its root stands for ("" = default_hive_mount(scope))
};

/// The prefix that names an offline hive in a SOURCE argument: "hive:PATH".
inline constexpr std::string_view hive_source_prefix = "hive:";

/// A SOURCE as verify --against and import take it: "hive:PATH" is an offline hive, "" the
/// live registry, any other text the path of a .reg export.
[[nodiscard]] RegistrySpec parse_registry_source(std::string_view source);

/// How to open it.
struct RegistryOpenOptions {
  Scope scope = Scope::user;
  View view = View::v64;
  bool writable = false;  // a hive opened for install or uninstall
  bool create = false;    // a writable hive that does not exist starts empty
  /// A .reg export: keep only keys equal to or below these (empty = every key). An export of
  /// HKEY_CLASSES_ROOT (the merged view) is always read as the scope's classes root.
  std::vector<std::string> only_under;
  /// A .reg export without a BOM: the code page of its 8-bit text (RegReadOptions::code_page).
  unsigned code_page = 0;
};

/// The options that read what `plan` needs: its scope and view, and of an export only the keys
/// verify reads.
[[nodiscard]] RegistryOpenOptions open_options_for(const Plan& plan);

/// An opened registry: its store, what names it, and how changes to it are made safe.
struct OpenedRegistry {
  std::unique_ptr<RegistryBackend> backend;  // null when it could not be opened
  std::string id;  // names it in messages and journals: "user-64", "machine-32", a hive file
  /// Where its journal lives while a run changes it: the live registry only (a hive's commit()
  /// is its atomic step; an export is never written).
  std::optional<JournalSite> journal_site;
  RegistryTransaction* transaction = nullptr;  // the store's own, where it has one
  /// The hive file this open created (--create on a missing file), "" otherwise: a run that
  /// fails removes it again, so that a failure leaves nothing behind.
  std::string created_file;
  /// A .reg export whose keys all name HKEY_CLASSES_ROOT, read as the scope's classes root.
  bool merged_view = false;
};

/// Opens `spec`. When it cannot be opened, `backend` is null and `diagnostics` hold an error
/// saying why and what to do: code "no-live-registry" (a build without the Win32 registry),
/// "cannot-read" located at the file (a hive or export that cannot be read), "dirty-hive" (a
/// hive opened for writing whose transaction logs may hold changes: check_hive_clean()),
/// "wrong-hive" (an NTUSER.DAT given for --scope user without a mount), "hive-changing" (a hive
/// opened for reading that another program kept writing in place while it was read, eight
/// times), or the .reg reader's located syntax errors. A dirty hive opened for reading is opened,
/// with a "dirty-hive" warning.
[[nodiscard]] OpenedRegistry open_registry(const RegistrySpec& spec,
                                           const RegistryOpenOptions& options,
                                           Diagnostics& diagnostics);

/// What a hive's root stands for when no mount is given: a SOFTWARE hive
/// (HKEY_LOCAL_MACHINE\SOFTWARE) for the machine scope; for user, the per-user classes hive
/// UsrClass.dat (HKEY_CURRENT_USER\Software\Classes), where Windows reads HKCU's classes.
[[nodiscard]] std::string default_hive_mount(Scope scope);

/// The folder of live-registry journals: COMREG_JOURNAL_DIR if set; else, on Windows,
/// %LOCALAPPDATA%\comreg\journal (user scope) or %ProgramData%\comreg\journal (machine scope);
/// elsewhere ~/.local/state/comreg/journal.
[[nodiscard]] std::string journal_directory(Scope scope);

}  // namespace comreg
