// Description -> Plan. Pure: no I/O, no clock, no environment; the same description and
// options always give the same operations in the same order.
//
// Number formats follow Wine's RegisterTypeLib (dlls/oleaut32/typelib.c): version keys and
// Interface\{iid}\TypeLib "Version" as "%x.%x", the LCID key as "%lx", FLAGS as "%u".
#include <algorithm>
#include <cctype>
#include <charconv>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "comreg/model/class_listings.hpp"
#include "comreg/model/progid.hpp"
#include "comreg/model/sddl.hpp"
#include "comreg/plan/plan.hpp"
#include "core/ascii.hpp"
#include "core/folded_ids.hpp"
#include "plan/placeholder_spans.hpp"

namespace comreg {

namespace {

bool first_component_is(std::string_view key, std::string_view name) {
  if (key.size() < name.size()) return false;
  if (key.size() > name.size() && key[name.size()] != '\\') return false;
  return text::iequals(key.substr(0, name.size()), name);
}

}  // namespace

std::string physical_key(std::string_view key, View view) {
  // Since Windows 7 only these Classes subtrees are redirected for 32-bit programs; ProgIDs,
  // AppID, TypeLib and Component Categories are shared by both views.
  if (view == View::v32 &&
      (first_component_is(key, "CLSID") || first_component_is(key, "Interface"))) {
    return "Wow6432Node\\" + std::string(key);
  }
  return std::string(key);
}

namespace {

// Lower-case hex without leading zeros, as TypeLib versions and LCIDs are named ("1.0", "409").
std::string hex(std::uint32_t v) {
  char buf[8];
  const auto end = std::to_chars(buf, buf + sizeof buf, v, 16).ptr;
  return std::string(buf, end);
}

// `parent`\`child`, allocated once (a chain of operator+ reallocates as it grows).
std::string subkey(std::string_view parent, std::string_view child) {
  std::string out;
  out.reserve(parent.size() + 1 + child.size());
  out += parent;
  out += '\\';
  out += child;
  return out;
}

// %NAME% in a value means the reader must expand it: REG_EXPAND_SZ.
// (std::find, not string_view::find: GCC 12 sees an uninitialized temporary in the latter
// once path_value() is inlined into Builder::path().)
bool has_environment_reference(std::string_view s) {
  const auto open = std::find(s.begin(), s.end(), '%');
  if (open == s.end()) return false;
  const auto close = std::find(open + 1, s.end(), '%');
  return close != s.end() && close > open + 1;
}

RegValue path_value(std::string s) {
  return has_environment_reference(s) ? RegValue::expand_sz(std::move(s))
                                      : RegValue::sz(std::move(s));
}

class Builder {
 public:
  Builder(Plan& plan, const std::vector<std::string>& symbolic)
      : ops_(plan.ops), origins_(plan.origins), values_(plan.symbolic), symbolic_(symbolic) {}

  // Operations are built in place in the reserved vector: a 10,000-class plan has 327,700.
  void key(std::string key, const std::string& origin, Ownership ownership = Ownership::owned,
           bool shareable = false) {
    // An element's operations are consecutive: comparing with the last origin interns them.
    if (origins_.empty() || origins_.back() != origin) origins_.push_back(origin);
    last_key_ = ops_.size();
    Operation& op = ops_.emplace_back();
    op.kind = OpKind::create_key;
    op.key = std::move(key);
    op.ownership = ownership;
    op.shareable = shareable;
    op.origin = static_cast<std::uint32_t>(origins_.size() - 1);
  }

  // Sets a value on the key created last.
  void value(std::string name, RegValue v) {
    Operation& op = ops_.emplace_back();
    op.kind = OpKind::set_value;
    op.name = std::move(name);
    op.value = std::move(v);
    if (last_key_ == no_key) return;
    const Operation& key = ops_[last_key_];
    op.key = key.key;
    op.ownership = key.ownership;
    op.origin = key.origin;
  }

  void default_value(std::string v) { value({}, RegValue::sz(std::move(v))); }

