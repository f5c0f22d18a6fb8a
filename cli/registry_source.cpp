#include "registry_source.hpp"

#include <string>

#include "comreg/memory_backend.hpp"
#include "comreg/reg_reader.hpp"
#include "comreg/verify.hpp"
#include "report.hpp"

#ifdef _WIN32
#include "comreg/win32_backend.hpp"
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
    // The one call site for offline hives: open_hive_source() (branch i5-hive-import) goes here.
    diagnostics.error(
        "unsupported-source",
        "reading offline hives (" + std::string(source) + ") is not available in this build",
        {std::string(source.substr(hive_prefix.size())), 0, 0, {}},
        "export the hive's classes to a .reg file and pass --against FILE.reg");
    return nullptr;
  }
  return open_reg_export(std::string(source), plan, diagnostics);
}

}  // namespace comreg::cli
