// The --hive options of install and uninstall: an offline hive file as the registry (opened by
// open_registry(), comreg/registry_open.hpp).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace comreg::cli {

/// --hive FILE, --hive-mount KEY, --create.
struct HiveOptions {
  std::string file;   // "" = no hive: the live registry
  std::string mount;  // "" = from the scope (default_hive_mount)
  bool create = false;
};

/// Adds --hive, --hive-mount and --create to `sub`.
void add_hive_options(CLI::App& sub, HiveOptions& options);

}  // namespace comreg::cli
