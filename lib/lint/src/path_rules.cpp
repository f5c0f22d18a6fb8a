// COM1xx: where the server binaries are, and how their paths will be resolved.
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/ascii.hpp"
#include "core/command_line.hpp"
#include "core/windows_path.hpp"
#include "lint/lint_context.hpp"
#include "lint/writable_folders.hpp"

namespace comreg::lint_detail {
namespace {

// The LocalServer32 command line of every class the plan registers, by CLSID key path: one
// pass over the plan rather than one per class (which made lint quadratic in the classes).
using Commands = std::unordered_map<std::string_view, const std::string*>;

Commands local_server_commands(const Plan& plan) {
  constexpr std::string_view suffix = "\\LocalServer32";
  Commands commands;
  for (const auto& op : plan.ops) {
    if (op.kind != OpKind::set_value || !op.name.empty() || !op.key.ends_with(suffix)) continue;
    commands.emplace(std::string_view(op.key), &op.value.text);  // the first one, as Windows reads
  }
  return commands;
}

void check_unquoted_command_lines(LintContext& cx) {
  const Plan plan = make_plan(cx.description(), cx.options());
  const Commands commands = local_server_commands(plan);
  for (const auto& server : cx.description().servers) {
    if (server.kind != ServerKind::local) continue;
    const std::string_view path = unquoted(server.path);
    for (const auto& c : server.classes) {
      const auto found = commands.find("CLSID\\" + c.clsid + "\\LocalServer32");
      if (found == commands.end()) continue;
      const std::string* command = found->second;
      const CommandLine p = split_command_line(*command);
      if (p.well_formed() && p.program == path) continue;
      cx.report("COM101", server.at, "/path",
                "LocalServer32 of " + c.clsid + " is " + quote(*command) + ", which runs " +
                    quote(p.program) + " rather than " + quote(path));
      break;  // one finding per server: every class shares the command line
    }
  }
}

// " (read as 'c:\users\public\x.dll')" when normalizing changed more than case and
// quotes, so the finding shows the folder lint judged.
std::string read_as(const std::string& path, const NormalizedPath& n) {
  std::string plain;
  for (char c : unquoted(path)) plain += c == '/' ? '\\' : c;
  if (text::iequals(plain, n.text)) return {};
  return " (read as " + quote(n.text) + ")";
}

// One binary path of the description that Windows will load or run, judged as the
// normalizer reads it.
void check_binary_path(LintContext& cx, const SourceRef& at, std::string_view member,
                       const std::string& path, const char* what) {
  const NormalizedPath n = normalize_windows_path(path);
  const std::string subject = what + std::string(" path ") + quote(path);
  if (cx.machine_scope() && !n.per_user_variable.empty()) {
    cx.report("COM104", at, member,
              subject + (n.per_user_variable_leads ? " starts with" : " uses") + " the per-user %" +
                  n.per_user_variable + "% in a machine-scope registration");
    return;
  }
  switch (n.form) {
    case PathForm::placeholder:
    case PathForm::variable:
      return;  // the installer or the machine supplies the folder; lint with --define
    case PathForm::relative:
      cx.report("COM102", at, member, subject + " is not absolute");
      return;
    case PathForm::unc:
      cx.report("COM105", at, member, subject + " is on a network share" + read_as(path, n));
      return;
    case PathForm::absolute:
    case PathForm::device:
      break;
  }
  if (!cx.machine_scope()) return;  // a per-user registration of a per-user folder is normal
  const FolderVerdict v = judge_folder(n);
  if (v.kind == FolderVerdict::writable) {
    cx.report("COM103", at, member,
              subject + read_as(path, n) +
                  " is in a user-writable folder in a machine-scope registration (" + v.why + ")");
  } else if (v.kind == FolderVerdict::unverifiable) {
    cx.report("COM106", at, member,
              subject + " cannot be judged in a machine-scope registration: " + v.why);
  }
}

}  // namespace

void check_paths(LintContext& cx) {
  check_unquoted_command_lines(cx);
  for (const auto& server : cx.description().servers) {
    if (server.kind == ServerKind::remote || server.path.empty()) continue;
    const char* what = server.kind == ServerKind::local ? "local server" : "server DLL";
    check_binary_path(cx, server.at, "/path", server.path, what);
  }
  for (const auto& appid : cx.description().appids) {
    if (appid.dll_surrogate && !appid.dll_surrogate->empty()) {
      check_binary_path(cx, appid.at, "/dllSurrogate", *appid.dll_surrogate, "DLL surrogate");
    }
  }
}

}  // namespace comreg::lint_detail
