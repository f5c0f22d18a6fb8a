// ApplicationSettings: what an application manifest declares for Windows beside its
// dependencies (supported OS versions, requested execution level, DPI and long-path awareness,
// the Common Controls 6 dependency), with the names and values Microsoft's "Application
// manifests" page documents. The writer and the merge of an existing manifest share them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/core/diagnostics.hpp"
#include "comreg/model/manifest_model.hpp"

namespace comreg {

/// The settings of `comreg manifest --application`; the defaults declare nothing.
struct ApplicationSettings {
  std::vector<std::string> supported_os;  // names in supported_os_table(), in the order given
  std::string execution_level;            // "" or asInvoker, highestAvailable, requireAdministrator
  std::string dpi_awareness;              // "" or unaware, system, permonitor, permonitorv2
  bool long_path_aware = false;
  bool common_controls = false;
};

/// Errors ("unknown-application-setting") for values no manifest can carry, with the accepted ones.
[[nodiscard]] Diagnostics check_application_settings(const ApplicationSettings& settings);

/// One Windows version compatibility/application/supportedOS can name: the option's name, the
/// Id Microsoft documents, and the version's name for people.
struct SupportedOs {
  const char* name;
  const char* id;
  const char* title;
};

/// vista, win7, win8, win81, win10 (Windows 10 and 11 share one Id).
[[nodiscard]] const std::vector<SupportedOs>& supported_os_table();
[[nodiscard]] const SupportedOs* find_supported_os(std::string_view name);

/// The text of dpiAware (SMI/2005) and dpiAwareness (SMI/2016) for a --dpi-aware choice: both,
/// so that Windows versions before 10 1607, which read only dpiAware, get the nearest mode.
struct DpiValues {
  const char* dpi_aware;
  const char* dpi_awareness;
};
[[nodiscard]] std::optional<DpiValues> dpi_values(std::string_view choice);

/// The execution levels requestedExecutionLevel accepts.
[[nodiscard]] bool is_execution_level(std::string_view level);

/// Microsoft.Windows.Common-Controls 6.0.0.0 for any architecture and language.
[[nodiscard]] ManifestIdentity common_controls_identity();

/// The namespaces of the elements an application manifest's settings live in.
namespace manifest_namespace {
inline constexpr const char* asm_v1 = "urn:schemas-microsoft-com:asm.v1";
inline constexpr const char* asm_v3 = "urn:schemas-microsoft-com:asm.v3";
inline constexpr const char* compatibility_v1 = "urn:schemas-microsoft-com:compatibility.v1";
inline constexpr const char* windows_settings_2005 =
    "http://schemas.microsoft.com/SMI/2005/WindowsSettings";
inline constexpr const char* windows_settings_2016 =
    "http://schemas.microsoft.com/SMI/2016/WindowsSettings";
}  // namespace manifest_namespace

}  // namespace comreg