  // A path-like value on the key created last, with where its symbolic placeholders are.
  // `closing_quote` (LocalServer32): the offset of the quote that closes the server path the
  // caller quoted only because of a placeholder; 0 if none.
  void path(std::string name, std::string text, std::uint32_t closing_quote = 0) {
    value(std::move(name), path_value(std::move(text)));
    if (symbolic_.empty()) return;  // the normal case: real paths, nothing to find
    auto spans = placeholder_spans(ops_.back().value.text, symbolic_);
    if (spans.empty()) return;
    values_.push_back({static_cast<std::uint32_t>(ops_.size() - 1), std::move(spans),
                       closing_quote != 0, closing_quote});
  }

  // Whether `text` names a placeholder kept symbolic.
  [[nodiscard]] bool names_symbolic(std::string_view text) const {
    return !symbolic_.empty() && !placeholder_spans(text, symbolic_).empty();
  }

  // A subkey whose only content is its default value.
  void key_with_default(std::string key, const std::string& origin, std::string v) {
    this->key(std::move(key), origin);
    default_value(std::move(v));
  }

 private:
  static constexpr std::size_t no_key = static_cast<std::size_t>(-1);

  std::vector<Operation>& ops_;
  std::vector<std::string>& origins_;
  std::vector<SymbolicValue>& values_;
  const std::vector<std::string>& symbolic_;
  std::size_t last_key_ = no_key;  // index of the key that values go to
};

// The version regasm names InprocServer32's subkey after: "Version=" of the assembly name.
std::string clr_assembly_version(std::string_view assembly) {
  for (std::size_t at = 0; (at = assembly.find("Version=", at)) != std::string_view::npos;
       at += 8) {
    if (at != 0 && assembly[at - 1] != ',' && assembly[at - 1] != ' ') continue;
    std::string_view v = assembly.substr(at + 8);
    v = v.substr(0, v.find(','));
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return std::string(v);
  }
  return {};
}

// Class, Assembly, RuntimeVersion and CodeBase on the key created last.
void clr_values(Builder& b, const ClrClass& clr) {
  b.value("Class", RegValue::sz(clr.class_name));
  b.value("Assembly", RegValue::sz(clr.assembly));
  if (!clr.runtime_version.empty()) b.value("RuntimeVersion", RegValue::sz(clr.runtime_version));
  if (!clr.code_base.empty()) b.value("CodeBase", RegValue::sz(clr.code_base));
}

void plan_server_key(Builder& b, const std::string& k, const std::string& o, const Server& server,
                     const ComClass& c) {
  switch (server.kind) {
    case ServerKind::inproc:
    case ServerKind::surrogate:
    case ServerKind::handler: {
      const std::string key = subkey(k, server_key_name(server.kind));
      b.key(key, o);
      b.path({}, server.path);
      if (c.threading != Threading::none) {
        b.value("ThreadingModel", RegValue::sz(to_string(c.threading)));
      }
      if (c.clr && server.kind == ServerKind::inproc) {
        // As regasm writes it (docs/description.md): the values, and again under a subkey named
        // by the assembly version, so that versions registered side by side each find theirs.
        clr_values(b, *c.clr);
        if (const std::string version = clr_assembly_version(c.clr->assembly); !version.empty()) {
          b.key(subkey(key, version), o);
          clr_values(b, *c.clr);
        }
      }
      break;
    }
    case ServerKind::remote:
      break;  // activation goes to the AppID's RemoteServerName; nothing local to name
    case ServerKind::local: {
      // An unquoted path with spaces lets CreateProcess run C:\Program.exe first. A placeholder
      // kept symbolic may stand for a folder with spaces: such a path is quoted too, and the
      // plan says that those quotes depend on the folder.
      const bool spaced = server.path.find(' ') != std::string::npos;
      const bool symbolic = !spaced && b.names_symbolic(server.path);
      const bool quote = (spaced || symbolic) && server.path.front() != '"';
      std::string command = quote ? "\"" + server.path + "\"" : server.path;
      if (!server.arguments.empty()) command += " " + server.arguments;
      b.key(k + "\\LocalServer32", o);
      b.path({}, std::move(command),
             quote && symbolic ? static_cast<std::uint32_t>(server.path.size() + 1) : 0);
      break;
    }
  }
}

// A class's own subkeys, in the order of their folded paths: a parent before its children, and
// a parent the description does not list planned empty (the registry has it, verify expects it).
void plan_class_subkeys(Builder& b, const std::string& k, const std::string& o,
                        const std::vector<ClassSubkey>& subkeys) {
  std::vector<std::pair<std::string, const ClassSubkey*>> sorted;
  sorted.reserve(subkeys.size());
  for (const auto& s : subkeys) sorted.emplace_back(text::fold_case(s.key), &s);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  std::unordered_set<std::string> planned;  // folded
  for (const auto& [folded, s] : sorted) {
    for (std::size_t sep = folded.find('\\'); sep != std::string::npos;
         sep = folded.find('\\', sep + 1)) {
      if (planned.insert(folded.substr(0, sep)).second)
        b.key(subkey(k, std::string_view(s->key).substr(0, sep)), o);
    }
    planned.insert(folded);
    b.key(subkey(k, s->key), o);
    for (const auto& v : s->values) b.value(v.name, v.value);
  }
}

// `servers`: each server the class is listed under (class_listings.hpp); `c` its members merged.
void plan_class(Builder& b, std::span<const Server* const> servers, const ComClass& c) {
  const std::string& o = c.at.pointer;
  const std::string k = "CLSID\\" + c.clsid;
  b.key(k, o);
  if (!c.name.empty()) b.default_value(c.name);
  if (!c.appid.empty()) b.value("AppID", RegValue::sz(c.appid));
  for (const auto& v : c.values) b.value(v.name, v.value);
  for (const Server* server : servers) plan_server_key(b, k, o, *server, c);
  if (!c.progid.empty()) b.key_with_default(k + "\\ProgID", o, c.progid);
  if (!c.version_independent_progid.empty()) {
    b.key_with_default(k + "\\VersionIndependentProgID", o, c.version_independent_progid);
  }
  if (!c.typelib.empty()) b.key_with_default(k + "\\TypeLib", o, c.typelib);
  if (!c.version.empty()) b.key_with_default(k + "\\Version", o, c.version);
  for (const auto* list : {&c.implemented_categories, &c.required_categories}) {
    if (list->empty()) continue;
    const std::string parent = k + (list == &c.implemented_categories ? "\\Implemented Categories"
                                                                      : "\\Required Categories");
    b.key(parent, o);
    for (const auto& catid : *list) b.key(subkey(parent, catid), o);
  }
  if (c.programmable) b.key(k + "\\Programmable", o);
  if (c.control) b.key(k + "\\Control", o);
  if (c.insertable) b.key(k + "\\Insertable", o);
  if (c.misc_status) {
    b.key(k + "\\MiscStatus", o);
    if (c.misc_status->value) b.default_value(std::to_string(*c.misc_status->value));
    for (const auto& [aspect, flags] : c.misc_status->aspects) {
      b.key_with_default(k + "\\MiscStatus\\" + std::to_string(aspect), o, std::to_string(flags));
    }
  }
  if (!c.toolbox_bitmap.empty()) {
    b.key(k + "\\ToolboxBitmap32", o);
    b.path({}, c.toolbox_bitmap);
  }
  if (!c.default_icon.empty()) {
    b.key(k + "\\DefaultIcon", o);
    b.path({}, c.default_icon);
  }
  if (!c.treat_as.empty()) b.key_with_default(k + "\\TreatAs", o, c.treat_as);
  if (!c.auto_convert_to.empty()) b.key_with_default(k + "\\AutoConvertTo", o, c.auto_convert_to);
  plan_class_subkeys(b, k, o, c.subkeys);

  if (c.progid_key && writes_progid_key(c, c.progid)) {
    b.key(c.progid, o);
    if (!c.name.empty()) b.default_value(c.name);
    b.key_with_default(c.progid + "\\CLSID", o, c.clsid);
    if (c.insertable) b.key(c.progid + "\\Insertable", o);
  }
  // A version-independent ProgID equal to the ProgID (imported with legacyNames) is one key,
  // without a CurVer naming itself.
  if (c.version_independent_progid_key && writes_progid_key(c, c.version_independent_progid) &&
      !text::iequals(c.version_independent_progid, c.progid)) {
    const std::string& vi = c.version_independent_progid;
    // Versions 1 and 2 of a product both write it, with their own CurVer.
    b.key(vi, o, Ownership::owned, !c.exclusive_version_independent_progid);
    if (!c.name.empty()) b.default_value(c.name);
    b.key_with_default(vi + "\\CLSID", o, c.clsid);
    if (!c.progid.empty()) b.key_with_default(vi + "\\CurVer", o, c.progid);
  }
  if (c.license) b.key_with_default("Licenses\\" + c.license->id, o, c.license->key);
}

// The AppIDs of classes served by a DLL surrogate, gathered once: asking per AppID made
// planning quadratic in the classes.
using AppIdSet = std::unordered_set<std::string_view>;

AppIdSet surrogate_appids(const Description& d) {
  AppIdSet appids;
  for (const auto& s : d.servers) {
    if (s.kind != ServerKind::surrogate) continue;
    for (const auto& c : s.classes) appids.insert(c.appid);
  }
  return appids;
}

void plan_appid(Builder& b, const AppIdSet& surrogate_hosted, const AppId& a) {
  const std::string& o = a.at.pointer;
  // Two DLLs in one surrogate name one AppID from two descriptions.
  b.key("AppID\\" + a.appid, o, Ownership::owned, !a.exclusive);
  if (!a.name.empty()) b.default_value(a.name);
  if (a.dll_surrogate) {
    b.path("DllSurrogate", *a.dll_surrogate);
  } else if (surrogate_hosted.count(a.appid) != 0) {
    b.value("DllSurrogate", RegValue::sz(""));  // "" = the system surrogate, dllhost.exe
  }
  if (!a.local_service.empty()) b.value("LocalService", RegValue::sz(a.local_service));
  if (!a.service_parameters.empty()) {
    b.value("ServiceParameters", RegValue::sz(a.service_parameters));
  }
  if (!a.run_as.empty()) b.value("RunAs", RegValue::sz(a.run_as));
  if (!a.access_permission.empty()) {
    b.value("AccessPermission",
            RegValue::binary(sddl_to_security_descriptor(a.access_permission).descriptor));
  }
  if (!a.launch_permission.empty()) {
    b.value("LaunchPermission",
            RegValue::binary(sddl_to_security_descriptor(a.launch_permission).descriptor));
  }
  if (a.authentication_level)
    b.value("AuthenticationLevel", RegValue::dword(*a.authentication_level));
  if (!a.remote_server_name.empty()) {
    b.value("RemoteServerName", RegValue::sz(a.remote_server_name));
  }
  if (a.appid_flags) b.value("AppIDFlags", RegValue::dword(*a.appid_flags));
  if (a.preferred_server_bitness) {
    b.value("PreferredServerBitness", RegValue::dword(*a.preferred_server_bitness));
  }
  for (const auto& exe : a.executables) {
    b.key("AppID\\" + exe, o, Ownership::owned, !a.exclusive);
    b.value("AppID", RegValue::sz(a.appid));
  }
}

void plan_typelib(Builder& b, const TypeLib& t) {
  const std::string& o = t.at.pointer;
  const std::string base = "TypeLib\\" + t.libid;
  // Other versions of the same library live beside ours: the LIBID key is shared.
  b.key(base, o, Ownership::shared);
  const std::string v = base + "\\" + hex(t.major) + "." + hex(t.minor);
  b.key(v, o, Ownership::owned, !t.exclusive);  // one version, several products' LCIDs
  if (!t.name.empty()) b.default_value(t.name);
  const std::string lcid = subkey(v, hex(t.lcid));
  b.key(lcid, o);
  if (!t.win32.empty()) {
    b.key(lcid + "\\win32", o);
    b.path({}, t.win32);
  }
  if (!t.win64.empty()) {
    b.key(lcid + "\\win64", o);
    b.path({}, t.win64);
  }
  if (t.flags) b.key_with_default(v + "\\FLAGS", o, std::to_string(*t.flags));
  if (t.helpdir) {
    b.key(v + "\\HELPDIR", o);
    b.path({}, *t.helpdir);
  }
}

using TypeLibIndex = std::unordered_map<std::string, const TypeLib*>;

void plan_interface(Builder& b, const TypeLibIndex& typelibs, const Interface& i) {
  const std::string& o = i.at.pointer;
  const std::string k = "Interface\\" + i.iid;
  b.key(k, o, Ownership::owned, !i.exclusive);  // a proxy/stub shared by products
  b.default_value(i.name);
  if (!i.proxy_stub.empty()) b.key_with_default(k + "\\ProxyStubClsid32", o, i.proxy_stub);
  if (!i.proxy_stub16.empty()) b.key_with_default(k + "\\ProxyStubClsid", o, i.proxy_stub16);
  if (i.num_methods) b.key_with_default(k + "\\NumMethods", o, std::to_string(*i.num_methods));
  if (!i.base_interface.empty()) b.key_with_default(k + "\\BaseInterface", o, i.base_interface);
  if (!i.typelib.empty()) {
    b.key_with_default(k + "\\TypeLib", o, i.typelib);
    if (const auto t = typelibs.find(i.typelib); t != typelibs.end()) {
      b.value("Version", RegValue::sz(hex(t->second->major) + "." + hex(t->second->minor)));
    }
  }
}

void plan_category(Builder& b, const Category& c) {
  // Categories are registered by many vendors; only our description value is ours.
  b.key("Component Categories\\" + c.catid, c.at.pointer, Ownership::shared, !c.exclusive);
  b.value(hex(c.lcid), RegValue::sz(c.description));
}

}  // namespace

const std::string& Plan::origin_of(const Operation& op) const {
  static const std::string unknown;
  return op.origin < origins.size() ? origins[op.origin] : unknown;
}

Plan make_plan(const Description& d, const PlanOptions& options) {
  Plan plan;
  plan.options = options;
  std::size_t classes = 0;
  for (const auto& s : d.servers) classes += s.classes.size();
  // Upper bounds of the operations per element, so the vector is allocated once.
  plan.ops.reserve(classes * 40 + d.appids.size() * 16 + d.typelibs.size() * 14 +
                   d.interfaces.size() * 10 + d.categories.size() * 2);
  plan.origins.reserve(classes + d.appids.size() + d.typelibs.size() + d.interfaces.size() +
                       d.categories.size());
  Builder b(plan, d.symbolic);
  // A CLSID listed under several servers is planned once, where it is first listed.
  std::unordered_map<std::string_view, std::vector<std::pair<const Server*, const ComClass*>>>
      listings;
  listings.reserve(classes);
  bool relisted = false;
  for (const auto& s : d.servers) {
    for (const auto& c : s.classes) {
      auto& list = listings[c.clsid];
      relisted = relisted || !list.empty();
      list.emplace_back(&s, &c);
    }
  }
  std::vector<const Server*> servers;
  for (const auto& s : d.servers) {
    for (const auto& c : s.classes) {
      if (!relisted) {
        const Server* one = &s;
        plan_class(b, {&one, 1}, c);
        continue;
      }
      const auto& list = listings[c.clsid];
      if (list.front().second != &c) continue;
      servers.clear();
      ComClass merged = c;
      for (const auto& [server, listing] : list) {
        servers.push_back(server);
        if (listing != &c) (void)merge_class_listing(merged, *listing);
      }
      plan_class(b, servers, merged);
    }
  }
  const AppIdSet surrogate_hosted = surrogate_appids(d);
  for (const auto& a : d.appids) plan_appid(b, surrogate_hosted, a);
  for (const auto& t : d.typelibs) plan_typelib(b, t);
  TypeLibIndex typelibs;
  for (const auto& t : d.typelibs) typelibs.emplace(t.libid, &t);  // first version wins
  for (const auto& i : d.interfaces) plan_interface(b, typelibs, i);
  for (const auto& c : d.categories) plan_category(b, c);
  return plan;
}

std::vector<std::string> owned_roots(const Plan& plan) {
  // Keys are case-insensitive. Parents are created before their children, so an owned key
  // is a root unless one of its ancestors was seen as owned before it. The roots found are
  // indexed by number, and the ancestors looked up as views: no folded copies.
  std::vector<std::string> roots;
  FoldedIndex owned;
  const auto root_of = [&roots](std::uint32_t n) -> std::string_view { return roots[n]; };
  for (const auto& op : plan.ops) {
    if (op.kind != OpKind::create_key || op.ownership != Ownership::owned) continue;
    const std::string_view k = op.key;
    bool inside_owned = false;
    for (std::size_t sep = k.find('\\'); sep != std::string_view::npos && !inside_owned;
         sep = k.find('\\', sep + 1)) {
      inside_owned = owned.find(k.substr(0, sep), root_of) != FoldedIndex::none;
    }
    if (inside_owned) continue;
    roots.push_back(op.key);  // taken back if it is a root already (created twice)
    if (!owned.insert(k, static_cast<std::uint32_t>(roots.size() - 1), root_of).second) {
      roots.pop_back();
    }
  }
  return roots;
}

}  // namespace comreg
