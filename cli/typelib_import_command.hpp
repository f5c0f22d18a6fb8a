// comreg import --typelib FILE: a description from a type library (.tlb, or a DLL/EXE with a
// TYPELIB resource), the way mt.exe -tlb derives a manifest. The options and the run function
// are separate so that the `import` command can offer --typelib beside its other sources.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli_options.hpp"

namespace comreg::cli {

/// What `comreg import --typelib` was given.
struct TypeLibImportCommandOptions {
  std::string typelib;  // --typelib FILE
  std::string output;   // -o; "" = stdout
  std::string format = "text";
  std::string path;    // --path: the type library's registered path
  std::string server;  // --server: the in-process server's path
  std::string threading = "Apartment";
  std::string progid;      // --progid PATTERN
  std::string proxy_stub;  // --proxy-stub CLSID
  std::string into;        // --into EXISTING.json
};

/// Adds --path, --server, --threading, --progid, --proxy-stub and --into to `sub`; each
/// needs `typelib_option` (the --typelib option it goes with).
void add_typelib_import_options(CLI::App& sub, TypeLibImportCommandOptions& options,
                                CLI::Option* typelib_option);

/// Reads options.typelib, builds (or, with --into, completes) the description, checks it as
/// `comreg validate` would and writes it. Returns the exit code.
int run_typelib_import(const TypeLibImportCommandOptions& options);

}  // namespace comreg::cli
