// Offline hive files as the registry of install, uninstall, verify and import: the --hive
// options, and opening a hive at its mount point. In the Windows build (no hivex) every call
// reports that hives are not supported there.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "comreg/plan/plan.hpp"
#include "comreg/store/registry_backend.hpp"

namespace comreg::cli {

/// --hive FILE, --hive-mount KEY, --create.
struct HiveOptions {
  std::string file;   // "" = no hive: the live registry
  std::string mount;  // "" = from the scope (default_hive_mount)
  bool create = false;
};

/// Adds --hive, --hive-mount and --create to `sub`.
void add_hive_options(CLI::App& sub, HiveOptions& options);

/// What the hive's root stands for when --hive-mount is not given: a SOFTWARE hive
/// (HKEY_LOCAL_MACHINE\SOFTWARE) for --scope machine, NTUSER.DAT (HKEY_CURRENT_USER) for user.
[[nodiscard]] std::string default_hive_mount(Scope scope);

/// An opened store and how to make its changes permanent (a hive writes them in one commit at
/// the end; nothing is written when commit is never called).
struct OpenedHive {
  std::unique_ptr<RegistryBackend> registry;  // null on failure, with `error` set
  std::function<Status()> commit;
  std::string error;
};

/// Opens `path` mounted at `mount` ("" = default_hive_mount(scope)); `writable` for install
/// and uninstall; `create` makes a new empty hive when the file does not exist.
[[nodiscard]] OpenedHive open_hive(const std::string& path, const std::string& mount, Scope scope,
                                   bool writable, bool create = false);

/// Read-only, for `verify --against hive:PATH` and `import hive:PATH`: the store, or null with
/// `error` set.
[[nodiscard]] std::unique_ptr<RegistryBackend> open_hive_source(const std::string& path,
                                                                const std::string& mount,
                                                                Scope scope, std::string& error);

}  // namespace comreg::cli
