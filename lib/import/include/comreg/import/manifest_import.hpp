// ManifestImport: a side-by-side manifest (component or application) -> the Description whose
// component manifest says the same, and what the description cannot hold.
#pragma once

#include <string>
#include <vector>

#include "comreg/import/importer.hpp"
#include "comreg/model/manifest_model.hpp"
#include "comreg/readers/manifest_reader.hpp"

namespace comreg {

/// The assembly's name and version when the manifest has no usable assemblyIdentity (an
/// application manifest may have none).
struct ManifestImportOptions {
  std::string assembly_name = "Imported.Registrations";
  std::string assembly_version = "1.0.0.0";
};

/// The description, and each manifest entry it does not hold (Unmapped::key is
/// "FILE:LINE:COLUMN /assembly/file[1]/comClass[2]", Unmapped::value the attribute when only
/// one is left out).
struct ManifestImportResult {
  ImportResult imported;
  /// What verify_manifest(description, source) still finds that no unmapped entry explains:
  /// empty unless the importer has a bug. The import is refused when it is not.
  std::vector<ManifestFinding> failures;
};

/// One inproc server per <file> with COM entries (path "${installdir}\NAME", the assembly's
/// architecture), its comClass entries as classes, typelib entries as type libraries,
/// comInterfaceProxyStub and comInterfaceExternalProxyStub entries as interfaces. clrClass,
/// activatableClass, dependencies and files without COM entries are listed as unmapped, as is
/// each entry whose re-emitted manifest would differ from the source (verified, as the registry
/// importer verifies) or that does not validate.
[[nodiscard]] ManifestImportResult import_manifest(const ManifestModel& manifest,
                                                   const ManifestImportOptions& options = {});

}  // namespace comreg
