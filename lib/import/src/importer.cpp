// Registry -> Description. Two passes:
//  1. read: every CLSID, AppID, TypeLib version, Interface and category key becomes a
//     candidate element, mapped member by member;
//  2. check: the candidates are written as a description, validated, planned and verified
//     against the same registry. An element whose plan differs from what the registry holds
//     (a value the format has no member for, a spelling the planner would not write, a
//     reference to something not imported) is taken out and listed with the differences as the
//     reason; then the check runs again, until nothing changes. So what is imported verifies
//     against its source by construction, and nothing is dropped without a word.
#include "comreg/import/importer.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "comreg/core/guid.hpp"
#include "comreg/description/description_validator.hpp"
#include "comreg/model/class_listings.hpp"
#include "comreg/model/description_members.hpp"
#include "comreg/model/progid.hpp"
#include "comreg/model/sddl.hpp"
#include "comreg/verify/verify.hpp"
#include "core/ascii.hpp"
#include "core/command_line.hpp"
#include "core/folded_ids.hpp"
#include "verify/registry_semantics.hpp"

namespace comreg {
namespace {

std::optional<std::string> text_value(const RegistryBackend& r, const std::string& key,
                                      const std::string& name = {}) {
  const auto v = r.get_value(key, name);
  if (!v || (v->type != RegType::sz && v->type != RegType::expand_sz)) return std::nullopt;
  return v->text;
}

std::string text_or_empty(const RegistryBackend& r, const std::string& key,
                          const std::string& name = {}) {
  return text_value(r, key, name).value_or("");
}

std::optional<std::uint32_t> dword_value(const RegistryBackend& r, const std::string& key,
                                         const std::string& name) {
  const auto v = r.get_value(key, name);
  if (!v || v->type != RegType::dword) return std::nullopt;
  return static_cast<std::uint32_t>(v->number);
}

std::optional<std::uint32_t> parse_number(const std::string& s, int base) {
  std::uint32_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::string guid_or_raw(const std::string& s) {
  return normalize_guid(s).value_or(s);
}

// One candidate element: what it maps to, where it lives, and why it was taken out.
struct Element {
  // What the element is, so a finding or diagnostic that names it reaches its members
  // without a search through every candidate.
  enum class Kind { com_class, appid, typelib, interface_, category };
  explicit Element(Kind k) : kind(k) {}
  Kind kind;
  std::string id;   // plan origin: "class {…}", "AppID {…}", …
  std::string key;  // full path of its main key
  bool dropped = false;
  std::string reason;
  void drop(std::string why) {
    if (dropped) return;
    dropped = true;
    reason = std::move(why);
  }
};

// One server key of a class: a CLSID may have InprocServer32, InprocHandler32 and LocalServer32.
struct ServerListing {
  ServerKind kind = ServerKind::inproc;
  std::string path, arguments;
};

struct ClassCandidate : Element {
  ClassCandidate() : Element(Kind::com_class) {}
  ComClass c;
  std::vector<ServerListing> servers;  // in the order inproc (or surrogate), handler, local
  std::vector<Unmapped> ignored;       // values COM does not read, listed while it is imported
  std::vector<Unmapped> notes;         // mapped with a choice the user should know of
};
struct AppIdCandidate : Element {
  AppIdCandidate() : Element(Kind::appid) {}
  AppId a;
};
struct TypeLibCandidate : Element {
  TypeLibCandidate() : Element(Kind::typelib) {}
  TypeLib t;
};
struct InterfaceCandidate : Element {
  InterfaceCandidate() : Element(Kind::interface_) {}
  Interface i;
};
struct CategoryCandidate : Element {
  CategoryCandidate() : Element(Kind::category) {}
  Category c;
};

class Importer {
 public:
  Importer(const RegistryBackend& registry, const ImportOptions& options)
      : r_(registry), o_(options), root_(classes_root(options.scope)) {}

  ImportResult run() {
    read_typelibs();
    for (const auto& t : typelibs_) typelib_ids_.insert(t.t.libid);
    read_appids();
    read_interfaces();
    read_categories();
    read_classes();
    keep_without_sixteen_bit_keys();
    // The elements stay where they are from here on: findings name them by id.
    for (Element* e : all_elements()) by_id_[e->id] = e;
    Description d;
    for (int round = 0; round < 32; ++round) {
      d = build();
      if (!check_description(d) && !check_plan(d)) break;
    }
    ImportResult out;
    for (auto& s : d.servers) {
      for (auto& c : s.classes) {
        c.at = {};
        for (const auto* p : {&c.progid, &c.version_independent_progid}) {
          if (!p->empty() && breaks_progid_rules(*p)) ++out.legacy_names;
        }
      }
    }
    for (auto& a : d.appids) a.at = {};
    for (auto& t : d.typelibs) t.at = {};
    for (auto& i : d.interfaces) i.at = {};
    for (auto& c : d.categories) c.at = {};
    out.description = std::move(d);
    out.normalized = std::move(normalized_);
    for (const auto& k : classes_) {
      if (!k.dropped) out.normalized.insert(out.normalized.end(), k.notes.begin(), k.notes.end());
    }
    list_unmapped(out.unmapped);
    return out;
  }

 private:
  std::string path(std::string_view logical) const {
    return root_ + "\\" + physical_key(logical, o_.view);
  }

  // ---- read ---------------------------------------------------------------------------

  void read_typelibs() {
    const std::string base = path("TypeLib");
    for (const auto& libid_name : r_.subkeys(base)) {
      const std::string libid_key = base + "\\" + libid_name;
      const auto libid = normalize_guid(libid_name);
      if (!libid) {
        other_.push_back({libid_key, {}, false, "not a LIBID"});
        continue;
      }
      for (const auto& version : r_.subkeys(libid_key)) {
        TypeLibCandidate t;
        t.key = libid_key + "\\" + version;
        t.t.libid = *libid;
        const std::size_t dot = version.find('.');
        const auto major = parse_number(version.substr(0, dot), 16);
        std::optional<std::uint32_t> minor;
        if (dot != std::string::npos) minor = parse_number(version.substr(dot + 1), 16);
        t.id = "type library " + *libid + " " + version;
        if (!major || !minor || *major > 0xFFFF || *minor > 0xFFFF) {
          other_.push_back({t.key, {}, false, "not a type library version (hex major.minor)"});
          continue;
        }
        t.t.major = static_cast<std::uint16_t>(*major);
        t.t.minor = static_cast<std::uint16_t>(*minor);
        t.t.name = text_or_empty(r_, t.key);
        for (const auto& sub : r_.subkeys(t.key)) {
          const auto lcid = parse_number(sub, 16);
          if (!lcid) continue;  // FLAGS, HELPDIR; anything else the check reports
          t.t.lcid = *lcid;
          t.t.win32 = text_or_empty(r_, t.key + "\\" + sub + "\\win32");
          t.t.win64 = text_or_empty(r_, t.key + "\\" + sub + "\\win64");
          break;  // one LCID per entry; others make the check fail and are reported
        }
        // Absent keys stay absent (null in the description): not every registration has them.
        t.t.flags.reset();
        if (r_.key_exists(t.key + "\\FLAGS")) {
          t.t.flags = parse_number(text_or_empty(r_, t.key + "\\FLAGS"), 10).value_or(0) & 0xF;
        }
        t.t.helpdir.reset();
        if (r_.key_exists(t.key + "\\HELPDIR")) {
          t.t.helpdir = text_or_empty(r_, t.key + "\\HELPDIR");
        }
        typelibs_.push_back(std::move(t));
      }
    }
  }

  void read_appids() {
    const std::string base = path("AppID");
    std::vector<std::pair<std::string, std::string>> executables;  // (key name, appid)
    for (const auto& name : r_.subkeys(base)) {
      const std::string key = base + "\\" + name;
      const auto guid = normalize_guid(name);
      if (!guid) {
        const auto target = text_value(r_, key, "AppID");
        if (target && normalize_guid(*target) && name.find_first_of("\\/") == std::string::npos) {
          executables.emplace_back(name, *normalize_guid(*target));
        } else {
          other_.push_back({key, {}, false, "neither an AppID nor an executable name mapping"});
        }
        continue;
      }
      AppIdCandidate a;
      a.id = "AppID " + *guid;
      a.key = key;
      a.a.appid = *guid;
      a.a.name = text_or_empty(r_, key);
      if (const auto v = r_.get_value(key, "DllSurrogate")) {
        a.a.dll_surrogate = v->text;
      }
      a.a.local_service = text_or_empty(r_, key, "LocalService");
      a.a.service_parameters = text_or_empty(r_, key, "ServiceParameters");
      a.a.run_as = text_or_empty(r_, key, "RunAs");
      for (const auto& [value, member] : {std::pair{"AccessPermission", &a.a.access_permission},
                                          std::pair{"LaunchPermission", &a.a.launch_permission}}) {
        const auto v = r_.get_value(key, value);
        if (!v) continue;
        const auto sddl =
            v->type == RegType::binary ? security_descriptor_to_sddl(v->bytes) : std::nullopt;
        if (sddl) {
          *member = *sddl;
        } else {
          a.drop(std::string(value) +
                 " is not a security descriptor that SDDL describes exactly (kept as it is)");
        }
      }
      a.a.authentication_level = dword_value(r_, key, "AuthenticationLevel");
      a.a.remote_server_name = text_or_empty(r_, key, "RemoteServerName");
      a.a.appid_flags = dword_value(r_, key, "AppIDFlags");
      a.a.preferred_server_bitness = dword_value(r_, key, "PreferredServerBitness");
      appids_.push_back(std::move(a));
    }
    appid_index_.reserve(appids_.size());
    for (std::size_t i = 0; i < appids_.size(); ++i) appid_index_.emplace(appids_[i].a.appid, i);
    for (auto& [exe, appid] : executables) {
      AppIdCandidate* owner = find_appid(appid);
      if (owner == nullptr) {
        other_.push_back(
            {base + "\\" + exe, {}, false, "names AppID " + appid + ", not registered"});
      } else {
        owner->a.executables.push_back(exe);
        executable_keys_.emplace_back(base + "\\" + exe, owner);
      }
    }
  }

  void read_interfaces() {
    const std::string base = path("Interface");
    const auto names = r_.subkeys(base);
    interfaces_.reserve(names.size());
    for (const auto& name : names) {
      const std::string key = base + "\\" + name;
      const auto iid = normalize_guid(name);
      if (!iid) {
        other_.push_back({key, {}, false, "not an IID"});
        continue;
      }
      InterfaceCandidate i;
      i.id = "interface " + *iid;
      i.key = key;
      i.i.iid = *iid;
      i.i.name = text_or_empty(r_, key);
      if (const auto v = text_value(r_, key + "\\ProxyStubClsid32"))
        i.i.proxy_stub = guid_or_raw(*v);
      if (const auto v = text_value(r_, key + "\\ProxyStubClsid"))
        i.i.proxy_stub16 = guid_or_raw(*v);
      if (const auto v = text_value(r_, key + "\\NumMethods"))
        i.i.num_methods = parse_number(*v, 10);
      if (const auto v = text_value(r_, key + "\\BaseInterface")) {
        i.i.base_interface = guid_or_raw(*v);
      }
      if (const auto v = text_value(r_, key + "\\TypeLib")) i.i.typelib = guid_or_raw(*v);
      interfaces_.push_back(std::move(i));
    }
  }

  void read_categories() {
    const std::string base = path("Component Categories");
    for (const auto& name : r_.subkeys(base)) {
      const std::string key = base + "\\" + name;
      const auto catid = normalize_guid(name);
      if (!catid) {
        other_.push_back({key, {}, false, "not a CATID"});
        continue;
      }
      CategoryCandidate c;
      c.id = "category " + *catid;
      c.key = key;
      c.c.catid = *catid;
      // One description per category: English (409) when there, else the first.
      std::vector<std::string> names = r_.value_names(key);
      std::optional<std::uint32_t> chosen;
      for (const auto& n : names) {
        const auto lcid = parse_number(n, 16);
        if (lcid && text_value(r_, key, n) && (!chosen || *lcid == 0x409)) chosen = lcid;
      }
      if (!chosen) {
        other_.push_back({key, {}, false, "no description named by a hexadecimal LCID"});
        continue;
      }
      c.c.lcid = *chosen;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%x", *chosen);
      c.c.description = text_or_empty(r_, key, buf);
      for (const auto& n : names) {
        if (!text::iequals(n, buf)) {
          other_.push_back(
              {key, n, true, "a category has one description in the description format"});
        }
      }
      categories_.push_back(std::move(c));
    }
  }

  void read_classes() {
    const std::string base = path("CLSID");
    const auto names = r_.subkeys(base);
    classes_.reserve(names.size());
    for (const auto& name : names) {
      const std::string key = base + "\\" + name;
      const auto clsid = normalize_guid(name);
      if (!clsid) {
        other_.push_back({key, {}, false, "not a CLSID"});
        continue;
      }
      ClassCandidate k;
      k.id = "class " + *clsid;
      k.key = key;
      ComClass& c = k.c;
      c.clsid = *clsid;
      c.name = text_or_empty(r_, key);
      if (const auto v = text_value(r_, key, "AppID")) c.appid = guid_or_raw(*v);
      const AppIdCandidate* appid = c.appid.empty() ? nullptr : find_appid(c.appid);
      read_servers(k, appid);
      c.progid = text_or_empty(r_, key + "\\ProgID");
      c.version_independent_progid = text_or_empty(r_, key + "\\VersionIndependentProgID");
      for (const auto* p : {&c.progid, &c.version_independent_progid}) {
        if (!p->empty() && breaks_progid_rules(*p)) c.legacy_names = true;
      }
      // One key for both names: a rule break the format keeps under legacyNames.
      if (!c.progid.empty() && text::iequals(c.progid, c.version_independent_progid)) {
        c.legacy_names = true;
      }
      read_shared_progids(k);
      if (const auto v = text_value(r_, key + "\\TypeLib")) c.typelib = guid_or_raw(*v);
      c.version = text_or_empty(r_, key + "\\Version");
      for (const auto& [sub, list] :
           {std::pair{"\\Implemented Categories", &c.implemented_categories},
            std::pair{"\\Required Categories", &c.required_categories}}) {
        for (const auto& catid : r_.subkeys(key + sub)) list->push_back(guid_or_raw(catid));
        std::sort(list->begin(), list->end());
      }
      c.programmable = r_.key_exists(key + "\\Programmable");
      c.control = r_.key_exists(key + "\\Control");
      c.insertable = r_.key_exists(key + "\\Insertable");
      if (r_.key_exists(key + "\\MiscStatus")) {
        MiscStatus m;
        if (const auto v = text_value(r_, key + "\\MiscStatus")) m.value = parse_number(*v, 10);
        for (const std::uint32_t aspect : {1u, 2u, 4u, 8u}) {
          const auto v = text_value(r_, key + "\\MiscStatus\\" + std::to_string(aspect));
          if (const auto flags = v ? parse_number(*v, 10) : std::nullopt) {
            m.aspects.emplace_back(aspect, *flags);
          }
        }
        c.misc_status = std::move(m);
      }
      c.toolbox_bitmap = text_or_empty(r_, key + "\\ToolboxBitmap32");
      c.default_icon = text_or_empty(r_, key + "\\DefaultIcon");
      if (const auto v = text_value(r_, key + "\\TreatAs")) c.treat_as = guid_or_raw(*v);
      if (const auto v = text_value(r_, key + "\\AutoConvertTo"))
        c.auto_convert_to = guid_or_raw(*v);
      // The registry does not say which class a licence is for; one named by the class's
      // own CLSID is taken as the class's.
      if (const auto v = text_value(r_, path("Licenses") + "\\" + c.clsid)) {
        c.license = License{c.clsid, *v};
      }
      read_own_keys(k);
      classes_.push_back(std::move(k));
    }
  }

  // What a class's key holds that no member plans (WIC codecs' values and Formats, DirectShow
  // filters' Instance keys, NotInsertable): the class's `values` and `subkeys`. A value of a
  // type the format has no spelling for is left: the plan then lacks it, which takes the class
  // out (check_plan lists it). 16-bit OLE's InprocServer is keep_without_sixteen_bit_keys'.
  void read_own_keys(ClassCandidate& k) {
    const auto planned = [](std::string_view name, std::span<const std::string_view> list) {
      return std::any_of(list.begin(), list.end(),
                         [&](std::string_view p) { return text::iequals(name, p); });
    };
    for (const auto& name : r_.value_names(k.key)) {
      if (planned(name, format::class_planned_values)) continue;
      if (auto v = describable_value(k.key, name)) k.c.values.push_back({name, std::move(*v)});
    }
    for (const auto& sub : r_.subkeys(k.key)) {
      if (planned(sub, format::class_planned_subkeys) || text::iequals(sub, "InprocServer")) {
        continue;
      }
      read_own_subkey(k, sub);
    }
  }

  void read_own_subkey(ClassCandidate& k, const std::string& relative) {
    const std::string key = k.key + "\\" + relative;
    ClassSubkey s;
    s.key = relative;
    for (const auto& name : r_.value_names(key)) {
      if (auto v = describable_value(key, name)) s.values.push_back({name, std::move(*v)});
    }
    k.c.subkeys.push_back(std::move(s));
    for (const auto& sub : r_.subkeys(key)) read_own_subkey(k, relative + "\\" + sub);
  }

  std::optional<RegValue> describable_value(const std::string& key, const std::string& name) {
    auto v = r_.get_value(key, name);
    if (!v) return std::nullopt;
    for (const auto& [spelling, type] : format::class_value_type_spellings) {
      if (v->type == type) return v;
    }
    return std::nullopt;
  }

  // A ProgID whose key names another class (several classes name one ProgID, as versions 1 and
  // 2 name one version-independent ProgID; its key names one of them): this class names it
  // without writing its key, which is noted.
  void read_shared_progids(ClassCandidate& k) {
    for (auto [name, owned] :
         {std::pair{&k.c.progid, &k.c.progid_key},
          std::pair{&k.c.version_independent_progid, &k.c.version_independent_progid_key}}) {
      if (name->empty()) continue;
      const auto named = text_value(r_, root_ + "\\" + *name + "\\CLSID");
      const auto clsid = named ? normalize_guid(*named) : std::nullopt;
      if (!clsid || *clsid == k.c.clsid) continue;
      *owned = false;
      k.notes.push_back({root_ + "\\" + *name,
                         {},
                         false,
                         "names class " + *clsid + ", not " + k.c.clsid + ": " + k.id +
                             " names this ProgID without writing its key"});
    }
  }

  // The class's server keys, in the order the description lists them. A class with none is
  // remote when its AppID names a RemoteServerName, else taken out.
  void read_servers(ClassCandidate& k, const AppIdCandidate* appid) {
    const bool surrogate = appid != nullptr && appid->a.dll_surrogate.has_value();
    for (const ServerKind kind : {surrogate ? ServerKind::surrogate : ServerKind::inproc,
                                  ServerKind::handler, ServerKind::local}) {
      const std::string server_key = k.key + "\\" + server_key_name(kind);
      if (!r_.key_exists(server_key)) continue;
      // A surrogate class runs in dllhost: no LocalServer32 beside it.
      if (kind == ServerKind::local && surrogate && !k.servers.empty()) {
        k.drop(server_key +
               " beside a DLL surrogate's InprocServer32 (the format lists a "
               "surrogate class once)");
        return;
      }
      ServerListing listing;
      listing.kind = kind;
      if (kind == ServerKind::local) {
        split_command(text_or_empty(r_, server_key), listing.path, listing.arguments);
        if (r_.get_value(server_key, "ThreadingModel")) {
          // Not a reason to lose the class: COM never reads it there.
          k.ignored.push_back({server_key, "ThreadingModel", true,
                               "COM ignores ThreadingModel under LocalServer32 (a local server "
                               "chooses its apartments when it calls CoInitializeEx): " +
                                   k.id + " is imported without it"});
          tolerated_.insert(text::fold_case(server_key) + "\n" + text::fold_case("ThreadingModel"));
        }
      } else {
        listing.path = dll_path(r_, server_key);
        read_threading(server_key, k.c);
        if (kind != ServerKind::handler) read_clr(server_key, k.c);
      }
      if (listing.path.empty()) {
        k.drop(server_key + " has no server path");
        return;
      }
      if (kind != ServerKind::local && listing.path.find('"') != std::string::npos) {
        k.drop(server_key +
               " holds a path with quotes that COM does not take off (only a "
               "REG_SZ's enclosing quotes are): LoadLibrary gets them as they are");
        return;
      }
      k.servers.push_back(std::move(listing));
    }
    if (k.servers.empty()) {
      if (appid != nullptr && !appid->a.remote_server_name.empty()) {
        k.servers.push_back({ServerKind::remote, {}, {}});
      } else {
        k.drop(
            "no server key (InprocServer32, LocalServer32, InprocHandler32) and no AppID with "
            "RemoteServerName");
      }
    }
  }

  // An in-process server path as COM loads it (a REG_SZ's quotes taken off); the check
  // notes the difference. The description never holds a quote in a path.
  static std::string dll_path(const RegistryBackend& r, const std::string& server_key) {
    const auto v = r.get_value(server_key, {});
    if (!v || (v->type != RegType::sz && v->type != RegType::expand_sz)) return {};
    return std::string(v->type == RegType::sz ? dll_path_as_com_reads(v->text) : v->text);
  }

  void read_threading(const std::string& server_key, ComClass& c) {
    const std::string model = text_or_empty(r_, server_key, "ThreadingModel");
    // COM reads ThreadingModel in any case; the description spells it as the format does.
    for (const auto& [text, value] : format::threading_spellings) {
      if (text::iequals(model, text)) c.threading = value;
    }
  }

  // A regasm registration (InprocServer32 = mscoree.dll): the values that name the .NET type.
  // Its version subkeys are the planner's to write; others make the check report the class.
  void read_clr(const std::string& server_key, ComClass& c) {
    const auto class_name = text_value(r_, server_key, "Class");
    const auto assembly = text_value(r_, server_key, "Assembly");
    if (!class_name && !assembly) return;
    ClrClass clr;
    clr.class_name = class_name.value_or("");
    clr.assembly = assembly.value_or("");
    clr.runtime_version = text_or_empty(r_, server_key, "RuntimeVersion");
    clr.code_base = text_or_empty(r_, server_key, "CodeBase");
    c.clr = std::move(clr);
  }

  // LocalServer32 as CreateProcess splits it, which is how the planner writes it back: "path"
  // quoted when it has a space, then a space and the arguments. A quoted path without spaces
  // (ATL quotes every path) is the same command unquoted; the check notes the difference.
  static void split_command(const std::string& command, std::string& path, std::string& args) {
    const CommandLine c = split_command_line(command);
    path = c.program;
    args = c.arguments();
  }

  // Every class asks for its AppID: looked up, not searched (a scan per class was quadratic).
  AppIdCandidate* find_appid(const std::string& guid) {
    const auto found = appid_index_.find(guid);
    return found == appid_index_.end() ? nullptr : &appids_[found->second];
  }

  // ---- check --------------------------------------------------------------------------

  Description build() {
    Description d;
    d.file = "<import>";
    d.assembly.name = o_.assembly_name;
    d.assembly.version = o_.assembly_version;
    d.assembly.arch = o_.view == View::v32 ? Arch::x86 : Arch::amd64;
    built_ = {};
    // (class, listing): a class's first listing holds its members, the others its CLSID.
    // Keyed by views of the candidates' own strings: they stay put while the description is
    // built, and compare as the strings do.
    std::map<std::tuple<ServerKind, std::string_view, std::string_view>,
             std::vector<std::pair<ClassCandidate*, std::size_t>>>
        groups;
    std::set<std::string> surrogate_appids;
    for (auto& k : classes_) {
      if (k.dropped) continue;
      for (std::size_t i = 0; i < k.servers.size(); ++i) {
        const ServerListing& l = k.servers[i];
        groups[{l.kind, l.path, l.arguments}].emplace_back(&k, i);
      }
      if (!k.servers.empty() && k.servers.front().kind == ServerKind::surrogate) {
        surrogate_appids.insert(k.c.appid);
      }
    }
    d.servers.reserve(groups.size());
    for (auto& [group, members] : groups) {
      Server s;
      s.kind = std::get<0>(group);
      s.path = std::string(std::get<1>(group));
      s.arguments = std::string(std::get<2>(group));
      s.arch = d.assembly.arch;
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return a.first->c.clsid < b.first->c.clsid; });
      s.classes.reserve(members.size());
      auto& elements = built_.classes.emplace_back();
      elements.reserve(members.size());
      for (auto [k, listing] : members) {
        elements.push_back(k);
        if (listing == 0) {
          s.classes.push_back(k->c);
        } else {
          s.classes.emplace_back().clsid = k->c.clsid;
        }
        s.classes.back().at.pointer = k->id;
      }
      d.servers.push_back(std::move(s));
    }
    add_all(d.appids, built_.appids, appids_, [&](AppIdCandidate& a) {
      AppId out = a.a;
      // "" is what the planner writes by itself for a surrogate's AppID.
      if (out.dll_surrogate && out.dll_surrogate->empty() && surrogate_appids.count(out.appid)) {
        out.dll_surrogate.reset();
      }
      return out;
    });
    add_all(d.typelibs, built_.typelibs, typelibs_, [](TypeLibCandidate& t) { return t.t; });
    add_all(d.interfaces, built_.interfaces, interfaces_,
            [](InterfaceCandidate& i) { return i.i; });
    add_all(d.categories, built_.categories, categories_, [](CategoryCandidate& c) { return c.c; });
    return d;
  }

