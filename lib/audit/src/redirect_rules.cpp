// AUD104-AUD107: TreatAs and AutoConvertTo, per user, to nothing, in chains and in loops.
#include <algorithm>
#include <array>
#include <optional>
#include <set>

#include "audit_context.hpp"
#include "core/ascii.hpp"

namespace comreg::audit_detail {
namespace {

constexpr std::array<std::string_view, 2> redirections{"TreatAs", "AutoConvertTo"};

std::string upper(std::string_view s) {
  std::string u(s);
  for (auto& c : u) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return u;
}

// Where HKEY_CLASSES_ROOT sends `clsid` by TreatAs (what CoGetTreatAsClass follows), or
// nullopt. The upper-cased target.
std::optional<std::string> treat_as(const ClassesView& view, std::string_view clsid) {
  const std::string rel = "CLSID\\" + std::string(clsid) + "\\TreatAs";
  const auto layer = view.merged(rel);
  if (!layer) return std::nullopt;
  auto target = view.text(*layer, rel);
  if (!target || target->empty()) return std::nullopt;
  return upper(*target);
}

void check_one(AuditContext& cx, Layer layer, const std::string& clsid, std::string_view what) {
  const ClassesView& view = cx.view();
  const std::string rel = "CLSID\\" + clsid + "\\" + std::string(what);
  const auto target = view.text(layer, rel);
  if (!target || target->empty()) return;
  // An empty or self TreatAs is how Windows marks "no emulation" (CoTreatAsClass with
  // CLSID_NULL or the class itself); not a redirection.
  if (text::iequals(*target, clsid) ||
      text::iequals(*target, "{00000000-0000-0000-0000-000000000000}")) {
    return;
  }
  if (layer == Layer::user) {
    cx.report("AUD104", layer, rel, "",
              "per-user " + std::string(what) + " sends " + clsid + " to " + *target);
  }
  if (!view.merged("CLSID\\" + *target)) {
    cx.report(
        "AUD105", layer, rel, "",
        std::string(what) + " of " + clsid + " names " + *target + ", which is not registered");
    return;
  }
  if (what != "TreatAs") return;
  // Follow the chain as CoGetTreatAsClass does; a loop comes back to a class already seen.
  std::vector<std::string> chain{upper(clsid), upper(*target)};
  std::set<std::string> seen(chain.begin(), chain.end());
  while (auto next = treat_as(view, chain.back())) {
    if (*next == chain.back() || *next == "{00000000-0000-0000-0000-000000000000}") break;
    if (seen.count(*next) != 0) {
      // Report the loop once, at its smallest CLSID.
      if (*std::min_element(chain.begin(), chain.end()) == upper(clsid)) {
        std::string path;
        for (const auto& c : chain) path += c + " -> ";
        cx.report("AUD107", layer, rel, "", "TreatAs loop: " + path + *next);
      }
      return;
    }
    chain.push_back(*next);
    seen.insert(*next);
  }
  if (chain.size() > 2) {
    std::string path;
    for (std::size_t i = 0; i < chain.size(); ++i) path += (i ? " -> " : "") + chain[i];
    cx.report("AUD106", layer, rel, "",
              "TreatAs chain of " + std::to_string(chain.size() - 1) + " links: " + path);
  }
}

}  // namespace

void check_redirections(AuditContext& cx) {
  for (const Layer layer : {Layer::machine, Layer::user}) {
    for (const auto& clsid : cx.view().subkeys(layer, "CLSID")) {
      for (const auto what : redirections) check_one(cx, layer, clsid, what);
    }
  }
}

}  // namespace comreg::audit_detail
