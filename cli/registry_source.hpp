// The registry a verify compares with: a .reg export, an offline hive (hive:PATH), or the
// live registry of the system comreg runs on.
#pragma once

#include <memory>
#include <string_view>

#include "comreg/core/diagnostics.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/store/registry_backend.hpp"

namespace comreg::cli {

/// Opens SOURCE holding what `plan` needs: "hive:PATH" is an offline hive, any other text the
/// path of a .reg export (of HKEY_CLASSES_ROOT, which stands for the plan's classes root, or of
/// HKLM/HKCU\Software\Classes or a whole hive). Only the keys the plan names are kept.
/// Returns nullptr with the located problems in `diagnostics` when SOURCE cannot be read.
[[nodiscard]] std::unique_ptr<RegistryBackend> open_registry_source(std::string_view source,
                                                                    const Plan& plan,
                                                                    Diagnostics& diagnostics);

}  // namespace comreg::cli