  template <typename Model, typename Candidate, typename F>
  void add_all(std::vector<Model>& out, std::vector<Element*>& elements,
               std::vector<Candidate>& candidates, F&& make) {
    for (auto& c : candidates) {
      if (c.dropped) continue;
      elements.push_back(&c);
      out.push_back(make(c));
      out.back().at.pointer = c.id;
    }
  }

  // The JSON pointer of each element of the built description, for the validation errors that
  // name one: written out only when there is an error (build() keeps the elements in order).
  void index_pointers() {
    pointers_.clear();
    for (std::size_t s = 0; s < built_.classes.size(); ++s) {
      for (std::size_t c = 0; c < built_.classes[s].size(); ++c) {
        pointers_.emplace("/servers/" + std::to_string(s) + "/classes/" + std::to_string(c),
                          built_.classes[s][c]);
      }
    }
    for (const auto& [base, list] :
         {std::pair{"/appids/", &built_.appids}, std::pair{"/typelibs/", &built_.typelibs},
          std::pair{"/interfaces/", &built_.interfaces},
          std::pair{"/categories/", &built_.categories}}) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        pointers_.emplace(base + std::to_string(i), (*list)[i]);
      }
    }
  }

  // The element a JSON pointer of the built description falls in.
  Element* element_at(const std::string& pointer) {
    for (std::string p = pointer; !p.empty(); p = p.substr(0, p.rfind('/'))) {
      if (const auto it = pointers_.find(p); it != pointers_.end()) return it->second;
    }
    return nullptr;
  }

  // The elements below the nearest object around `pointer` that holds any ("/servers/0/path"
  // falls in "/servers/0", which holds "/servers/0/classes/1").
  std::vector<Element*> elements_below(const std::string& pointer) {
    std::vector<Element*> out;
    for (std::string p = pointer; !p.empty() && out.empty(); p = p.substr(0, p.rfind('/'))) {
      const std::string prefix = p + "/";
      for (auto it = pointers_.lower_bound(prefix);
           it != pointers_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
        out.push_back(it->second);
      }
    }
    return out;
  }

  // Validation errors take their element out. True when any was.
  bool check_description(const Description& d) {
    ValidateOptions options;
    options.file = "<import>";
    // A script's %MODULE% without --path becomes ${installdir}\FILE (docs/import.md): kept for
    // the installer, as the type library import keeps it.
    options.placeholders = UndefinedPlaceholder::keep;
    bool changed = false;
    bool indexed = false;
    for (const auto& diagnostic : validate_description(d, options)) {
      if (diagnostic.severity != Severity::error) continue;
      if (!indexed) {
        index_pointers();
        indexed = true;
      }
      if (keep_without_reference(diagnostic)) {
        changed = true;
        continue;
      }
      const std::string why =
          "does not validate: " + diagnostic.message + " [" + diagnostic.code + "]";
      if (Element* e = element_at(diagnostic.location.pointer); e != nullptr) {
        if (!e->dropped) {
          e->drop(why);
          changed = true;
        }
        continue;
      }
      // A finding above every element (a server's path is its classes' path): the elements
      // below it go, or the description written would not validate.
      for (Element* e : elements_below(diagnostic.location.pointer)) {
        if (e->dropped) continue;
        e->drop(why);
        changed = true;
      }
    }
    return changed;
  }

  // A class or interface naming a type library or AppID the source does not register is
  // kept without that reference, which is listed: a dangling reference is the registry's
  // problem, not a reason to lose the element. True when one was taken off.
  bool keep_without_reference(const Diagnostic& diagnostic) {
    const bool typelib = diagnostic.code == "unknown-typelib";
    if (!typelib && diagnostic.code != "unknown-appid") return false;
    Element* e = element_at(diagnostic.location.pointer);
    if (e == nullptr || e->dropped) return false;
    std::string* reference = nullptr;
    if (e->kind == Element::Kind::com_class) {
      auto& k = static_cast<ClassCandidate&>(*e);
      reference = typelib ? &k.c.typelib : &k.c.appid;
    } else if (e->kind == Element::Kind::interface_ && typelib) {
      reference = &static_cast<InterfaceCandidate&>(*e).i.typelib;
    }
    if (reference == nullptr || reference->empty()) return false;
    // Registered, but taken out: its own entry says why.
    const bool registered =
        typelib ? typelib_ids_.contains(*reference) : appid_index_.contains(*reference);
    const std::string what = typelib ? "type library " + *reference : "AppID " + *reference;
    const std::string why =
        "names " + what +
        (registered ? ", which is not imported" : ", which the source does not register") + ": " +
        e->id + " is imported without it";
    if (typelib) {
      dangling_.push_back({e, {e->key + "\\TypeLib", {}, false, why}});
      tolerated_.insert(text::fold_case(e->key + "\\TypeLib"));
    } else {
      dangling_.push_back({e, {e->key, "AppID", true, why}});
      tolerated_.insert(text::fold_case(e->key) + "\n" + text::fold_case("AppID"));
    }
    reference->clear();
    return true;
  }

  // A class whose ProgID keys do not say what its plan says (a ProgID key without CLSID, or
  // naming another class) is kept without its ProgIDs, which are listed: its CLSID key is
  // still a registration. True when they were taken off.
  bool keep_without_progids(Element& e, const Finding& f) {
    if (e.kind != Element::Kind::com_class || e.dropped) return false;
    auto& k = static_cast<ClassCandidate&>(e);
    bool under_progid = false;
    for (const auto* p : {&k.c.progid, &k.c.version_independent_progid}) {
      const std::string key = text::fold_case(root_ + "\\" + *p);
      const std::string found = text::fold_case(f.key);
      if (!p->empty() && (found == key || found.starts_with(key + "\\"))) under_progid = true;
    }
    if (!under_progid) return false;
    const std::string why = f.key + " does not name " + k.id + " as its plan says: " + k.id +
                            " is imported without its ProgIDs";
    for (const char* sub : {"\\ProgID", "\\VersionIndependentProgID"}) {
      if (r_.key_exists(k.key + sub)) {
        dangling_.push_back({&k, {k.key + sub, {}, false, why}});
        tolerated_.insert(text::fold_case(k.key + sub));
      }
    }
    k.c.progid.clear();
    k.c.version_independent_progid.clear();
    k.c.legacy_names = false;
    return true;
  }

  // Keys that only 16-bit OLE reads, beside the 32-bit ones COM reads: old servers register an
  // InprocServer next to their InprocServer32. The format has no member for it (an interface's
  // ProxyStubClsid, which widl writes, has proxyStub16), and no 32- or 64-bit process reads it:
  // the class is imported without it rather than lost, and the key is listed.
  void keep_without_sixteen_bit_keys() {
    const auto without = [&](Element& e, const char* sixteen, const char* thirty_two) {
      const std::string key = e.key + "\\" + sixteen;
      if (!r_.key_exists(key) || !r_.key_exists(e.key + "\\" + thirty_two)) return;
      dangling_.push_back({&e,
                           {key,
                            {},
                            false,
                            std::string(sixteen) + " is read by 16-bit OLE only (COM reads " +
                                thirty_two + "): " + e.id + " is imported without it"}});
      tolerated_.insert(text::fold_case(key));
    };
    for (auto& k : classes_) without(k, "InprocServer", "InprocServer32");
  }

  // A finding about a dangling reference that keep_without_reference took off.
  [[nodiscard]] bool tolerated(const Finding& f) const {
    if (f.kind == Finding::Kind::unexpected_key) {
      return tolerated_.count(text::fold_case(f.key)) != 0;
    }
    if (f.kind == Finding::Kind::unexpected_value) {
      return tolerated_.count(text::fold_case(f.key) + "\n" + text::fold_case(f.name)) != 0;
    }
    return false;
  }

  // Differences between the plan and the registry take their element out.
  bool check_plan(const Description& d) {
    const Plan plan = make_plan(d, {o_.scope, o_.view});
    const VerifyReport report = verify(plan, r_);
    std::map<Element*, std::vector<std::string>> problems;
    normalized_.clear();
    bool progids_taken_off = false;
    for (const auto& f : report.findings) {
      const auto it = by_id_.find(f.origin);
      if (it == by_id_.end() || tolerated(f)) continue;
      if (f.kind != Finding::Kind::same_for_windows && keep_without_progids(*it->second, f)) {
        progids_taken_off = true;
        continue;
      }
      if (f.kind == Finding::Kind::same_for_windows) {
        // Windows reads the value as the description writes it: kept, and said.
        const bool look_alike = f.expected->display() == f.found->display();
        normalized_.push_back(
            {f.key, f.name, true,
             "imported as Windows reads it (written " +
                 (look_alike ? raw_hex(*f.expected) : f.expected->display()) + ", found " +
                 (look_alike ? raw_hex(*f.found) : f.found->display()) + "): " + f.why});
        continue;
      }
      std::string what;
      switch (f.kind) {
        case Finding::Kind::missing_key:
          what = "no key " + f.key;
          break;
        case Finding::Kind::missing_value:
          what = "no value " + f.key + " \"" + f.name + "\"";
          break;
        case Finding::Kind::wrong_value:
          what = f.key + " \"" + f.name + "\" is " + reg_type_name(f.found->type) + " " +
                 f.found->display() + ", not " + reg_type_name(f.expected->type) + " " +
                 f.expected->display();
          break;
        case Finding::Kind::unexpected_key:
          what = "key " + f.key + " has no description member";
          break;
        case Finding::Kind::server_path_differs:
        case Finding::Kind::foreign_server:
        case Finding::Kind::foreign_progid:
        case Finding::Kind::stale_curver:
        case Finding::Kind::ambiguous_command:  // which file runs depends on the disk
        case Finding::Kind::same_for_windows:
          what =
              f.key + " \"" + f.name + "\" is " +
              (f.found ? reg_type_name(f.found->type) + " " + f.found->display() : "other") +
              (f.expected ? ", not " + reg_type_name(f.expected->type) + " " + f.expected->display()
                          : "");
          break;
        case Finding::Kind::unexpected_value:
          what = "value " + f.key + " \"" + f.name + "\" has no description member";
          break;
      }
      problems[it->second].push_back(std::move(what));
    }
    if (progids_taken_off) return true;  // planned again without them first
    for (auto& [e, list] : problems) {
      std::string why = list[0];
      if (list.size() > 1) why += " (and " + std::to_string(list.size() - 1) + " more)";
      e->drop(std::move(why));
    }
    return !problems.empty();
  }

  std::vector<Element*> all_elements() {
    std::vector<Element*> out;
    for (auto& e : classes_) out.push_back(&e);
    for (auto& e : appids_) out.push_back(&e);
    for (auto& e : typelibs_) out.push_back(&e);
    for (auto& e : interfaces_) out.push_back(&e);
    for (auto& e : categories_) out.push_back(&e);
    return out;
  }

  // ---- report -------------------------------------------------------------------------

  void list_unmapped(std::vector<Unmapped>& out) {
    // Top-level keys that no imported element wrote.
    std::set<std::string> consumed;
    for (const char* container : {"CLSID", "AppID", "TypeLib", "Interface", "Component Categories",
                                  "Licenses", "Wow6432Node"}) {
      consumed.insert(text::fold_case(container));
    }
    // comreg's own records in a classes-only hive (UsrClass.dat): bookkeeping, not a ProgID.
    consumed.insert(text::fold_case(classes_bookkeeping_key));
    std::set<std::string> licences;
    for (const auto& k : classes_) {
      if (k.dropped) continue;
      for (const auto* p : {&k.c.progid, &k.c.version_independent_progid}) {
        if (!p->empty()) consumed.insert(text::fold_case(*p));
      }
      if (k.c.license) licences.insert(text::fold_case(k.c.license->id));
    }
    for (const auto& name : r_.subkeys(root_)) {
      if (!consumed.count(text::fold_case(name))) {
        out.push_back({root_ + "\\" + name,
                       {},
                       false,
                       name.front() == '.' ? "file extension: not a COM registration"
                                           : "not the ProgID of an imported class"});
      }
    }
    for (const auto& name : r_.subkeys(path("Licenses"))) {
      if (!licences.count(text::fold_case(name))) {
        out.push_back({path("Licenses") + "\\" + name,
                       {},
                       false,
                       "a licence whose id is not the CLSID of an imported class (the registry "
                       "does not say which class it licenses)"});
      }
    }
    // The other view's keys.
    const View other = o_.view == View::v64 ? View::v32 : View::v64;
    for (const char* container : {"CLSID", "Interface"}) {
      const std::string key = root_ + "\\" + physical_key(container, other);
      if (r_.key_exists(key) && !r_.subkeys(key).empty()) {
        out.push_back({key,
                       {},
                       false,
                       std::string("the ") + to_string(other) +
                           "-bit view: import it with --view " + to_string(other)});
      }
    }
    if (o_.view == View::v64) {
      for (const auto& name : r_.subkeys(root_ + "\\Wow6432Node")) {
        if (!text::iequals(name, "CLSID") && !text::iequals(name, "Interface")) {
          out.push_back({root_ + "\\Wow6432Node\\" + name,
                         {},
                         false,
                         "not a redirected key (only CLSID and Interface have a 32-bit view)"});
        }
      }
    }
    for (const Element* e : all_elements()) {
      if (e->dropped) out.push_back({e->key, {}, false, e->reason});
    }
    for (const auto& [e, u] : dangling_) {
      if (!e->dropped) out.push_back(u);
    }
    for (const auto& k : classes_) {
      if (!k.dropped) out.insert(out.end(), k.ignored.begin(), k.ignored.end());
    }
    for (const auto& [key, owner] : executable_keys_) {
      if (owner->dropped)
        out.push_back({key, {}, false, "maps to " + owner->id + ", not imported"});
    }
    for (auto& u : other_) out.push_back(std::move(u));
  }

  const RegistryBackend& r_;
  const ImportOptions& o_;
  std::string root_;
  std::vector<ClassCandidate> classes_;
  std::vector<AppIdCandidate> appids_;
  // Keyed by what the registry holds, under the process's seed (FoldedHash): an export can be
  // made of names chosen to share std::hash's buckets.
  std::unordered_map<std::string, std::size_t, FoldedHash, std::equal_to<>>
      appid_index_;  // GUID -> appids_, first wins
  std::unordered_set<std::string, FoldedHash, std::equal_to<>> typelib_ids_;  // every LIBID read
  std::vector<TypeLibCandidate> typelibs_;
  std::vector<InterfaceCandidate> interfaces_;
  std::vector<CategoryCandidate> categories_;
  std::vector<std::pair<std::string, AppIdCandidate*>> executable_keys_;
  std::vector<Unmapped> other_;
  std::vector<Unmapped> normalized_;
  std::unordered_map<std::string_view, Element*, FoldedHash, std::equal_to<>>
      by_id_;  // findings' origins: Element::id
  // The elements of the description build() made last, in its order: classes per server.
  struct Built {
    std::vector<std::vector<Element*>> classes;
    std::vector<Element*> appids, typelibs, interfaces, categories;
  } built_;
  std::map<std::string, Element*> pointers_;                   // index_pointers
  std::vector<std::pair<const Element*, Unmapped>> dangling_;  // references taken off
  std::set<std::string> tolerated_;  // their keys ("key") and values ("key\nname"), folded
};

}  // namespace

