// Where in a registry things go: the classes root (Scope), the registry view (View) and the
// names of the predefined root keys. Stage: core. The plan, every registry store and every
// later stage share this vocabulary; it depends on nothing else of comreg.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace comreg {

/// Which classes root the plan writes under.
enum class Scope : std::uint8_t {
  user,     // HKEY_CURRENT_USER\Software\Classes (no admin rights needed)
  machine,  // HKEY_LOCAL_MACHINE\Software\Classes
};

/// Which registry view: 32-bit registrations of CLSID and Interface keys live under
/// Classes\Wow6432Node on 64-bit Windows (the other Classes keys are shared since Windows 7).
enum class View : std::uint8_t { v64, v32 };

[[nodiscard]] const char* to_string(Scope s);  // "user", "machine"
[[nodiscard]] const char* to_string(View v);   // "64", "32"

/// "HKEY_CURRENT_USER\Software\Classes" or "HKEY_LOCAL_MACHINE\Software\Classes".
[[nodiscard]] std::string classes_root(Scope scope);

/// The key below the classes root that holds comreg's bookkeeping (its ownership records) in a
/// registry that holds only the classes root (UsrClass.dat mounted at
/// HKEY_CURRENT_USER\Software\Classes). A hyphen breaks Microsoft's ProgID rules, so no valid
/// ProgID has this name, and it has no CLSID subkey: CLSIDFromProgID cannot resolve it.
inline constexpr std::string_view classes_bookkeeping_key = "comreg-records";

/// The key beside the classes root (`<root>\Software\comreg`) that holds comreg's bookkeeping
/// wherever the registry has a Software key: the live registry, SOFTWARE and NTUSER hives.
inline constexpr std::string_view software_bookkeeping_key = "comreg";

/// True when `key` is `<root>\Software\comreg` or below it. The live registry reads and writes
/// it in the 64-bit view whatever view it is opened in: HKLM\Software is redirected for the
/// 32-bit view, and the records of both views must see each other, or each view takes the
/// keys they share (AppID, TypeLib, ProgIDs) for foreign ones and the other view loses them.
[[nodiscard]] bool is_software_bookkeeping(std::string_view key);

/// A predefined root key: its name as regedit writes it, and the abbreviation `reg` accepts
/// ("" when there is none).
struct RootKey {
  std::string_view long_name;
  std::string_view short_name;
};

/// The one table of root key names, in the order regedit lists them.
inline constexpr RootKey root_keys[] = {
    {"HKEY_CLASSES_ROOT", "HKCR"}, {"HKEY_CURRENT_USER", "HKCU"},   {"HKEY_LOCAL_MACHINE", "HKLM"},
    {"HKEY_USERS", "HKU"},         {"HKEY_CURRENT_CONFIG", "HKCC"}, {"HKEY_DYN_DATA", ""}};

/// The long name of a root key given in full or abbreviated (ASCII case-insensitive), or "".
[[nodiscard]] std::string_view long_root_name(std::string_view root);

/// The abbreviation `reg` accepts for a long root name ("HKCR" for HKEY_CLASSES_ROOT), or "".
[[nodiscard]] std::string_view short_root_name(std::string_view long_root);

}  // namespace comreg
