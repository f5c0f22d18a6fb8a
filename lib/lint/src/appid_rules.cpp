// COM3xx: who may launch and call the servers an AppID configures, and as whom they run.
#include <array>
#include <set>
#include <string>
#include <vector>

#include "comreg/model/sddl.hpp"
#include "core/ascii.hpp"
#include "lint/lint_context.hpp"
#include "lint/security_descriptor.hpp"

namespace comreg::lint_detail {
namespace {

// The callers whose grants the rules judge, each with the SIDs every token of such a caller
// holds (at least), so an entry for Everyone counts for them too, deny entries included.
// Anonymous Logon is not in Everyone: Windows leaves "Let Everyone permissions apply to
// anonymous users" off by default.
struct Principal {
  std::string_view name;
  std::array<std::string_view, 2> token;
  std::size_t token_size;
  const char* rule;  // COM305 (anyone at all) or COM307 (a broad group)
};
constexpr std::string_view everyone_sid = "S-1-1-0";
constexpr std::array<Principal, 6> principals{{
    {"Everyone (WD)", {everyone_sid, {}}, 1, "COM305"},
    {"Anonymous Logon (AN)", {"S-1-5-7", {}}, 1, "COM305"},
    {"Guests (BG)", {"S-1-5-32-546", everyone_sid}, 2, "COM305"},
    {"Authenticated Users (AU)", {"S-1-5-11", everyone_sid}, 2, "COM307"},
    {"Network (NU)", {"S-1-5-2", everyone_sid}, 2, "COM307"},
    {"Users (BU)", {"S-1-5-32-545", everyone_sid}, 2, "COM307"},
}};

// "A", "A and B", "A, B and C".
std::string listed(const std::vector<std::string_view>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) s += i + 1 == names.size() ? " and " : ", ";
    s += names[i];
  }
  return s;
}

void check_sddl(LintContext& cx, const AppId& appid, std::string_view member,
                const std::string& sddl, const char* what) {
  if (sddl.empty()) return;
  const SddlParse parsed = parse_sddl(sddl);
  if (!parsed.descriptor) return;  // the loader reports bad-sddl
  const SecurityDescriptor& sd = *parsed.descriptor;
  if (!sd.dacl || sd.dacl->null_acl) {
    cx.report("COM305", appid.at, member,
              std::string(what) + " " + quote(sddl) + " has no DACL, so it allows everyone");
    return;
  }
  std::vector<std::string_view> anyone, broad;
  bool everyone_granted = false;
  for (const auto& p : principals) {
    const auto token = std::span(p.token.data(), p.token_size);
    // A grant to Everyone reaches every group whose members hold Everyone: naming it is enough.
    if (everyone_granted && token.size() > 1) continue;
    if (granted_rights(sd, token) == 0) continue;
    if (&p == &principals[0]) everyone_granted = true;
    (std::string_view(p.rule) == "COM305" ? anyone : broad).push_back(p.name);
  }
  const std::string subject = std::string(what) + " " + quote(sddl) + " grants ";
  if (!anyone.empty()) cx.report("COM305", appid.at, member, subject + listed(anyone));
  if (!broad.empty()) cx.report("COM307", appid.at, member, subject + listed(broad));
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
