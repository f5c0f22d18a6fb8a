// What a description's side-by-side manifests contain, as ManifestModel values: the single
// definition the manifest writer serializes and verify_manifest compares against.
#pragma once

#include <optional>
#include <string_view>

#include "comreg/core/diagnostics.hpp"
#include "comreg/model/description.hpp"
#include "comreg/model/manifest_model.hpp"

namespace comreg {

/// A planned manifest, or the errors that leave none; warnings either way.
struct ManifestPlan {
  std::optional<ManifestModel> manifest;  // set only when diagnostics has no error
  Diagnostics diagnostics;  // warnings for what cannot be registration-free (local servers, …)
};

/// The component assembly manifest: assemblyIdentity, one file per in-process server with its
/// comClass/typelib/comInterfaceProxyStub entries, and comInterfaceExternalProxyStub for
/// interfaces marshaled by a proxy outside the assembly. Errors: "unresolved-file-name",
/// "manifest-file-name-clash" (two servers' files share a name in different folders),
/// "no-registration-free-classes".
[[nodiscard]] ManifestPlan plan_component_manifest(const Description& description);

/// An application manifest for `exe_name` (".exe" dropped, other characters made safe) that
/// depends on the assembly. Error: "bad-application-name".
[[nodiscard]] ManifestPlan plan_application_manifest(const Description& description,
                                                     std::string_view exe_name);

/// The assembly's identity as a dependentAssembly names it.
[[nodiscard]] ManifestIdentity manifest_identity(const Assembly& assembly);

}  // namespace comreg
