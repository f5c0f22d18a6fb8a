// The rule catalogue: IDs, names, severities and the one-line why and fix of each rule.
// docs/lint.md documents the same table; a test checks that they agree.
#include <algorithm>
#include <array>

#include "comreg/lint/lint.hpp"

namespace comreg {
namespace {

constexpr std::array<LintRule, 19> rules{{
    // 1xx: server paths
    {"COM101", "unquoted-local-server-path", Severity::error,
     "CreateProcess splits an unquoted command line at the first space and runs e.g. "
     "C:\\Program.exe if someone can create it",
     "write the path without quotes (comreg quotes it) or quote the whole path"},
    {"COM102", "relative-server-path", Severity::error,
     "a relative path is resolved through the DLL/EXE search order, so a file of that name in "
     "the client's folder or the current directory is loaded instead (search-order hijacking)",
     "give the full path, e.g. \"${installdir}\\\\widgets.dll\" with --define "
     "installdir=C:\\\\Program Files\\\\Contoso"},
    {"COM103", "machine-scope-user-writable-path", Severity::error,
     "a machine-wide registration of a binary in a folder that ordinary users can write lets "
     "any of them replace it and run code in every user's (or an elevated) process: a local "
     "privilege escalation",
     "install the binary under %ProgramFiles% (or another admin-only folder), or register it "
     "with --scope user"},
    {"COM104", "machine-scope-per-user-variable", Severity::error,
     "a per-user environment variable in a machine-wide registration expands to a different, "
     "user-controlled folder for each client, so one user can plant the binary another user "
     "(or an elevated process) loads",
     "use a machine-wide folder (%ProgramFiles%, %SystemRoot%) or register with --scope user"},
    {"COM105", "network-server-path", Severity::warning,
     "a binary on a network share is loaded from whoever controls the share and the network "
     "path to it, and activation fails while it is unreachable",
     "copy the binary to a local folder and register that path"},
    {"COM106", "unverifiable-server-path", Severity::warning,
     "lint judges folders offline, by name: an 8.3 short name, a volume device path or an "
     "unknown variable may name a user-writable folder, and only the target machine knows",
     "write the long path with its drive letter (C:\\Program Files\\Contoso\\w.dll, not "
     "C:\\PROGRA~1\\Contoso\\w.dll), or lint with --define for placeholders"},
    // 2xx: key names
    {"COM201", "shell-sensitive-progid", Severity::error,
     "this name is already a key the shell or the URL machinery uses (a file type, protocol "
     "or shell folder); registering it redirects how Windows opens those things",
     "choose a ProgID of the form Vendor.Component.Version"},
    {"COM202", "system-executable-appid", Severity::error,
     "AppID\\<name.exe> sets the COM security of every process of that name; mapping a "
     "Windows executable changes the security of the system's own COM servers",
     "list only your own server's executable name in \"executables\""},
    {"COM203", "progid-without-vendor", Severity::warning,
     "a ProgID without a period shares the namespace of file types and other vendors' names, "
     "so it collides easily",
     "use the form Vendor.Component.Version (e.g. \"Contoso.Widget.1\")"},
    // 3xx: AppID security
    {"COM301", "local-server-default-security", Severity::warning,
     "without launchPermission and accessPermission the machine-wide defaults decide who may "
     "start and call the server, and they change with the machine's policy",
     "give the AppID \"launchPermission\" and \"accessPermission\", e.g. "
     "\"O:BAG:BAD:(A;;CCDCSW;;;IU)(A;;CCDCSW;;;SY)(A;;CCDCSW;;;BA)\""},
    {"COM302", "runas-interactive-user", Severity::warning,
     "a server that runs as the interactive user acts with the rights of whoever is logged on "
     "to the console, for any client that may launch it, across sessions",
     "drop \"runAs\" (the server runs as the launching client), or run it as a service account"},
    {"COM303", "runas-stored-account", Severity::warning,
     "a named RunAs account needs its password stored as an LSA secret (dcomcnfg); the "
     "registration cannot carry it, activation fails until an administrator sets it, and the "
     "stored credential must then be managed",
     "use \"localService\" with a Windows service, or \"nt authority\\\\localservice\""},
    {"COM304", "surrogate-default-security", Severity::warning,
     "a DLL surrogate makes an in-process DLL callable from other processes; without "
     "launchPermission or accessPermission the machine-wide defaults decide who may do so",
     "give the surrogate's AppID \"launchPermission\" and \"accessPermission\""},
    {"COM305", "sddl-grants-everyone", Severity::error,
     "the security descriptor lets Everyone, Anonymous Logon or Guests launch or call the "
     "server (or has no DACL, which allows everyone)",
     "grant the groups that need it (IU interactive users, SY, BA), never WD, AN or BG"},
    {"COM306", "weak-authentication-level", Severity::warning,
     "authentication level 1 (none) or 2 (connect) lets calls arrive unauthenticated or "
     "unprotected after the first packet (tampering, spoofing)",
     "use \"authenticationLevel\": 5 (packet integrity) or 6 (packet privacy)"},
    {"COM307", "sddl-grants-broad-group", Severity::warning,
     "the security descriptor lets every authenticated user, every network logon or every "
     "member of Users launch or call the server, which is rarely what a server needs",
     "grant the groups that need it (IU interactive users, SY, BA, or your own group)"},
    // 4xx: class model
    {"COM401", "inproc-without-threading", Severity::warning,
     "an in-process class without ThreadingModel is created on the client's main STA only: "
     "calls from other threads are marshalled there, which is slow and can deadlock",
     "add \"threading\": \"Apartment\" (or \"Both\", \"Free\", \"Neutral\": what the class "
     "supports)"},
    {"COM402", "treat-as-loop", Severity::error,
     "CoGetTreatAsClass follows TreatAs keys; a chain that comes back to a class it started "
     "from makes activation fail or never end",
     "remove \"treatAs\" from one class of the chain"},
    // 5xx: registry views
    {"COM501", "view-arch-mismatch", Severity::error,
     "a DLL is only loaded by processes of its own bitness, and each bitness reads its own "
     "registry view: registered in the other view, the class is found but cannot load",
     "register with --view 32 for x86 servers and --view 64 for amd64/arm64 servers"},
}};

}  // namespace

std::span<const LintRule> lint_rules() {
  return rules;
}

const LintRule* find_lint_rule(std::string_view id) {
  const auto it = std::find_if(rules.begin(), rules.end(),
                               [&](const LintRule& r) { return r.id == id || r.name == id; });
  return it == rules.end() ? nullptr : &*it;
}

}  // namespace comreg
