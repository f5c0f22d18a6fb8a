// AUD501-AUD502: classes that ask for the COM elevation moniker.
#include "audit_context.hpp"

namespace comreg::audit_detail {
namespace {

bool enabled(const ClassesView& view, Layer layer, const std::string& rel) {
  const auto v = view.value(layer, rel, "Enabled");
  return v && v->type == RegType::dword && v->number != 0;
}

}  // namespace

void check_elevation(AuditContext& cx) {
  const ClassesView& view = cx.view();
  for (const Layer layer : {Layer::machine, Layer::user}) {
    for (const auto& clsid : view.subkeys(layer, "CLSID")) {
      const std::string key = "CLSID\\" + clsid;
      const std::string rel = key + "\\Elevation";
      if (!enabled(view, layer, rel)) continue;
      if (layer == Layer::user) {
        cx.report("AUD501", layer, rel, "Enabled",
                  clsid + " enables elevation in the per-user classes");
      } else if (!view.value(layer, key, "LocalizedString")) {
        cx.report("AUD502", layer, key, "LocalizedString",
                  clsid + " enables elevation and has no LocalizedString");
      }
    }
  }
}

}  // namespace comreg::audit_detail
