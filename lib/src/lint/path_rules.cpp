// COM1xx: where the server binaries are, and how their paths will be resolved.
#include <string>

#include "lint/lint_context.hpp"
#include "lint/windows_path.hpp"

namespace comreg::lint_detail {
namespace {

// How CreateProcess reads the program out of a LocalServer32 command line: a quoted string,
// or up to the first white space. Returns the program, and whether the quoting was sound.
struct CommandProgram {
  std::string_view program;
  bool well_formed = true;
};

CommandProgram program_of(std::string_view command) {
  if (!command.empty() && command.front() == '"') {
    const std::size_t close = command.find('"', 1);
    if (close == std::string_view::npos) return {command.substr(1), false};
    const bool ends =
        close + 1 == command.size() || command[close + 1] == ' ' || command[close + 1] == '\t';
    return {command.substr(1, close - 1), ends};
  }
  const std::size_t space = command.find_first_of(" \t");
  return {command.substr(0, space), true};
}

const std::string* local_server_command(const Plan& plan, const std::string& clsid) {
  const std::string key = "CLSID\\" + clsid + "\\LocalServer32";
  for (const auto& op : plan.ops) {
    if (op.kind == OpKind::set_value && op.name.empty() && op.key == key) return &op.value.text;
  }
  return nullptr;
}

void check_unquoted_command_lines(LintContext& cx) {
  const Plan plan = make_plan(cx.description(), cx.options());
  for (const auto& server : cx.description().servers) {
    if (server.kind != ServerKind::local) continue;
    const std::string_view path = unquoted(server.path);
    for (const auto& c : server.classes) {
      const std::string* command = local_server_command(plan, c.clsid);
      if (command == nullptr) continue;
      const CommandProgram p = program_of(*command);
      if (p.well_formed && p.program == path) continue;
      cx.report("COM101", server.at, "/path",
                "LocalServer32 of " + c.clsid + " is " + quote(*command) + ", which runs " +
                    quote(p.program) + " rather than " + quote(path));
      break;  // one finding per server: every class shares the command line
    }
  }
}

// One binary path of the description that Windows will load or run.
void check_binary_path(LintContext& cx, const SourceRef& at, std::string_view member,
                       const std::string& path, const char* what) {
  switch (classify_path(path)) {
    case PathForm::placeholder:
      return;  // the installer supplies the folder; lint with --define to check it
    case PathForm::relative:
      cx.report("COM102", at, member,
                what + std::string(" path ") + quote(path) + " is not absolute");
      return;
    case PathForm::unc:
      cx.report("COM105", at, member,
                what + std::string(" path ") + quote(path) + " is on a network share");
      return;
    case PathForm::variable:
      if (cx.machine_scope() && is_per_user_variable(leading_variable(path))) {
        cx.report("COM104", at, member,
                  what + std::string(" path ") + quote(path) + " starts with the per-user %" +
                      std::string(leading_variable(path)) + "% in a machine-scope registration");
        return;
      }
      break;
    case PathForm::absolute:
      break;
  }
  if (!cx.machine_scope()) return;
  if (const std::string reason = user_writable_reason(path); !reason.empty()) {
    cx.report("COM103", at, member,
              what + std::string(" path ") + quote(path) +
                  " is in a user-writable folder in a machine-scope registration (" + reason + ")");
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
