#include "registry_source.hpp"

#include <string>

#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "hive_source.hpp"
#include "report.hpp"

#ifdef _WIN32
#include "comreg/store/win32_backend.hpp"
#endif

namespace comreg::cli {
namespace {

constexpr std::string_view hive_prefix = "hive:";

std::unique_ptr<RegistryBackend> open_reg_export(const std::string& path, const Plan& plan,
                                                 Diagnostics& diagnostics) {
  RegReadOptions options;
  options.file_name = path;
  options.only_under = verified_roots(plan);
  // An export of the merged view serves either scope: its keys are read as the plan's root.
  options.root_aliases.emplace_back("HKEY_CLASSES_ROOT", classes_root(plan.options.scope));
  auto registry = std::make_unique<MemoryBackend>();
  if (!read_reg_file(path, options, *registry, diagnostics)) return nullptr;
  return registry;
}

}  // namespace

std::unique_ptr<RegistryBackend> open_registry_source(std::string_view source, const Plan& plan,
                                                      Diagnostics& diagnostics) {
  if (source.substr(0, hive_prefix.size()) == hive_prefix) {
    // The one call site for offline hives (cli/hive_source.hpp), mounted where the scope's
    // classes live: a SOFTWARE hive for --scope machine, NTUSER.DAT for user.
    const std::string path(source.substr(hive_prefix.size()));
    std::string error;
    auto hive = open_hive_source(path, {}, plan.options.scope, error);
    if (!hive) {
      diagnostics.error("cannot-read", error, {path, 0, 0, {}},
                        "pass a hive file (SOFTWARE or NTUSER.DAT), or a .reg export of it");
    }
    return hive;
  }
  return open_reg_export(std::string(source), plan, diagnostics);
}

}  // namespace comreg::cli
