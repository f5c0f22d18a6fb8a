// The documented values behind ApplicationSettings (learn.microsoft.com, "Application
// manifests": supportedOS, requestedExecutionLevel, dpiAware, dpiAwareness, longPathAware).
#include "comreg/emit/application_settings.hpp"

namespace comreg {

const std::vector<SupportedOs>& supported_os_table() {
  static const std::vector<SupportedOs> table{
      {"vista", "{e2011457-1546-43c5-a5fe-008deee3d3f0}", "Windows Vista"},
      {"win7", "{35138b9a-5d96-4fbd-8e2d-a2440225f93a}", "Windows 7"},
      {"win8", "{4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38}", "Windows 8"},
      {"win81", "{1f676c76-80e1-4239-95bb-83d0f6d0da78}", "Windows 8.1"},
      {"win10", "{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}", "Windows 10 and Windows 11"}};
  return table;
}

const SupportedOs* find_supported_os(std::string_view name) {
  for (const auto& os : supported_os_table()) {
    if (name == os.name) return &os;
  }
  return nullptr;
}

std::optional<DpiValues> dpi_values(std::string_view choice) {
  // dpiAware "true/pm" is per-monitor (v1) on Windows 8.1; dpiAwareness overrides it from
  // Windows 10 1607, and its list falls back to PerMonitor where PerMonitorV2 is unknown.
  if (choice == "unaware") return DpiValues{"false", "unaware"};
  if (choice == "system") return DpiValues{"true", "system"};
  if (choice == "permonitor") return DpiValues{"true/pm", "permonitor"};
  if (choice == "permonitorv2") return DpiValues{"true/pm", "permonitorv2,permonitor"};
  return std::nullopt;
}

bool is_execution_level(std::string_view level) {
  return level == "asInvoker" || level == "highestAvailable" || level == "requireAdministrator";
}

Diagnostics check_application_settings(const ApplicationSettings& s) {
  Diagnostics diagnostics;
  for (const auto& name : s.supported_os) {
    if (find_supported_os(name) == nullptr) {
      diagnostics.error("unknown-application-setting",
                        "'" + name + "' is not a Windows version a manifest can name", {},
                        "use vista, win7, win8, win81 or win10");
    }
  }
  if (!s.execution_level.empty() && !is_execution_level(s.execution_level)) {
    diagnostics.error("unknown-application-setting",
                      "'" + s.execution_level + "' is not an execution level", {},
                      "use asInvoker, highestAvailable or requireAdministrator");
  }
  if (!s.dpi_awareness.empty() && !dpi_values(s.dpi_awareness)) {
    diagnostics.error("unknown-application-setting",
                      "'" + s.dpi_awareness + "' is not a DPI awareness", {},
                      "use unaware, system, permonitor or permonitorv2");
  }
  return diagnostics;
}

ManifestIdentity common_controls_identity() {
  ManifestIdentity id;
  id.type = "win32";
  id.name = "Microsoft.Windows.Common-Controls";
  id.version = "6.0.0.0";
  id.processor_architecture = "*";
  id.public_key_token = "6595b64144ccf1df";
  id.language = "*";
  return id;
}

}  // namespace comreg
