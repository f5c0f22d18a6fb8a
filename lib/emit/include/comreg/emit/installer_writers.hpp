// Installer and deployment formats written from the plan: WiX v4 and v3 fragments, ATL registrar
// scripts (.rgs), Inno Setup [Registry] sections and Group Policy Preferences registry XML.
//
// Each writer renders the same operations the .reg writer renders, in the format's own
// words for types, ownership (what uninstall removes) and the 32/64-bit view. See
// docs/installers.md for the mapping of each format.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "comreg/core/diagnostics.hpp"
#include "comreg/plan/plan.hpp"

namespace comreg {

/// Options shared by the installer writers; each reads the members that mean something to it.
/// The WiX schema a fragment is written in: v4 (wixtoolset.org, WiX 4 and later) or v3
/// (schemas.microsoft.com/wix/2006/wi, WiX 3 and msitools' wixl). The same content either way.
enum class WixSchema { v3, v4 };

/// Where an .rgs script roots its keys: at HKCR, as ATL projects do (the registrar picks
/// HKCU\Software\Classes or HKLM\Software\Classes when it runs: AtlSetPerUserRegistration,
/// `regsvr32 /n /i:user`), or at the plan scope's own Software\Classes.
enum class RgsRoot { classes_root, scope };

struct InstallerWriteOptions {
  /// Name of what is registered (the description's assembly name): WiX Component and
  /// ComponentGroup ids, the GPP collection, the name-based GUIDs.
  std::string name = "comreg";
  /// Placeholder name -> the format's reference for it: WiX property ("INSTALLFOLDER" gives
  /// [INSTALLFOLDER]), Inno Setup constant ("app" gives {app}), registrar variable
  /// ("INSTALLDIR" gives %INSTALLDIR%). The plan's placeholders are those the description kept
  /// symbolic (LoadOptions::symbolic: load with these names); one without a reference here is
  /// an error. GPP has no references: every placeholder must be defined.
  std::map<std::string, std::string> references;
  /// WiX: the Directory id the component is installed in.
  std::string wix_directory = "INSTALLFOLDER";
  /// WiX: the schema written.
  WixSchema wix_schema = WixSchema::v4;
  /// rgs: file name of the server (as in the description's path, any case) whose path is
  /// written as %MODULE%, the path of the module the registrar runs for.
  std::string rgs_module;
  /// rgs: the root of the script's keys.
  RgsRoot rgs_root = RgsRoot::classes_root;
  /// gpp: items that delete the registration (owned roots deleted, shared values removed).
  bool uninstall = false;
};

/// The whole output text (UTF-8), empty when diagnostics has errors.
struct InstallerWriteResult {
  std::string text;
  Diagnostics diagnostics;
};

/// WiX <Fragment> (v4 or v3, InstallerWriteOptions::wix_schema): a ComponentGroup of
/// registry-only Components, the product's own and one per shareable tree.
[[nodiscard]] InstallerWriteResult write_wix(const Plan& plan,
                                             const InstallerWriteOptions& options);
/// ATL registrar script: HKCR { NoRemove … ForceRemove … } (or HKLM/HKCU, rgs_root).
[[nodiscard]] InstallerWriteResult write_rgs(const Plan& plan,
                                             const InstallerWriteOptions& options);
/// Inno Setup [Registry] section.
[[nodiscard]] InstallerWriteResult write_inno(const Plan& plan,
                                              const InstallerWriteOptions& options);
/// Group Policy Preferences Registry.xml (RegistrySettings).
[[nodiscard]] InstallerWriteResult write_gpp(const Plan& plan,
                                             const InstallerWriteOptions& options);

}  // namespace comreg
