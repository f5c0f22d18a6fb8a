#include "hive_source.hpp"

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

}  // namespace comreg::cli
