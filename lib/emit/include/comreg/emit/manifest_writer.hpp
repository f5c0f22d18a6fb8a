// ManifestWriter: side-by-side manifests for registration-free COM, serialized from the
// ManifestModel that manifest_plan.hpp builds.
#pragma once

#include <string>
#include <string_view>

#include "comreg/core/diagnostics.hpp"
#include "comreg/emit/application_settings.hpp"
#include "comreg/model/description.hpp"
#include "comreg/model/manifest_model.hpp"

namespace comreg {

struct ManifestResult {
  std::string xml;          // UTF-8 with XML declaration; empty when diagnostics has errors
  Diagnostics diagnostics;  // warnings for what cannot be registration-free (local servers, …)
};

/// `manifest` as a UTF-8 document with XML declaration, elements in the model's order.
[[nodiscard]] std::string write_manifest(const ManifestModel& manifest);

/// The component assembly manifest ("<assembly name>.manifest"): assemblyIdentity, one `file`
/// per in-process server with its comClass/typelib/comInterfaceProxyStub entries, and
/// comInterfaceExternalProxyStub for interfaces marshaled by a proxy outside the assembly.
[[nodiscard]] ManifestResult write_component_manifest(const Description& description);

/// A whole application manifest ("<exe>.manifest") for `exe_name` that depends on the assembly,
/// then declares `settings` (Common Controls after the assembly's dependency; trustInfo,
/// compatibility and application/windowsSettings last). Error: "unknown-application-setting".
[[nodiscard]] ManifestResult write_application_manifest(const Description& description,
                                                        std::string_view exe_name,
                                                        const ApplicationSettings& settings = {});

/// Only the <dependency> element, to merge into an existing application manifest.
[[nodiscard]] ManifestResult write_dependency_fragment(const Description& description);

}  // namespace comreg
