// Importer: a registry (any RegistryBackend: a .reg file read into memory, a hive, the live
// registry) -> the Description that registers its COM servers, and what could not be mapped.
#pragma once

#include <string>
#include <vector>

#include "comreg/model/description.hpp"
#include "comreg/plan/plan.hpp"
#include "comreg/store/registry_backend.hpp"

namespace comreg {

struct ImportOptions {
  Scope scope = Scope::machine;  // which classes root to read
  View view = View::v64;         // v32: CLSID and Interface under Wow6432Node; servers x86
  std::string assembly_name = "Imported.Registrations";
  std::string assembly_version = "1.0.0.0";
};

/// Registry content the description does not carry: a key (with its whole tree) or one value.
struct Unmapped {
  std::string key;    // full path
  std::string value;  // value name, when only a value is unmapped ("" = the default value)
  bool is_value = false;
  std::string reason;
};

struct ImportResult {
  Description description;
  std::vector<Unmapped> unmapped;  // in registry order
  std::size_t legacy_names = 0;    // ProgIDs kept although they break the rules
  /// Values imported in the spelling the format writes although the source spells them
  /// otherwise (a GUID in lower case, `apartment`, NULs after a string): Windows reads both
  /// the same. `reason` says what was found.
  std::vector<Unmapped> normalized;
};

/// Reconstructs classes (grouped into servers by kind, path, arguments), their ProgIDs, AppIDs,
/// type libraries, interfaces and categories. Each element is imported only if planning it
/// gives back exactly the keys and values the registry has (so the result verifies against
/// its source) and the description validates; everything else is listed in `unmapped`.
/// Elements are in a canonical order: servers by kind and path, the rest by identifier.
[[nodiscard]] ImportResult import_registry(const RegistryBackend& registry,
                                           const ImportOptions& options = {});

/// One line per normalized value ("note: …"), one per unmapped key or value and a count
/// (text), or JSON {"unmapped":[{"key","value"?,"reason"}],"count","normalized"?:[{"key",
/// "value","note"}]}.
[[nodiscard]] std::string format_unmapped(const std::vector<Unmapped>& unmapped, bool json,
                                          const std::vector<Unmapped>& normalized = {});

}  // namespace comreg
