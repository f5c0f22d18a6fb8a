// The curated list of Windows' own COM identities (comreg/model/protected_identities.hpp).
// Every GUID and ProgID here was checked against the registry of a fresh Wine 8 prefix, which
// registers Windows' identities for compatibility, and against Microsoft's documentation where
// it names one (docs/protected-identities.md gives the source of each group). Entries are
// what scripts, installers and attackers reach for by name: replacing one breaks or hijacks
// every program that creates it.
#include "comreg/model/protected_identities.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "comreg/core/guid.hpp"
#include "core/ascii.hpp"

namespace comreg {
namespace {

using K = IdentityKind;

constexpr auto table = std::to_array<ProtectedIdentity>({
    // Scripting runtime and Windows Script Host
    {K::clsid, "{0D43FE01-F093-11CF-8940-00A0C9054228}", "Scripting.FileSystemObject",
     "scrrun.dll"},
    {K::clsid, "{EE09B103-97E0-11CF-978F-00A02463E06F}", "Scripting.Dictionary", "scrrun.dll"},
    {K::clsid, "{32DA2B15-CFED-11D1-B747-00C04FC2B085}", "Scripting.Encoder", "scrrun.dll"},
    {K::libid, "{420B2830-E718-11CF-893D-00A0C9054228}", "Scripting (Microsoft Scripting Runtime)",
     "scrrun.dll"},
    {K::iid, "{2A0B9D10-4B87-11D3-A97A-00104B365C9F}", "IFileSystem3", "scrrun.dll"},
    {K::clsid, "{72C24DD5-D70A-438B-8A42-98424B88AFB8}", "WScript.Shell", "wshom.ocx"},
    {K::clsid, "{093FF999-1EA0-4079-9525-9614C3504B74}", "WScript.Network", "wshom.ocx"},
    {K::libid, "{F935DC20-1CF0-11D0-ADB9-00C04FD58A0B}",
     "IWshRuntimeLibrary (Windows Script Host Object Model)", "wshom.ocx"},
    {K::iid, "{41904400-BE18-11D3-A28B-00104BD35090}", "IWshShell3", "wshom.ocx"},
    {K::clsid, "{B54F3741-5B07-11CF-A4B0-00AA004A55E8}", "VBScript", "vbscript.dll"},
    {K::clsid, "{F414C260-6AC0-11CF-B6D1-00AA00BBBB58}", "JScript", "jscript.dll"},
    {K::clsid, "{06290BD5-48AA-11D2-8432-006008C3FBFC}", "Scriptlet.TypeLib", "scrobj.dll"},
    // Shell
    {K::clsid, "{13709620-C279-11CE-A49E-444553540000}", "Shell.Application", "shell32.dll"},
    {K::libid, "{50A7E9B0-70EF-11D1-B75A-00A0C90564FE}",
     "Shell32 (Microsoft Shell Controls And Automation)", "shell32.dll"},
    {K::iid, "{D8F015C0-C278-11CE-A49E-444553540000}", "IShellDispatch", "shell32.dll"},
    {K::clsid, "{9BA05972-F6A8-11CF-A442-00A0C90A8F39}", "ShellWindows", "shell32.dll"},
    {K::clsid, "{C08AFD90-F2A1-11D1-8455-00A0C91F3880}", "ShellBrowserWindow", "explorer.exe"},
    {K::clsid, "{4657278A-411B-11D2-839A-00C04FD918D0}", "DragDropHelper", "shell32.dll"},
    {K::clsid, "{20D04FE0-3AEA-1069-A2D8-08002B30309D}", "This PC (My Computer)", "shell32.dll"},
    {K::clsid, "{645FF040-5081-101B-9F08-00AA002F954E}", "Recycle Bin", "shell32.dll"},
    {K::clsid, "{21EC2020-3AEA-1069-A2DD-08002B30309D}", "Control Panel", "shell32.dll"},
    {K::clsid, "{8856F961-340A-11D0-A96B-00C04FD705A2}", "Shell.Explorer (WebBrowser control)",
     "ieframe.dll"},
    {K::libid, "{EAB22AC0-30C1-11CF-A7EB-0000C05BAE0B}", "SHDocVw (Microsoft Internet Controls)",
     "ieframe.dll"},
    {K::clsid, "{25336920-03F9-11CF-8FD0-00AA00686F13}", "htmlfile", "mshtml.dll"},
    {K::clsid, "{49B2791A-B1AE-4C90-9B8E-E860BA07F889}", "MMC20.Application", "mmc.exe"},
    // MSXML
    {K::clsid, "{88D96A05-F192-11D4-A65F-0040963251E5}", "Msxml2.DOMDocument.6.0", "msxml6.dll"},
    {K::clsid, "{88D96A06-F192-11D4-A65F-0040963251E5}", "Msxml2.FreeThreadedDOMDocument.6.0",
     "msxml6.dll"},
    {K::clsid, "{88D96A0A-F192-11D4-A65F-0040963251E5}", "Msxml2.XMLHTTP.6.0", "msxml6.dll"},
    {K::clsid, "{F6D90F11-9C73-11D3-B32E-00C04F990BB4}", "Msxml2.DOMDocument", "msxml3.dll"},
    {K::clsid, "{F6D90F12-9C73-11D3-B32E-00C04F990BB4}", "Msxml2.FreeThreadedDOMDocument",
     "msxml3.dll"},
    {K::clsid, "{2933BF90-7B36-11D2-B20E-00C04F983E60}", "Microsoft.XMLDOM", "msxml3.dll"},
    {K::clsid, "{2933BF94-7B36-11D2-B20E-00C04F983E60}", "Msxml2.XSLTemplate", "msxml3.dll"},
    {K::clsid, "{ED8C108E-4349-11D2-91A4-00C04F7969E8}", "Microsoft.XMLHTTP", "msxml3.dll"},
    {K::clsid, "{AFBA6B42-5692-48EA-8141-DC517DCF0EF1}", "Msxml2.ServerXMLHTTP", "msxml3.dll"},
    {K::libid, "{F5078F18-C551-11D3-89B9-0000F81FE221}", "MSXML2 (Microsoft XML, v3.0 and v6.0)",
     "msxml3.dll, msxml6.dll"},
    {K::iid, "{2933BF81-7B36-11D2-B20E-00C04F983E60}", "IXMLDOMDocument", "msxml3.dll"},
    // Data access, management, OLE automation helpers
    {K::clsid, "{00000514-0000-0010-8000-00AA006D2EA4}", "ADODB.Connection", "msado15.dll"},
    {K::clsid, "{00000535-0000-0010-8000-00AA006D2EA4}", "ADODB.Recordset", "msado15.dll"},
    {K::clsid, "{00000507-0000-0010-8000-00AA006D2EA4}", "ADODB.Command", "msado15.dll"},
    {K::clsid, "{00000566-0000-0010-8000-00AA006D2EA4}", "ADODB.Stream", "msado15.dll"},
    {K::clsid, "{76A64158-CB41-11D1-8B02-00600806D9B6}", "WbemScripting.SWbemLocator",
     "wbemdisp.dll"},
    {K::clsid, "{0BE35203-8F91-11CE-9DE3-00AA004BB851}", "StdFont", "oleaut32.dll"},
    {K::clsid, "{0BE35204-8F91-11CE-9DE3-00AA004BB851}", "StdPicture", "oleaut32.dll"},
    // ProgIDs (each also matches with a version suffix: WScript.Shell.1, Msxml2.DOMDocument.6.0)
    {K::progid, "Scripting.FileSystemObject", "Scripting.FileSystemObject", "scrrun.dll"},
    {K::progid, "Scripting.Dictionary", "Scripting.Dictionary", "scrrun.dll"},
    {K::progid, "Scripting.Encoder", "Scripting.Encoder", "scrrun.dll"},
    {K::progid, "WScript.Shell", "WScript.Shell", "wshom.ocx"},
    {K::progid, "WScript.Network", "WScript.Network", "wshom.ocx"},
    {K::progid, "VBScript", "VBScript", "vbscript.dll"},
    {K::progid, "JScript", "JScript", "jscript.dll"},
    {K::progid, "Scriptlet.TypeLib", "Scriptlet.TypeLib", "scrobj.dll"},
    {K::progid, "Shell.Application", "Shell.Application", "shell32.dll"},
    {K::progid, "Shell.Explorer", "Shell.Explorer", "ieframe.dll"},
    {K::progid, "InternetExplorer.Application", "InternetExplorer.Application", "ieframe.dll"},
    {K::progid, "htmlfile", "htmlfile", "mshtml.dll"},
    {K::progid, "MMC20.Application", "MMC20.Application", "mmc.exe"},
    {K::progid, "Msxml2.DOMDocument", "Msxml2.DOMDocument", "msxml3.dll, msxml6.dll"},
    {K::progid, "Msxml2.FreeThreadedDOMDocument", "Msxml2.FreeThreadedDOMDocument",
     "msxml3.dll, msxml6.dll"},
    {K::progid, "Msxml2.XMLHTTP", "Msxml2.XMLHTTP", "msxml3.dll, msxml6.dll"},
    {K::progid, "Msxml2.ServerXMLHTTP", "Msxml2.ServerXMLHTTP", "msxml3.dll, msxml6.dll"},
    {K::progid, "Msxml2.XSLTemplate", "Msxml2.XSLTemplate", "msxml3.dll, msxml6.dll"},
    {K::progid, "Microsoft.XMLDOM", "Microsoft.XMLDOM", "msxml3.dll"},
    {K::progid, "Microsoft.XMLHTTP", "Microsoft.XMLHTTP", "msxml3.dll"},
    {K::progid, "ADODB.Connection", "ADODB.Connection", "msado15.dll"},
    {K::progid, "ADODB.Recordset", "ADODB.Recordset", "msado15.dll"},
    {K::progid, "ADODB.Command", "ADODB.Command", "msado15.dll"},
    {K::progid, "ADODB.Stream", "ADODB.Stream", "msado15.dll"},
    {K::progid, "WbemScripting.SWbemLocator", "WbemScripting.SWbemLocator", "wbemdisp.dll"},
    {K::progid, "StdFont", "StdFont", "oleaut32.dll"},
    {K::progid, "StdPicture", "StdPicture", "oleaut32.dll"},
});

std::string_view kind_label(IdentityKind kind) {
  switch (kind) {
    case K::clsid:
      return "CLSID";
    case K::iid:
      return "IID";
    case K::libid:
      return "LIBID";
    case K::appid:
      return "AppID";
    case K::progid:
      return "ProgID";
  }
  return "identity";
}

// "Msxml2.DOMDocument.6.0" is "Msxml2.DOMDocument" with a version: a period, then digits and
// periods only.
bool is_versioned_form(std::string_view progid, std::string_view name) {
  if (progid.size() <= name.size() + 1 || !text::iequals(progid.substr(0, name.size()), name)) {
    return false;
  }
  if (progid[name.size()] != '.') return false;
  for (const char c : progid.substr(name.size() + 1)) {
    if (!((c >= '0' && c <= '9') || c == '.')) return false;
  }
  return true;
}

// Every class's ProgIDs are looked up here: a name of none of the table's ProgIDs' lengths,
// nor longer than one by a version, is ruled out without a scan.
struct TableIndex {
  std::array<bool, 256> progid_length{};  // the length of a ProgID in the table
  std::size_t shortest_progid = SIZE_MAX;
};

const TableIndex& table_index() {
  static const TableIndex index = [] {
    TableIndex built;
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (table[i].kind != K::progid) continue;
      built.progid_length[table[i].id.size()] = true;
      built.shortest_progid = std::min(built.shortest_progid, table[i].id.size());
    }
    return built;
  }();
  return index;
}

const ProtectedIdentity* find_progid(std::string_view progid) {
  // Only a ProgID of a listed length, or one longer by a version, can match.
  const TableIndex& index = table_index();
  if (progid.size() < index.shortest_progid) return nullptr;
  bool possible = progid.size() < index.progid_length.size() && index.progid_length[progid.size()];
  for (std::size_t i = progid.size(); !possible && i-- > 0;) {
    const char c = progid[i];
    if (c == '.' && i < index.progid_length.size() && index.progid_length[i]) possible = true;
    if (!((c >= '0' && c <= '9') || c == '.')) break;
  }
  if (!possible) return nullptr;
  for (const auto& p : table) {
    if (p.kind == K::progid && (text::iequals(progid, p.id) || is_versioned_form(progid, p.id))) {
      return &p;
    }
  }
  return nullptr;
}

}  // namespace

