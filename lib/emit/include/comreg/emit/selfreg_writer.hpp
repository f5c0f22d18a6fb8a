// SelfregWriter: a C++ source file whose DllRegisterServer / DllUnregisterServer apply the
// plan, for servers that must still register with regsvr32. Only <windows.h>: data in static
// tables, one small interpreter, no ATL and no C++ runtime beyond what the compiler needs.
#pragma once

#include <string>

#include "comreg/emit/installer_writers.hpp"
#include "comreg/plan/plan.hpp"

namespace comreg {

struct SelfregWriteOptions {
  /// Machine scope only: when HKLM cannot be written (regsvr32 not elevated), register in
  /// HKEY_CURRENT_USER\Software\Classes instead (and unregister there).
  bool per_user_fallback = false;
  /// Where the description came from, for the generated file's banner.
  std::string source_name;
};

/// `plan` is the description loaded with "installdir" kept symbolic (LoadOptions::symbolic),
/// planned once: ${installdir} becomes the DLL's folder at run time, and a LocalServer32
/// command whose quotes the plan marks quote_if_spaced is quoted at run time exactly when that
/// folder has a space, as comreg would. Any other placeholder must have been defined. `text`
/// is the C++ source.
[[nodiscard]] InstallerWriteResult write_selfreg(const Plan& plan,
                                                 const SelfregWriteOptions& options);

}  // namespace comreg
