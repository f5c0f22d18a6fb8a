// The audit catalogue: IDs, names, severities, the why and fix of each rule and its source.
// docs/audit.md documents the same table; a test checks that they agree.
#include <algorithm>
#include <array>

#include "comreg/audit/audit.hpp"

namespace comreg {
namespace {

constexpr std::string_view mitre_com_hijacking = "https://attack.mitre.org/techniques/T1546/015/";

constexpr std::array<AuditRule, 20> rules{{
    // 1xx: per-user shadowing and class redirection
    {"AUD101", "user-clsid-shadows-machine", Severity::warning,
     "a per-user CLSID serves a class the machine registers, with another server",
     "COM reads HKEY_CURRENT_USER's classes before HKEY_LOCAL_MACHINE's, so any user can make "
     "every program they run load their own server instead of the machine's (COM hijacking)",
     "delete the per-user key (HKCU\\Software\\Classes\\CLSID\\{…}) unless the user's own "
     "software put it there on purpose",
     mitre_com_hijacking},
    {"AUD102", "user-progid-shadows-machine", Severity::warning,
     "a per-user ProgID names another CLSID than the machine's ProgID of that name",
     "CreateObject(\"Name\") and CLSIDFromProgID read the per-user ProgID first, so a user "
     "redirects every script and program that creates the object by name",
     "delete the per-user ProgID key, or make its CLSID the machine's",
     "https://learn.microsoft.com/en-us/windows/win32/sysinfo/merged-view-of-hkey-classes-root"},
    {"AUD103", "user-typelib-shadows-machine", Severity::warning,
     "a per-user type library version points at another file than the machine's",
     "LoadRegTypeLib reads the per-user TypeLib key first; the type library's path can name a "
     "file or a moniker that runs code when a client loads the library",
     "delete the per-user TypeLib version key",
     "https://cicada-8.medium.com/hijack-the-typelib-new-com-persistence-technique-32ae1d284661"},
    {"AUD104", "user-class-redirection", Severity::warning,
     "a per-user TreatAs or AutoConvertTo redirects a class to another CLSID",
     "TreatAs makes CoCreateInstance of one class create another: a per-user TreatAs hijacks "
     "a machine class without touching its server keys, which detections watch",
     "delete the per-user TreatAs / AutoConvertTo key",
     "https://bohops.com/2018/08/18/"
     "abusing-the-com-registry-structure-part-2-loading-techniques-for-evasion-and-persistence/"},
    {"AUD105", "redirection-to-unregistered-class", Severity::warning,
     "TreatAs or AutoConvertTo names a CLSID that is not registered",
     "activation fails today, and whoever registers that CLSID (per user, without rights) "
     "decides what every client of the redirected class gets",
     "delete the TreatAs / AutoConvertTo value, or register the class it names",
     "https://learn.microsoft.com/en-us/windows/win32/com/treatas"},
    {"AUD106", "redirection-chain", Severity::note,
     "TreatAs or AutoConvertTo leads to a class that is redirected again",
     "CoGetTreatAsClass follows the chain; each link is one more key that can be changed to "
     "take the class over, and long chains hide where activation ends",
     "point the redirection at the final class",
     "https://learn.microsoft.com/en-us/windows/win32/api/combaseapi/"
     "nf-combaseapi-cogettreatasclass"},
    {"AUD107", "redirection-loop", Severity::error,
     "TreatAs or AutoConvertTo redirections form a loop",
     "activation of every class in the loop fails (CoGetTreatAsClass gives up), so the "
     "registration is broken",
     "delete the TreatAs / AutoConvertTo value that closes the loop",
     "https://learn.microsoft.com/en-us/windows/win32/com/treatas"},
    {"AUD108", "known-hijack-target-per-user", Severity::error,
     "a per-user registration of a CLSID that attackers are documented to hijack",
     "these classes are loaded by explorer, the task scheduler or common programs at logon, "
     "and a per-user server for them is a known persistence technique (docs/audit.md lists "
     "the classes and the reports)",
     "delete the per-user CLSID key and investigate the file it names", mitre_com_hijacking},
    // 2xx: script and URL servers, launchers
    {"AUD201", "scriptlet-server", Severity::warning,
     "a class served by scrobj.dll with a ScriptletURL, or a per-user scriptlet class",
     "a scriptlet class runs script fetched from the ScriptletURL (a file or a web address) "
     "inside the client process; it is how regsvr32 /i:URL scrobj.dll (\"Squiblydoo\") runs "
     "code",
     "delete the class unless it is a scriptlet you ship; serve it from a binary instead",
     "https://attack.mitre.org/techniques/T1218/010/"},
    {"AUD202", "script-or-url-server", Severity::error,
     "a server or type library path that is a moniker or URL (script:, http:, …)",
     "COM and LoadTypeLib resolve a moniker display name: \"script:\" runs a scriptlet and a "
     "URL downloads what it names, so loading the class or the type library runs that code",
     "register the path of a file on a local disk",
     "https://cicada-8.medium.com/hijack-the-typelib-new-com-persistence-technique-32ae1d284661"},
    {"AUD203", "launcher-local-server", Severity::warning,
     "a LocalServer32 command runs a script host or system launcher (rundll32, regsvr32, "
     "mshta, cmd, powershell, wscript, cscript)",
     "activating the class runs a command line of the attacker's choosing through a signed "
     "Windows program, which proxies execution past allow-lists",
     "register the server's own executable",
     "https://bohops.com/2018/06/28/"
     "abusing-com-registry-structure-clsid-localserver32-inprocserver32/"},
    // 3xx: server paths and files
    {"AUD301", "unquoted-server-path-with-spaces", Severity::error,
     "an unquoted LocalServer32 command whose program path has a space",
     "CreateProcess splits an unquoted command line at the first space and runs e.g. "
     "C:\\Program.exe if someone can create it",
     "quote the program path: \"C:\\Program Files\\Contoso\\server.exe\" -Embedding",
     "https://attack.mitre.org/techniques/T1574/009/"},
    {"AUD302", "relative-server-path", Severity::warning,
     "a server path with a folder but no drive (bin\\x.dll, \\x.dll)",
     "a relative path is resolved against the client's current folder or drive, so a file of "
     "that name there is loaded instead (search-order hijacking)",
     "register the full path of the server", "https://attack.mitre.org/techniques/T1574/001/"},
    {"AUD303", "machine-server-in-user-writable-folder", Severity::error,
     "a machine-wide registration whose server is in a folder ordinary users can write",
     "any user can replace the file and run code in every user's (or an elevated) process that "
     "activates the class: a local privilege escalation",
     "move the server under %ProgramFiles% or %SystemRoot%, or register it per user",
     "https://attack.mitre.org/techniques/T1574/010/"},
    {"AUD304", "missing-server-file", Severity::warning,
     "the server file of a registration does not exist under --root",
     "an abandoned registration: activation fails, and whoever can create the file (or, for a "
     "file in a writable folder, any user) takes the class over",
     "delete the registration or reinstall the product that owns it", mitre_com_hijacking},
    // 4xx: AppID security
    {"AUD401", "appid-grants-everyone", Severity::error,
     "an AppID's LaunchPermission or AccessPermission grants Everyone, Anonymous Logon or "
     "Guests (or has no DACL)",
     "any caller, local or remote and possibly unauthenticated, can start the server or call "
     "it, with the server's rights",
     "grant interactive users (IU), SYSTEM and administrators only",
     "https://learn.microsoft.com/en-us/windows/win32/com/launchpermission"},
    {"AUD402", "runas-interactive-user", Severity::note,
     "an AppID runs its server as the interactive user",
     "the server acts with the rights of whoever is logged on to the console, for any client "
     "that may launch it, across sessions; Windows uses it for some of its own servers",
     "drop RunAs unless the server must show UI on the console",
     "https://learn.microsoft.com/en-us/windows/win32/com/runas"},
    {"AUD403", "surrogate-without-permissions", Severity::warning,
     "an AppID with a DllSurrogate and no LaunchPermission or AccessPermission",
     "a DLL surrogate makes an in-process DLL callable from other processes; without its own "
     "permissions the machine-wide defaults decide who may do so",
     "give the AppID LaunchPermission and AccessPermission",
     "https://learn.microsoft.com/en-us/windows/win32/com/dllsurrogate"},
    // 5xx: elevation
    {"AUD501", "elevation-outside-machine", Severity::error,
     "a per-user class enables the COM elevation moniker (Elevation\\Enabled)",
     "the elevation moniker reads only HKEY_LOCAL_MACHINE; a per-user Elevation key never "
     "works and marks an attempt to get a class elevated without a prompt",
     "delete the per-user Elevation key",
     "https://learn.microsoft.com/en-us/windows/win32/com/the-com-elevation-moniker"},
    {"AUD502", "elevation-without-localized-string", Severity::warning,
     "a class enables the elevation moniker but has no LocalizedString",
     "the elevation moniker refuses a class without a LocalizedString (the name the consent "
     "prompt shows), so elevation fails",
     "add LocalizedString (\"@%SystemRoot%\\\\x.dll,-101\" or a plain name) to the CLSID key",
     "https://learn.microsoft.com/en-us/windows/win32/com/the-com-elevation-moniker"},
}};

}  // namespace

std::span<const AuditRule> audit_rules() {
  return rules;
}

const AuditRule* find_audit_rule(std::string_view id) {
  const auto it =
      std::find_if(rules.begin(), rules.end(), [&](const AuditRule& r) { return r.id == id; });
  return it == rules.end() ? nullptr : &*it;
}

}  // namespace comreg
