// AUD301-AUD304: how the path of each server reads, where it lives, and whether it is there.
#include <algorithm>

#include "audit_context.hpp"
#include "core/windows_path.hpp"
#include "lint/writable_folders.hpp"
#include "server_files.hpp"

namespace comreg::audit_detail {
namespace {

using lint_detail::FolderVerdict;
using lint_detail::NormalizedPath;
using lint_detail::PathForm;

// A bare file name ("ole32.dll") is found through the DLL search path: the system folders
// under --root are where it must be.
bool bare_name_exists(DriveFiles& files, const std::string& name) {
  return files.exists({"windows", "system32", name}) || files.exists({"windows", name});
}

void check_missing(AuditContext& cx, DriveFiles& files, const ServerEntry& s,
                   const std::string& file, const NormalizedPath& n) {
  bool found = true;
  if (n.form == PathForm::absolute && n.root == "c:" && n.unknown_segment == std::string::npos) {
    found = files.exists(n.segments);
  } else if (n.form == PathForm::relative && n.segments.size() == 1 && n.root.empty() &&
             file.find_first_of("\\/:") == std::string::npos) {
    found = bare_name_exists(files, n.segments.front());
  }
  if (!found) {
    cx.report("AUD304", s.layer, s.rel, "",
              s.kind + " of " + s.clsid + " names " + quote(file) + ", which is not under --root");
  }
}

}  // namespace

void check_server_paths(AuditContext& cx, const std::vector<ServerEntry>& servers) {
  std::optional<DriveFiles> files;
  if (!cx.options().root.empty()) files.emplace(cx.options().root);
  for (const auto& s : servers) {
    if (is_moniker_or_url(s.data)) continue;  // AUD202's
    if (s.kind == "LocalServer32") {
      const ServerCommand c = split_server_command(s.data);
      if (!c.quoted && c.program.find(' ') != std::string::npos) {
        cx.report("AUD301", s.layer, s.rel, "",
                  "LocalServer32 of " + s.clsid + " is " + quote(s.data) +
                      ", whose program path has a space and no quotes");
      }
    }
    const std::string file = server_file(s);
    const NormalizedPath n = lint_detail::normalize_windows_path(file);
    if (n.form == PathForm::relative && file.find_first_of("\\/") != std::string::npos) {
      cx.report("AUD302", s.layer, s.rel, "",
                s.kind + " of " + s.clsid + " is the relative path " + quote(file));
    }
    if (s.layer == Layer::machine) {
      const FolderVerdict v = lint_detail::judge_folder(n);
      if (v.kind == FolderVerdict::writable || !n.per_user_variable.empty()) {
        cx.report("AUD303", s.layer, s.rel, "",
                  s.kind + " of " + s.clsid + " is " + quote(file) + ": " +
                      (v.kind == FolderVerdict::writable
                           ? v.why
                           : "%" + n.per_user_variable + "% is a per-user folder"));
      }
    }
    if (files) check_missing(cx, *files, s, file, n);
  }
}

}  // namespace comreg::audit_detail
