// AUD101-AUD103, AUD108: per-user registrations that shadow the machine's, and per-user
// registrations of the classes attackers are known to take over.
#include <array>

#include "audit_context.hpp"
#include "core/ascii.hpp"

namespace comreg::audit_detail {
namespace {

constexpr std::array<std::string_view, 3> server_kinds{"InprocServer32", "LocalServer32",
                                                       "InprocHandler32"};

const HijackTarget* hijack_target(std::string_view clsid) {
  for (const auto& t : hijack_targets()) {
    if (text::iequals(t.clsid, clsid)) return &t;
  }
  return nullptr;
}

void check_clsids(AuditContext& cx) {
  const ClassesView& view = cx.view();
  for (const auto& clsid : view.subkeys(Layer::user, "CLSID")) {
    const std::string key = "CLSID\\" + clsid;
    bool has_server = false;
    for (const auto kind : server_kinds) {
      const std::string rel = key + "\\" + std::string(kind);
      const auto mine = view.text(Layer::user, rel);
      if (!mine) continue;
      has_server = true;
      if (!view.has(Layer::machine, key)) continue;
      const auto theirs = view.text(Layer::machine, rel);
      if (theirs && text::iequals(*mine, *theirs)) continue;
      cx.report("AUD101", Layer::user, rel, "",
                "per-user " + std::string(kind) + " " + quote(*mine) + " shadows the machine's " +
                    (theirs ? quote(*theirs) : std::string("registration")) + " of " + clsid);
    }
    if (const HijackTarget* t = hijack_target(clsid); t != nullptr && has_server) {
      cx.report("AUD108", Layer::user, key, "",
                clsid + " (" + std::string(t->name) + ") is registered per user");
    }
  }
}

// Keys of the classes root that are not ProgIDs.
bool is_progid_candidate(std::string_view name) {
  static constexpr std::array<std::string_view, 8> containers{
      "CLSID", "AppID", "TypeLib", "Interface", "Wow6432Node", "Component Categories",
      "MIME",  "Record"};
  if (name.empty() || name.front() == '.' || name.front() == '*') return false;
  for (auto c : containers) {
    if (text::iequals(c, name)) return false;
  }
  return true;
}

void check_progids(AuditContext& cx) {
  const ClassesView& view = cx.view();
  for (const auto& name : view.subkeys(Layer::user, "")) {
    if (!is_progid_candidate(name)) continue;
    const std::string rel = name + "\\CLSID";
    const auto mine = view.text(Layer::user, rel);
    if (!mine) continue;
    const auto theirs = view.text(Layer::machine, rel);
    if (!theirs || text::iequals(*mine, *theirs)) continue;
    cx.report(
        "AUD102", Layer::user, rel, "",
        "per-user ProgID " + quote(name) + " names " + *mine + ", the machine's names " + *theirs);
  }
}

void check_typelibs(AuditContext& cx) {
  const ClassesView& view = cx.view();
  for (const auto& libid : view.subkeys(Layer::user, "TypeLib")) {
    const std::string lib = "TypeLib\\" + libid;
    if (!view.has(Layer::machine, lib)) continue;
    for (const auto& version : view.subkeys(Layer::user, lib)) {
      const std::string ver = lib + "\\" + version;
      for (const auto& lcid : view.subkeys(Layer::user, ver)) {
        for (const auto& platform : view.subkeys(Layer::user, ver + "\\" + lcid)) {
          const std::string rel = ver + "\\" + lcid + "\\" + platform;
          const auto mine = view.text(Layer::user, rel);
          if (!mine) continue;
          const auto theirs = view.text(Layer::machine, rel);
          if (theirs && text::iequals(*mine, *theirs)) continue;
          cx.report("AUD103", Layer::user, rel, "",
                    "per-user type library " + libid + " " + version + " loads " + quote(*mine) +
                        (theirs ? " instead of " + quote(*theirs) : std::string()));
        }
      }
    }
  }
}

}  // namespace

void check_shadowing(AuditContext& cx) {
  check_clsids(cx);
  check_progids(cx);
  check_typelibs(cx);
}

}  // namespace comreg::audit_detail
