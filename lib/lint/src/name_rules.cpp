// COM2xx: key names the registration creates that shadow names Windows already uses.
#include <array>
#include <string>

#include "core/ascii.hpp"
#include "lint/lint_context.hpp"

namespace comreg::lint_detail {
namespace {

// Keys under Classes that the shell or URL monikers read, and that are valid ProgIDs (the
// loader already refuses CLSID, Directory, exefile, *, .ext and the like: reserved-progid).
constexpr std::array<std::string_view, 40> shell_sensitive{
    // file types the shell runs
    "batfile", "cmdfile", "comfile", "cplfile", "htafile", "inffile", "lnkfile", "mscfile",
    "piffile", "regfile", "scrfile", "shcmdfile", "VBSFile", "VBEFile", "JSFile", "JSEFile",
    "WSFFile", "WSHFile", "Msi.Package", "Msi.Patch", "InternetShortcut",
    "Microsoft.PowerShellScript.1", "txtfile", "htmlfile",
    // URL protocols
    "http", "https", "ftp", "file", "mailto", "javascript", "vbscript", "about", "res",
    // shell namespaces
    "Network", "Printers", "DesktopBackground", "LibraryFolder", "CompressedFolder", "DirectShow",
    "AudioCD"};

// Executables whose AppID\<name> mapping belongs to Windows.
constexpr std::array<std::string_view, 22> system_executables{
    "dllhost.exe",  "svchost.exe",  "explorer.exe", "rundll32.exe",   "services.exe",
    "lsass.exe",    "winlogon.exe", "csrss.exe",    "mmc.exe",        "taskhostw.exe",
    "regsvr32.exe", "msiexec.exe",  "cmd.exe",      "powershell.exe", "wscript.exe",
    "cscript.exe",  "mshta.exe",    "spoolsv.exe",  "wmiprvse.exe",   "runtimebroker.exe",
    "sihost.exe",   "conhost.exe"};

template <std::size_t N>
bool contains_folded(const std::array<std::string_view, N>& names, std::string_view name) {
  for (auto n : names) {
    if (text::iequals(n, name)) return true;
  }
  return false;
}

void check_progid(LintContext& cx, const ComClass& c, std::string_view member,
                  const std::string& progid) {
  if (progid.empty()) return;
  if (contains_folded(shell_sensitive, progid)) {
    cx.report("COM201", c.at, member,
              "ProgID " + quote(progid) + " is the name of the key HKCR\\" + progid);
  } else if (progid.find('.') == std::string::npos) {
    cx.report("COM203", c.at, member, "ProgID " + quote(progid) + " has no vendor prefix");
  }
}

}  // namespace

void check_names(LintContext& cx) {
  for (const auto& server : cx.description().servers) {
    for (const auto& c : server.classes) {
      check_progid(cx, c, "/progid", c.progid);
      check_progid(cx, c, "/versionIndependentProgid", c.version_independent_progid);
    }
  }
  for (const auto& appid : cx.description().appids) {
    for (std::size_t i = 0; i < appid.executables.size(); ++i) {
      const std::string& exe = appid.executables[i];
      if (contains_folded(system_executables, exe)) {
        cx.report("COM202", appid.at, "/executables/" + std::to_string(i),
                  "AppID " + appid.appid + " maps the Windows executable " + quote(exe));
      }
    }
  }
}

}  // namespace comreg::lint_detail
