#include "lint/writable_folders.hpp"

#include <array>
#include <string_view>
#include <vector>

namespace comreg::lint_detail {
namespace {

// A folder (below a drive root, folded) that ordinary users can create files in on a default
// installation, so a binary registered inside it (or inside a subfolder, which its creator
// owns) can be replaced by any of them. Sources, as docs/lint.md cites them:
//   [ALB] api0cradle, UltimateAppLockerByPassList, Generic-AppLockerbypasses.md ("writable
//         by normal users ... from W10 1803"), commit 39085196.
//   [PAT] the longer copies of that list in public privilege-escalation cheat sheets (e.g.
//         PayloadsAllTheThings, "Windows - Privilege Escalation"); not re-checked on a machine.
//   [MS]  the default ACLs of Windows' own folders (icacls on a default installation).
struct WritableFolder {
  std::string_view folder;
  std::string_view why;
};
constexpr std::array<WritableFolder, 21> writable_folders{{
    // [MS] each profile is its user's; C:\Users\Public grants INTERACTIVE, SERVICE and
    // BATCH modify rights.
    {"users",
     "profile folders under \\Users belong to their users (and \\Users\\Public to everyone)"},
    // [MS] BUILTIN\Users may create files and folders in C:\ProgramData (and own them).
    {"programdata", "users may create files and folders under \\ProgramData"},
    // [ALB] BUILTIN\Users may create files and folders (but not list others').
    {"windows\\temp", "users may create files in \\Windows\\Temp"},
    // [ALB] the legacy scheduled-tasks folder.
    {"windows\\tasks", "users may create files in \\Windows\\Tasks"},
    // [ALB] the tracing (WPP log) folder.
    {"windows\\tracing", "users may create files in \\Windows\\tracing"},
    // [ALB] the COM+ CRM log folder.
    {"windows\\registration\\crmlog", "users may create files in \\Windows\\Registration\\CRMLog"},
    // [ALB] the fax service's temporary folder, both bitnesses.
    {"windows\\system32\\fxstmp", "users may create files in \\Windows\\System32\\FxsTmp"},
    {"windows\\syswow64\\fxstmp", "users may create files in \\Windows\\SysWOW64\\FxsTmp"},
    // [ALB] COM+ dump folder, both bitnesses.
    {"windows\\system32\\com\\dmp", "users may create files in \\Windows\\System32\\com\\dmp"},
    {"windows\\syswow64\\com\\dmp", "users may create files in \\Windows\\SysWOW64\\com\\dmp"},
    // [ALB] machine key containers: every user may create one.
    {"windows\\system32\\microsoft\\crypto\\rsa\\machinekeys",
     "users may create files in \\Windows\\System32\\Microsoft\\Crypto\\RSA\\MachineKeys"},
    // [ALB] the spooler's job, server and colour-profile folders.
    {"windows\\system32\\spool\\printers",
     "users may create files in \\Windows\\System32\\spool\\PRINTERS"},
    {"windows\\system32\\spool\\servers",
     "users may create files in \\Windows\\System32\\spool\\SERVERS"},
    {"windows\\system32\\spool\\drivers\\color",
     "users may create files in \\Windows\\System32\\spool\\drivers\\color"},
    // [ALB] lists Tasks\Microsoft\Windows\SyncCenter (and PLA\System for SysWOW64); [PAT]
    // the Tasks folders themselves, and Tasks_Migrated after an in-place upgrade.
    {"windows\\system32\\tasks", "users may create files under \\Windows\\System32\\Tasks"},
    {"windows\\syswow64\\tasks", "users may create files under \\Windows\\SysWOW64\\Tasks"},
    {"windows\\system32\\tasks_migrated",
     "users may create files under \\Windows\\System32\\Tasks_Migrated"},
    // [PAT] the WIA service's log folder.
    {"windows\\debug\\wia", "users may create files in \\Windows\\debug\\WIA"},
    // Kept from the first list: common drive-root folders (the root rule below covers them
    // too; these give the reason by name).
    {"temp", "a folder at the drive root is writable by Authenticated Users"},
    {"tmp", "a folder at the drive root is writable by Authenticated Users"},
    {"inetpub\\temp", "users may create files in \\inetpub\\temp"},
}};

// [MS] The drive root lets Authenticated Users create folders, and what is created there
// inherits Modify for them; only these folders, made by Setup, have their own ACLs.
constexpr std::array<std::string_view, 4> protected_roots{"program files", "program files (x86)",
                                                          "program files (arm)", "windows"};

std::vector<std::string_view> split(std::string_view folder) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  for (;;) {
    const std::size_t sep = folder.find('\\', at);
    out.push_back(folder.substr(at, sep == std::string_view::npos ? folder.npos : sep - at));
    if (sep == std::string_view::npos) return out;
    at = sep + 1;
  }
}

// The first `n` segments of `folders` equal those of `entry`.
bool same_start(const std::vector<std::string>& folders, const std::vector<std::string_view>& entry,
                std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (folders[i] != entry[i]) return false;
  }
  return true;
}

bool is_protected_root(std::string_view name) {
  for (auto p : protected_roots) {
    if (name == p) return true;
  }
  return false;
}

// The verdict from the folder names alone, as if they hung from a drive root.
FolderVerdict judge_names(const NormalizedPath& path) {
  std::vector<std::string> folders(path.segments.begin(), path.segments.empty()
                                                              ? path.segments.begin()
                                                              : path.segments.end() - 1);
  // C:\Windows\Sysnative is how a 32-bit process names the real System32.
  if (folders.size() >= 2 && folders[0] == "windows" && folders[1] == "sysnative") {
    folders[1] = "system32";
  }
  const std::size_t known = std::min(path.unknown_segment, folders.size());
  bool could_be_listed = known == 0 && !folders.empty();
  for (const auto& w : writable_folders) {
    const auto entry = split(w.folder);
    if (entry.size() <= known && same_start(folders, entry, entry.size())) {
      return {FolderVerdict::writable, std::string(w.why)};
    }
    if (entry.size() > known && known < folders.size() && same_start(folders, entry, known)) {
      could_be_listed = true;
    }
  }
  if (folders.empty()) {
    return {FolderVerdict::writable,
            "files at the drive root can be replaced by Authenticated Users"};
  }
  if (known >= 1 && !is_protected_root(folders[0])) {
    return {FolderVerdict::writable,
            "a folder created at the drive root inherits an ACL that lets Authenticated Users "
            "create and change files in it"};
  }
  if (could_be_listed) {
    return {FolderVerdict::unverifiable, "the folder '" + folders[known] + "' is " +
                                             path.unknown_why +
                                             ", and the folder it names could be a "
                                             "user-writable one"};
  }
  return {};
}

}  // namespace

FolderVerdict judge_folder(const NormalizedPath& path) {
  if (path.form != PathForm::absolute && path.form != PathForm::device) return {};
  FolderVerdict v = judge_names(path);
  if (path.form == PathForm::device) {
    if (v.kind == FolderVerdict::writable) {
      v.why += " (on the volume " + path.root + ", whichever drive that is)";
    } else {
      v = {FolderVerdict::unverifiable,
           "it names the volume by its device path " + path.root +
               ", and lint cannot tell offline which drive, if any, that is"};
    }
  }
  return v;
}

}  // namespace comreg::lint_detail