ImportResult import_registry(const RegistryBackend& registry, const ImportOptions& options) {
  return Importer(registry, options).run();
}

std::string format_unmapped(const std::vector<Unmapped>& unmapped, bool json,
                            const std::vector<Unmapped>& normalized) {
  if (json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& u : unmapped) {
      nlohmann::ordered_json j;
      j["key"] = u.key;
      if (u.is_value) j["value"] = u.value;
      j["reason"] = u.reason;
      list.push_back(std::move(j));
    }
    nlohmann::ordered_json doc;
    doc["unmapped"] = std::move(list);
    doc["count"] = unmapped.size();
    if (!normalized.empty()) {
      nlohmann::ordered_json notes = nlohmann::ordered_json::array();
      for (const auto& n : normalized)
        notes.push_back({{"key", n.key}, {"value", n.value}, {"note", n.reason}});
      doc["normalized"] = std::move(notes);
    }
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
  std::string out;
  for (const auto& n : normalized) {
    out += "note: " + n.key + " " + (n.value.empty() ? std::string("@") : "\"" + n.value + "\"") +
           ": " + n.reason + "\n";
  }
  for (const auto& u : unmapped) {
    out += "unmapped: " + u.key;
    if (u.is_value) out += " " + (u.value.empty() ? std::string("@") : "\"" + u.value + "\"");
    out += ": " + u.reason + "\n";
  }
  out += std::to_string(unmapped.size()) +
         (unmapped.size() == 1 ? " key or value" : " keys and values") + " not imported\n";
  return out;
}

}  // namespace comreg
