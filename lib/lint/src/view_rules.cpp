// COM5xx: registrations that cannot work in the registry view they are written to.
#include <string>

#include "lint/lint_context.hpp"

namespace comreg::lint_detail {

void check_views(LintContext& cx) {
  const bool view32 = cx.options().view == View::v32;
  for (const auto& server : cx.description().servers) {
    // Local servers and remote classes cross bitness (COM starts the EXE whatever the view);
    // only DLLs must match the processes that read the view.
    if (server.kind == ServerKind::local || server.kind == ServerKind::remote) continue;
    const bool server32 = server.arch == Arch::x86;
    if (server32 == view32) continue;
    cx.report("COM501", server.at, "/arch",
              std::string(server32 ? "32-bit" : "64-bit") + " " + to_string(server.arch) +
                  " server " + quote(server.path) + " is registered in the " +
                  (view32 ? "32-bit" : "64-bit") + " view",
              server32 ? "register it with --view 32" : "register it with --view 64");
  }
}

}  // namespace comreg::lint_detail
