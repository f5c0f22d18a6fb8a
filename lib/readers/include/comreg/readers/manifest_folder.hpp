// check_manifest_folder: the manifests of one application folder checked together, as the
// loader resolves them: dependencies against the identities of the manifests they name, files
// the manifests list against the folder, and classes and ProgIDs served by more than one.
#pragma once

#include <string>
#include <vector>

#include "comreg/core/diagnostics.hpp"
#include "comreg/model/manifest_model.hpp"

namespace comreg {

/// The folder's manifests (ManifestModel::file names each, as a path) and the names of every
/// file in the folder. Findings are errors at the element's file:line:col, with these codes:
/// "dependency-identity"  a dependentAssembly names NAME and NAME.manifest (the file Windows
///                        probes) has another identity: name, version, processorArchitecture or
///                        publicKeyToken (names, architectures and tokens without case);
/// "dependency-file-name" no NAME.manifest, but another manifest has the identity NAME;
/// "file-not-found"       a <file name> that is not in the folder (without case, as Windows);
/// "clsid-served-twice", "progid-served-twice"  the second comClass/clrClass (or ProgID) of
///                        the folder with a CLSID (ProgID) another one already serves.
/// A dependency no manifest of the folder has (a system assembly such as
/// Microsoft.Windows.Common-Controls) is not a finding.
[[nodiscard]] Diagnostics check_manifest_folder(const std::vector<ManifestModel>& manifests,
                                                const std::vector<std::string>& folder_files);

}  // namespace comreg
