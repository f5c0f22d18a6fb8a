// AUD401-AUD403: who may launch and call the servers an AppID configures, and as whom they run.
// The permissions are the self-relative security descriptors the registry stores, decoded by
// the model's SDDL code and judged by lint's access check.
#include <array>
#include <vector>

#include "audit_context.hpp"
#include "comreg/model/sddl.hpp"
#include "core/ascii.hpp"
#include "lint/security_descriptor.hpp"

namespace comreg::audit_detail {
namespace {

// The callers that must never be granted anything, with the SIDs their tokens hold. Anonymous
// Logon is not in Everyone (Windows' default), so it is judged alone.
struct Principal {
  std::string_view name;
  std::array<std::string_view, 2> token;
  std::size_t token_size;
};
constexpr std::array<Principal, 3> principals{{
    {"Everyone", {"S-1-1-0", {}}, 1},
    {"Anonymous Logon", {"S-1-5-7", {}}, 1},
    {"Guests", {"S-1-5-32-546", "S-1-1-0"}, 2},
}};

void check_permission(AuditContext& cx, Layer layer, const std::string& appid,
                      std::string_view name) {
  const std::string rel = "AppID\\" + appid;
  const auto v = cx.view().value(layer, rel, name);
  if (!v || v->type != RegType::binary) return;
  const auto sd = decode_security_descriptor(v->bytes);
  if (!sd) return;  // not a descriptor: COM refuses it, and so the defaults apply
  std::string granted;
  if (!sd->dacl || sd->dacl->null_acl) {
    granted = "everyone (it has no DACL)";
  } else {
    bool everyone = false;
    for (const auto& p : principals) {
      if (everyone && p.token_size > 1) continue;  // covered by Everyone already
      if (lint_detail::granted_rights(*sd, std::span(p.token.data(), p.token_size)) == 0) continue;
      everyone = everyone || p.name == "Everyone";
      granted += (granted.empty() ? "" : ", ") + std::string(p.name);
    }
  }
  if (granted.empty()) return;
  const auto sddl = to_sddl(*sd);
  cx.report("AUD401", layer, rel, name,
            std::string(name) + " of " + appid + (sddl ? " (" + *sddl + ")" : std::string()) +
                " grants " + granted);
}

}  // namespace

void check_appids(AuditContext& cx) {
  const ClassesView& view = cx.view();
  for (const Layer layer : {Layer::machine, Layer::user}) {
    for (const auto& appid : view.subkeys(layer, "AppID")) {
      const std::string rel = "AppID\\" + appid;
      check_permission(cx, layer, appid, "LaunchPermission");
      check_permission(cx, layer, appid, "AccessPermission");
      if (const auto run_as = view.text(layer, rel, "RunAs");
          run_as && text::iequals(*run_as, "Interactive User")) {
        cx.report("AUD402", layer, rel, "RunAs",
                  appid + " runs its server as the interactive user");
      }
      if (view.value(layer, rel, "DllSurrogate")) {
        const bool launch = view.value(layer, rel, "LaunchPermission").has_value();
        const bool access = view.value(layer, rel, "AccessPermission").has_value();
        if (!launch || !access) {
          cx.report("AUD403", layer, rel, "DllSurrogate",
                    appid + " hosts DLLs in a surrogate without " +
                        (!launch && !access ? std::string("LaunchPermission or AccessPermission")
                         : !launch          ? "LaunchPermission"
                                            : "AccessPermission"));
        }
      }
    }
  }
}

}  // namespace comreg::audit_detail
