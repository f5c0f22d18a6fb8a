// comreg import --typelib FILE: a description from a type library (.tlb, or a DLL/EXE with a
// TYPELIB resource), the way mt.exe -tlb derives a manifest. The options and the run function
// are separate so that the `import` command can offer --typelib beside its other sources.
#pragma once

#include <string>
#include <vector>

#include "option_spec.hpp"

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

/// --path, --server, --threading, --progid, --proxy-stub and --into; each needs
/// `typelib_option` (the --typelib option they go with, declared before them).
[[nodiscard]] std::vector<OptionSpec> typelib_import_options(TypeLibImportCommandOptions& options,
                                                             const std::string& typelib_option);

/// Reads options.typelib, builds (or, with --into, completes) the description, checks it as
/// `comreg validate` would and writes it. Returns the verdict; throws CliError when a file
/// cannot be read or written.
int run_typelib_import(const TypeLibImportCommandOptions& options);

}  // namespace comreg::cli
