// The one place that chooses and opens a registry store for a command.
#include "comreg/open/registry_open.hpp"

#include <cstdlib>

#include "comreg/core/file_path.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"

#ifdef COMREG_HAVE_HIVEX
#include <filesystem>

#include "comreg/store/hive_backend.hpp"
#include "comreg/store/hive_header.hpp"
#include "comreg/store/hive_log_replay.hpp"
#include "open/steady_read.hpp"
#endif

#ifdef _WIN32
#include <windows.h>

#include "comreg/store/win32_backend.hpp"
#endif

namespace comreg {
namespace {

// An environment variable as UTF-8 ("" when unset).
std::string env(const char* name) {
#ifdef _WIN32
  std::wstring wide(name, name + std::char_traits<char>::length(name));
  const wchar_t* v = _wgetenv(wide.c_str());
  return v == nullptr ? std::string() : files::utf8_of_wide(v);
#else
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
#endif
}

void open_live(const RegistryOpenOptions& options, OpenedRegistry& out, Diagnostics& diagnostics) {
#ifdef _WIN32
  (void)diagnostics;
  auto backend = std::make_unique<Win32Backend>(options.view);
  out.transaction = backend.get();
  out.backend = std::move(backend);
  out.journal_site =
      live_journal_site(options.scope, options.view, journal_directory(options.scope));
  out.id = out.journal_site->target;
#else
  (void)options;
  (void)out;
  diagnostics.error(
      "no-live-registry",
      "there is no live Windows registry here: install, uninstall, verify and recover of the live "
      "registry run in the Windows build (comreg.exe); on this system, write a .reg file with "
      "'comreg reg'",
      {});
#endif
}

// Why a hive cannot be opened, located at the file.
void hive_error(const std::string& path, std::string message, Diagnostics& diagnostics) {
  diagnostics.error("cannot-read", std::move(message), {path, 0, 0, {}},
                    "pass a hive file (SOFTWARE or NTUSER.DAT), or a .reg export of it");
}

#ifdef COMREG_HAVE_HIVEX

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

// A dirty hive: its logs are replayed into `replay`, whose state is then read or written (the
// file itself is written only by a commit). Where they cannot be replayed, writing would throw
// their changes away, so it is refused; reading reads the base file, with a warning. Returns
// false when the run must stop.
bool check_clean(const std::string& path, bool writable, HiveReplay& replay,
                 Diagnostics& diagnostics) {
  const HiveCleanliness state = check_hive_clean(path);
  if (!state.dirty) return true;
  replay = read_hive_replayed(path);
  if (replay.ok && replay.replayed()) {
    const std::string what = "the hive " + path + " is dirty, " + state.reason + "; replayed " +
                             std::to_string(replay.entries) + " log entr" +
                             (replay.entries == 1 ? "y" : "ies") + " (" +
                             std::to_string(replay.pages) + " pages) from " + joined(replay.used);
    if (writable) {
      diagnostics.note("dirty-hive",
                       what +
                           ": the changes are made to the replayed state, and once it is "
                           "written its logs are emptied, as their entries are in it",
                       {path, 0, 0, {}});
    } else {
      diagnostics.warning("dirty-hive",
                          what + ": this reads the replayed state (the file is not changed)",
                          {path, 0, 0, {}});
    }
    return true;
  }
  // Logs that only looked newer (entries from a batch older than the hive, so stale by the
  // specification's rules) and hold nothing torn or bogus: the hive is clean as it is.
  if (replay.ok && replay.notes.empty()) {
    replay = HiveReplay{};
    return true;
  }
  std::string why = replay.reason;
  if (why.empty()) why = "no entry in them can be applied";
  if (!replay.notes.empty()) why += " (" + joined(replay.notes) + ")";
  replay = HiveReplay{};
  if (writable) {
    diagnostics.error("dirty-hive",
                      "cannot write the hive " + path + ": it is dirty, " + state.reason +
                          ", and its transaction logs cannot be replayed: " + why +
                          "; writing would throw their changes away. Let Windows write it clean "
                          "first (load and unload it: 'reg load', 'reg unload'), then run again; "
                          "nothing was changed",
                      {path, 0, 0, {}});
    return false;
  }
  diagnostics.warning("dirty-hive",
                      "the hive " + path + " is dirty, " + state.reason +
                          ", and its transaction logs cannot be replayed: " + why +
                          "; this reads the base file as it is, which may be missing recent "
                          "changes",
                      {path, 0, 0, {}});
  return true;
}

// With --scope user and no --hive-mount the hive is taken as UsrClass.dat; a hive with a
// Software key at its root is plainly an NTUSER.DAT, whose Software\Classes Windows hides
// behind UsrClass.dat at logon, so what is written there is never seen.
bool check_not_ntuser(const RegistrySpec& spec, const RegistryOpenOptions& options,
                      const RegistryBackend& hive, const std::string& mount,
                      Diagnostics& diagnostics) {
  if (!spec.mount.empty() || options.scope != Scope::user) return true;
  if (!hive.key_exists(mount + "\\Software")) return true;
  diagnostics.error(
      "wrong-hive",
      "the hive " + spec.path +
          " has a Software key at its root: it looks like an NTUSER.DAT, not the per-user "
          "classes hive. With --scope user comreg works on "
          "%LOCALAPPDATA%\\Microsoft\\Windows\\UsrClass.dat, which Windows mounts at "
          "HKEY_CURRENT_USER\\Software\\Classes (what NTUSER.DAT holds under Software\\Classes "
          "is hidden by it at logon). Pass the user's UsrClass.dat, or add --hive-mount "
          "HKEY_CURRENT_USER to use this file as an NTUSER.DAT; nothing was changed",
      {spec.path, 0, 0, {}});
  return false;
}

void open_hive(const RegistrySpec& spec, const RegistryOpenOptions& options, OpenedRegistry& out,
               Diagnostics& diagnostics) {
  std::error_code ec;
  std::string created;
  if (options.create && options.writable &&
      !std::filesystem::exists(files::path_from_utf8(spec.path), ec)) {
    if (Status s = create_empty_hive(spec.path); s.ok()) {
      created = spec.path;
    } else if (!std::filesystem::exists(files::path_from_utf8(spec.path), ec)) {
      hive_error(spec.path, s.message, diagnostics);
      return;
    }  // else another run created it meanwhile: this one takes its turn at the lock below
  }
  // A hive this run created goes again when the run stops before using it.
  const auto give_up = [&] {
    if (!created.empty()) std::filesystem::remove(files::path_from_utf8(created), ec);
  };
  // A writer holds the file's lock from before it reads it until the run ends.
  std::optional<HiveFileLock> lock;
  if (options.writable &&
      std::filesystem::exists(files::path_from_utf8(spec.path), ec)) {  // a missing one: open says
    std::string why;
    lock = HiveFileLock::take(spec.path, why);
    if (!lock) {
      diagnostics.error("hive-locked", "cannot write the hive " + spec.path + ": " + why,
                        {spec.path, 0, 0, {}});
      return give_up();
    }
  }
  const std::string mount = spec.mount.empty() ? default_hive_mount(options.scope) : spec.mount;
  HiveBackend::OpenResult opened;
  Diagnostics attempt;
  bool stop = false;
  const auto read = [&] {
    attempt = Diagnostics{};
    HiveReplay replay;
    stop = !check_clean(spec.path, options.writable, replay, attempt);
    if (stop) return;
    opened = replay.replayed() ? HiveBackend::open_replayed(spec.path, replay.hive, mount,
                                                            options.writable, replay.used)
                               : HiveBackend::open(spec.path, mount, options.writable);
  };
  constexpr int readings = 8;
  if (options.writable) {
    read();  // the lock keeps other writers out
  } else if (!read_while_steady(spec.path, readings, read)) {
    diagnostics.error("hive-changing",
                      "the hive " + spec.path + " changed while it was read, " +
                          std::to_string(readings) + " times: another program is writing it",
                      {spec.path, 0, 0, {}}, "try again when it has finished");
    return give_up();
  }
  diagnostics.append(attempt);
  if (stop) return give_up();
  if (!opened.backend) {
    std::string message = opened.status.message;
    if (opened.status.code == BackendErrc::not_found && options.writable) {
      message += " (add --create to start a new, empty hive)";
    }
    hive_error(spec.path, std::move(message), diagnostics);
    return give_up();
  }
  if (!check_not_ntuser(spec, options, *opened.backend, opened.backend->mount(), diagnostics)) {
    return give_up();
  }
  if (lock) opened.backend->keep(std::move(*lock));
  out.backend = std::move(opened.backend);
  out.id = spec.path;
  out.created_file = created;
}

#else

void open_hive(const RegistrySpec& spec, const RegistryOpenOptions&, OpenedRegistry&,
               Diagnostics& diagnostics) {
  hive_error(spec.path,
             "cannot open the hive " + spec.path +
                 ": offline hive files need hivex, which this build (Windows) does not have; use "
                 "the Linux build of comreg, or load the hive with 'reg load' and use the live "
                 "registry",
             diagnostics);
}

#endif

void open_reg_export(const RegistrySpec& spec, const RegistryOpenOptions& options,
                     OpenedRegistry& out, Diagnostics& diagnostics) {
  RegReadOptions read;
  read.file_name = spec.path;
  read.only_under = options.only_under;
  read.code_page = options.code_page;
  read.root_aliases.emplace_back("HKEY_CLASSES_ROOT", classes_root(options.scope));
  auto registry = std::make_unique<MemoryBackend>();
  RegReadStats stats;
  if (!read_reg_file(spec.path, read, *registry, diagnostics, &stats)) return;
  out.merged_view = stats.keys_aliased > 0 && stats.keys_aliased == stats.keys_kept;
  out.backend = std::move(registry);
  out.id = spec.path;
}

}  // namespace

RegistrySpec parse_registry_source(std::string_view source) {
  RegistrySpec spec;
  if (source.empty()) return spec;
  if (source.substr(0, hive_source_prefix.size()) == hive_source_prefix) {
    spec.kind = RegistrySpec::Kind::hive;
    spec.path = std::string(source.substr(hive_source_prefix.size()));
  } else {
    spec.kind = RegistrySpec::Kind::reg_export;
    spec.path = std::string(source);
  }
  return spec;
}

RegistryOpenOptions open_options_for(const Plan& plan) {
  RegistryOpenOptions options;
  options.scope = plan.options.scope;
  options.view = plan.options.view;
  options.only_under = verified_roots(plan);
  return options;
}

OpenedRegistry open_registry(const RegistrySpec& spec, const RegistryOpenOptions& options,
                             Diagnostics& diagnostics) {
  OpenedRegistry out;
  switch (spec.kind) {
    case RegistrySpec::Kind::live:
      open_live(options, out, diagnostics);
      break;
    case RegistrySpec::Kind::hive:
      open_hive(spec, options, out, diagnostics);
      break;
    case RegistrySpec::Kind::reg_export:
      open_reg_export(spec, options, out, diagnostics);
      break;
  }
  return out;
}

std::string default_hive_mount(Scope scope) {
  return scope == Scope::machine ? "HKEY_LOCAL_MACHINE\\SOFTWARE" : classes_root(Scope::user);
}

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

}  // namespace comreg