std::span<const ProtectedIdentity> protected_identities() {
  return table;
}

namespace {

bool is_ole_reserved_normal_guid(std::string_view normal) {
  return normal.size() == 38 && normal.substr(9) == "-0000-0000-C000-000000000046}";
}

}  // namespace

bool is_ole_reserved_guid(std::string_view guid) {
  const auto normal = normalize_guid(guid);
  return normal && is_ole_reserved_normal_guid(*normal);
}

ProtectedIdentityProblem check_protected_identity(IdentityKind kind, std::string_view id) {
  if (kind == K::progid) {
    const ProtectedIdentity* p = find_progid(id);
    if (p == nullptr) return {};
    return {"protected-identity",
            "ProgID '" + std::string(id) + "' is Windows' own " + std::string(p->name) + " (" +
                std::string(p->module) +
                "): registering it would take it from every program on the machine, and "
                "uninstalling it would delete it",
            "choose a ProgID of your own (Vendor.Component.Version)"};
  }
  const auto normal = normalize_guid(id);
  if (!normal) return {};
  const std::string label(kind_label(kind));  // not for a ProgID: most calls
  const std::string hint = "generate a GUID of your own: comreg guid";
  if (is_ole_reserved_normal_guid(*normal)) {
    return {"protected-identity",
            label + " " + *normal +
                " is in OLE's reserved range {xxxxxxxx-0000-0000-C000-000000000046}, which "
                "belongs to Windows (IUnknown, IDispatch, the automation marshaler, stdole, ...): "
                "registering it would replace Windows' own, and uninstalling it would delete it",
            hint};
  }
  // A GUID is Windows' whatever it names here: a CLSID of Windows taken as an AppID or an
  // IID collides just the same wherever a lookup crosses kinds (AppID = CLSID is the norm).
  for (const auto& p : table) {
    if (p.kind == K::progid || p.id != *normal) continue;
    return {"protected-identity",
            label + " " + *normal + " is Windows' own " + std::string(kind_label(p.kind)) + " of " +
                std::string(p.name) + " (" + std::string(p.module) +
                "): registering it would replace Windows' own, and uninstalling it would delete it",
            hint};
  }
  return {};
}

}  // namespace comreg
