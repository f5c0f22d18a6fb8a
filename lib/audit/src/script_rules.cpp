// AUD201-AUD203: classes that run script or a command line instead of a server binary.
#include <array>

#include "audit_context.hpp"
#include "core/ascii.hpp"

namespace comreg::audit_detail {
namespace {

// The programs that run a command line or script they are given (LOLBins).
bool is_launcher(std::string_view name) {
  static constexpr std::array<std::string_view, 16> launchers{
      "rundll32.exe", "rundll32", "regsvr32.exe",   "regsvr32",   "mshta.exe", "mshta",
      "cmd.exe",      "cmd",      "powershell.exe", "powershell", "pwsh.exe",  "pwsh",
      "wscript.exe",  "wscript",  "cscript.exe",    "cscript"};
  for (auto l : launchers) {
    if (name == l) return true;
  }
  return false;
}

void check_typelib_paths(AuditContext& cx) {
  const ClassesView& view = cx.view();
  for (const Layer layer : {Layer::machine, Layer::user}) {
    for (const auto& libid : view.subkeys(layer, "TypeLib")) {
      const std::string lib = "TypeLib\\" + libid;
      for (const auto& version : view.subkeys(layer, lib)) {
        const std::string ver = lib + "\\" + version;
        for (const auto& lcid : view.subkeys(layer, ver)) {
          if (text::iequals(lcid, "FLAGS") || text::iequals(lcid, "HELPDIR")) continue;
          for (const auto& platform : view.subkeys(layer, ver + "\\" + lcid)) {
            const std::string rel = ver + "\\" + lcid + "\\" + platform;
            const auto path = view.text(layer, rel);
            if (path && is_moniker_or_url(*path)) {
              cx.report(
                  "AUD202", layer, rel, "",
                  "type library " + libid + " " + version + " is loaded from " + quote(*path));
            }
          }
        }
      }
    }
  }
}

}  // namespace

void check_script_servers(AuditContext& cx, const std::vector<ServerEntry>& servers) {
  const ClassesView& view = cx.view();
  for (const auto& s : servers) {
    const std::string file = server_file(s);
    if (is_moniker_or_url(s.data)) {
      cx.report("AUD202", s.layer, s.rel, "", s.kind + " of " + s.clsid + " is " + quote(s.data));
      continue;
    }
    if (s.kind == "LocalServer32" && is_launcher(file_name(file))) {
      cx.report("AUD203", s.layer, s.rel, "",
                "LocalServer32 of " + s.clsid + " runs " + quote(s.data));
    }
    if (s.kind == "InprocServer32" && file_name(file) == "scrobj.dll") {
      const std::string key = "CLSID\\" + s.clsid;
      const auto url = view.text(s.layer, key + "\\ScriptletURL");
      // Windows' own scriptlet runtime classes are served by scrobj.dll without a URL.
      if (url || s.layer == Layer::user) {
        cx.report("AUD201", s.layer, url ? key + "\\ScriptletURL" : s.rel, "",
                  s.clsid + " is a scriptlet class" +
                      (url ? " running " + quote(*url) : std::string(" registered per user")));
      }
    }
  }
  check_typelib_paths(cx);
}

}  // namespace comreg::audit_detail
