// Registration scripts applied to a registry the way their own registrars would: an ATL
// registrar script (.rgs, also the REGISTRY resources of a DLL or EXE) and a .NET comhost CLSID
// map. The importer then reads the result like any registry (import_registry).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/core/diagnostics.hpp"
#include "comreg/core/registry_scope.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/store/registry_backend.hpp"

namespace comreg {

/// What a script is applied with: the file it came from (for locations), the values of its
/// replaceables (%MODULE% …) and the classes root HKCR stands for.
struct ScriptApplyOptions {
  std::string file;
  std::map<std::string, std::string> replacements;  // NAME -> text, without the % signs
  Scope scope = Scope::machine;
  /// v32: the script runs in a 32-bit registrar, whose CLSID and Interface keys under the
  /// classes root are the Wow6432Node ones.
  View view = View::v64;
};

/// Keys a script wrote outside the classes root: the description cannot carry them.
struct ScriptApplyResult {
  bool ok = false;
  std::vector<Unmapped> outside;
  std::vector<Unmapped> notes;  // written otherwise than the registrar writes it, and why
};

/// Applies an ATL registrar script as IRegistrar::ResourceRegister does: replaceables first
/// (%% is %, %NAME% its value; an unknown name is an error at its line:col that names the
/// --define to add), then the keys: NoRemove and plain keys are created, ForceRemove ones
/// deleted with their tree and created again, Delete ones deleted. HKCR (HKEY_CLASSES_ROOT) is
/// the classes root of `scope`. On error nothing is written.
[[nodiscard]] ScriptApplyResult apply_rgs(std::string_view text, const ScriptApplyOptions& options,
                                          RegistryBackend& registry, Diagnostics& diagnostics);

/// Applies a .NET CLSID map ({"{clsid}": {"type", "assembly", "progid"?}}, the .clsidmap file
/// and comhost.dll's resource 64 of type 1024) as comhost's DllRegisterServer does, with
/// `module` as the path of X.comhost.dll: CLSID\{clsid} = type, InprocServer32 = module with
/// ThreadingModel Both, and for a ProgID the CLSID\{clsid}\ProgID key and PROGID\CLSID.
[[nodiscard]] ScriptApplyResult apply_clsid_map(std::string_view json, const std::string& module,
                                                const ScriptApplyOptions& options,
                                                RegistryBackend& registry,
                                                Diagnostics& diagnostics);

}  // namespace comreg
