#include "comreg/model/class_listings.hpp"

#include <type_traits>

namespace comreg {
namespace {

bool given(const std::string& v) {
  return !v.empty();
}
bool given(bool v) {
  return v;
}
bool given(Threading v) {
  return v != Threading::none;
}
template <typename T>
bool given(const std::vector<T>& v) {
  return !v.empty();
}
template <typename T>
bool given(const std::optional<T>& v) {
  return v.has_value();
}

// Calls f(name, member of a, member of b) for each class member but the CLSID.
template <typename A, typename B, typename F>
void each_member(A& a, B& b, F&& f) {
  f("name", a.name, b.name);
  f("progid", a.progid, b.progid);
  f("versionIndependentProgid", a.version_independent_progid, b.version_independent_progid);
  f("exclusiveVersionIndependentProgid", a.exclusive_version_independent_progid,
    b.exclusive_version_independent_progid);
  f("threading", a.threading, b.threading);
  f("appid", a.appid, b.appid);
  f("typelib", a.typelib, b.typelib);
  f("version", a.version, b.version);
  f("implementedCategories", a.implemented_categories, b.implemented_categories);
  f("requiredCategories", a.required_categories, b.required_categories);
  f("programmable", a.programmable, b.programmable);
  f("control", a.control, b.control);
  f("insertable", a.insertable, b.insertable);
  f("miscStatus", a.misc_status, b.misc_status);
  f("toolboxBitmap", a.toolbox_bitmap, b.toolbox_bitmap);
  f("defaultIcon", a.default_icon, b.default_icon);
  f("treatAs", a.treat_as, b.treat_as);
  f("autoConvertTo", a.auto_convert_to, b.auto_convert_to);
  f("license", a.license, b.license);
  f("clr", a.clr, b.clr);
  f("legacyNames", a.legacy_names, b.legacy_names);
  f("values", a.values, b.values);
  f("subkeys", a.subkeys, b.subkeys);
}

}  // namespace

const char* server_key_name(ServerKind kind) {
  switch (kind) {
    case ServerKind::inproc:
    case ServerKind::surrogate:
      return "InprocServer32";
    case ServerKind::handler:
      return "InprocHandler32";
    case ServerKind::local:
      return "LocalServer32";
    case ServerKind::remote:
      break;
  }
  return nullptr;
}

bool may_share_clsid(ServerKind a, ServerKind b) {
  const auto listable = [](ServerKind k) {
    return k == ServerKind::inproc || k == ServerKind::handler || k == ServerKind::local;
  };
  return listable(a) && listable(b) && a != b;
}

std::vector<std::string_view> merge_class_listing(ComClass& merged, const ComClass& listing) {
  std::vector<std::string_view> conflicts;
  each_member(merged, listing, [&](std::string_view name, auto& into, const auto& from) {
    if (!given(from)) return;
    if (!given(into)) {
      into = from;
    } else if (!(into == from)) {
      conflicts.push_back(name);
    }
  });
  merged.progid_key = merged.progid_key && listing.progid_key;
  merged.version_independent_progid_key =
      merged.version_independent_progid_key && listing.version_independent_progid_key;
  return conflicts;
}

ComClass members_not_in(const ComClass& listing, const ComClass& first) {
  ComClass out = listing;
  each_member(out, first, [](std::string_view, auto& member, const auto& theirs) {
    if (given(theirs)) member = std::remove_cvref_t<decltype(member)>{};
  });
  return out;
}

}  // namespace comreg
