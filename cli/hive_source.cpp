#include "hive_source.hpp"

#ifdef COMREG_HAVE_HIVEX
#include <filesystem>

#include "comreg/store/hive_backend.hpp"
#endif

namespace comreg::cli {

void add_hive_options(CLI::App& sub, HiveOptions& options) {
  sub.add_option("--hive", options.file,
                 "Apply to an offline registry hive file (NTUSER.DAT, SOFTWARE, UsrClass.dat) "
                 "instead of the live registry; written atomically at the end")
      ->type_name("FILE");
  sub.add_option(
         "--hive-mount", options.mount,
         "The registry key the hive's root stands for (default: HKEY_LOCAL_MACHINE\\SOFTWARE "
         "with --scope machine, HKEY_CURRENT_USER with --scope user; "
         "HKEY_CURRENT_USER\\Software\\Classes for UsrClass.dat)")
      ->type_name("KEY");
  sub.add_flag("--create", options.create,
               "With --hive: start a new empty hive when FILE does not exist");
}

std::string default_hive_mount(Scope scope) {
  return scope == Scope::machine ? "HKEY_LOCAL_MACHINE\\SOFTWARE" : "HKEY_CURRENT_USER";
}

#ifdef COMREG_HAVE_HIVEX

OpenedHive open_hive(const std::string& path, const std::string& mount, Scope scope, bool writable,
                     bool create) {
  OpenedHive out;
  std::error_code ec;
  if (create && writable && !std::filesystem::exists(path, ec)) {
    if (Status s = create_empty_hive(path); !s.ok()) {
      out.error = s.message;
      return out;
    }
  }
  auto opened =
      HiveBackend::open(path, mount.empty() ? default_hive_mount(scope) : mount, writable);
  if (!opened.backend) {
    out.error = opened.status.message;
    if (opened.status.code == BackendErrc::not_found && writable) {
      out.error += " (add --create to start a new, empty hive)";
    }
    return out;
  }
  HiveBackend* hive = opened.backend.get();
  out.commit = [hive] { return hive->commit(); };
  out.registry = std::move(opened.backend);
  return out;
}

#else

OpenedHive open_hive(const std::string& path, const std::string&, Scope, bool, bool) {
  OpenedHive out;
  out.error = "cannot open the hive " + path +
              ": offline hive files need hivex, which this build (Windows) does not have; use "
              "the Linux build of comreg, or load the hive with 'reg load' and use the live "
              "registry";
  return out;
}

#endif

std::unique_ptr<RegistryBackend> open_hive_source(const std::string& path, const std::string& mount,
                                                  Scope scope, std::string& error) {
  OpenedHive opened = open_hive(path, mount, scope, /*writable=*/false);
  error = opened.error;
  return std::move(opened.registry);
}

}  // namespace comreg::cli
