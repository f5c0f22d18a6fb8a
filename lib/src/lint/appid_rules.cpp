// COM3xx: who may launch and call the servers an AppID configures, and as whom they run.
#include <array>
#include <set>
#include <string>

#include "comreg/sddl.hpp"
#include "lint/lint_context.hpp"
#include "lint/security_descriptor.hpp"
#include "text/ascii.hpp"

namespace comreg::lint_detail {
namespace {

struct Principal {
  std::string_view sid;
  std::string_view name;
};
constexpr std::array<Principal, 3> too_broad{{{"S-1-1-0", "Everyone (WD)"},
                                              {"S-1-5-7", "Anonymous Logon (AN)"},
                                              {"S-1-5-32-546", "Guests (BG)"}}};

void check_sddl(LintContext& cx, const AppId& appid, std::string_view member,
                const std::string& sddl, const char* what) {
  if (sddl.empty()) return;
  const SddlResult sd = sddl_to_security_descriptor(sddl);
  if (!sd.ok()) return;  // the loader reports bad-sddl
  const auto dacl = read_dacl(sd.descriptor);
  if (!dacl) return;
  if (!dacl->dacl_present) {
    cx.report("COM305", appid.at, member,
              std::string(what) + " " + quote(sddl) + " has no DACL, so it allows everyone");
    return;
  }
  for (const auto& ace : dacl->allowed) {
    if (ace.mask == 0) continue;
    for (const auto& p : too_broad) {
      if (ace.sid == p.sid) {
        cx.report("COM305", appid.at, member,
                  std::string(what) + " " + quote(sddl) + " grants " + std::string(p.name));
        return;
      }
    }
  }
}

bool is_service_account(std::string_view run_as) {
  static constexpr std::array<std::string_view, 4> accounts{
      "nt authority\\localservice", "nt authority\\local service", "nt authority\\networkservice",
      "nt authority\\network service"};
  for (auto a : accounts) {
    if (text::iequals(a, run_as)) return true;
  }
  return false;
}

// The AppIDs that local servers and DLL surrogates use, and the local classes without one.
struct AppIdUse {
  std::set<std::string> local;
  std::set<std::string> surrogate;
};

AppIdUse appid_use(LintContext& cx) {
  AppIdUse use;
  for (const auto& server : cx.description().servers) {
    for (const auto& c : server.classes) {
      if (server.kind == ServerKind::local) {
        if (c.appid.empty()) {
          cx.report("COM301", c.at, "",
                    "local server class " + c.clsid +
                        " has no AppID, so no launch or access "
                        "permissions of its own",
                    "add an \"appid\" to the class and give that AppID \"launchPermission\" "
                    "and \"accessPermission\"");
        } else {
          use.local.insert(c.appid);
        }
      } else if (server.kind == ServerKind::surrogate && !c.appid.empty()) {
        use.surrogate.insert(c.appid);
      }
    }
  }
  return use;
}

}  // namespace

void check_appid_security(LintContext& cx) {
  const AppIdUse use = appid_use(cx);
  for (const auto& appid : cx.description().appids) {
    const bool has_launch = !appid.launch_permission.empty();
    const bool has_access = !appid.access_permission.empty();
    const bool is_local = use.local.count(appid.appid) != 0 && appid.local_service.empty();
    const bool is_surrogate = use.surrogate.count(appid.appid) != 0 || appid.dll_surrogate;
    if (is_local && (!has_launch || !has_access)) {
      const char* missing = !has_launch && !has_access ? "launchPermission and accessPermission"
                            : !has_launch              ? "launchPermission"
                                                       : "accessPermission";
      cx.report("COM301", appid.at, "",
                "AppID " + appid.appid + " of a local server has no " + missing);
    }
    if (is_surrogate && !has_launch && !has_access) {
      cx.report("COM304", appid.at, "",
                "AppID " + appid.appid +
                    " hosts DLLs in a surrogate without launchPermission "
                    "or accessPermission");
    }
    if (!appid.run_as.empty()) {
      if (text::iequals(appid.run_as, "Interactive User")) {
        cx.report("COM302", appid.at, "/runAs",
                  "AppID " + appid.appid + " runs its server as the interactive user");
      } else if (!is_service_account(appid.run_as)) {
        cx.report(
            "COM303", appid.at, "/runAs",
            "AppID " + appid.appid + " runs its server as the account " + quote(appid.run_as));
      }
    }
    check_sddl(cx, appid, "/launchPermission", appid.launch_permission, "launchPermission");
    check_sddl(cx, appid, "/accessPermission", appid.access_permission, "accessPermission");
    if (appid.authentication_level && *appid.authentication_level <= 2) {
      cx.report("COM306", appid.at, "/authenticationLevel",
                "AppID " + appid.appid + " sets authenticationLevel " +
                    std::to_string(*appid.authentication_level));
    }
  }
}

}  // namespace comreg::lint_detail
