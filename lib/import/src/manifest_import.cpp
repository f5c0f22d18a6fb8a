// ManifestModel -> Description, in two passes as import_registry:
//  1. read: every comClass, typelib and proxy/stub entry becomes a candidate element, mapped
//     attribute by attribute; what the description has no member for is listed right away;
//  2. check: the candidates are validated and their component manifest (plan_component_manifest,
//     through verify_manifest) compared with the source. An element that does not validate or
//     would be written differently is taken out with the reason, until nothing changes. So the
//     result verifies against its source, and nothing is dropped without a word.
#include "comreg/import/manifest_import.hpp"

#include <charconv>
#include <map>
#include <set>

#include "comreg/core/guid.hpp"
#include "comreg/description/description_validator.hpp"
#include "comreg/model/description_members.hpp"
#include "comreg/model/progid.hpp"
#include "core/ascii.hpp"
#include "plan/olemisc.hpp"

namespace comreg {
namespace {

std::string guid_key(const std::string& v) {
  return normalize_guid(v).value_or(v);
}

std::optional<std::uint32_t> parse_decimal(std::string_view s, std::uint32_t max) {
  std::uint32_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 10);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v > max) return std::nullopt;
  return v;
}

// TYPELIBFLAGS as manifests spell them: upper case, comma-separated (Wine refuses others).
std::optional<std::uint32_t> typelib_flags(std::string_view text) {
  static constexpr std::pair<std::string_view, std::uint32_t> names[] = {
      {"RESTRICTED", typelib_restricted},
      {"CONTROL", typelib_control},
      {"HIDDEN", typelib_hidden},
      {"HASDISKIMAGE", typelib_has_disk_image}};
  std::uint32_t flags = 0;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view name = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    bool known = false;
    for (const auto& [spelling, bit] : names) {
      if (name == spelling) {
        flags |= bit;
        known = true;
      }
    }
    if (!known) return std::nullopt;
  }
  return flags;
}

// One candidate element of the description, from one manifest entry.
struct Entry {
  std::string subject;  // as verify_manifest names it: "comClass {…}", "typelib {…}", …
  std::string file;     // the <file> it is in ("" = assembly level)
  ManifestRef at;
  bool dropped = false;
};
struct ClassEntry : Entry {
  ComClass c;
};
struct TypelibEntry : Entry {
  TypeLib t;
};
struct InterfaceEntry : Entry {
  Interface i;
};

class ManifestImporter {
 public:
  ManifestImporter(const ManifestModel& m, const ManifestImportOptions& o) : m_(m), o_(o) {}

  ManifestImportResult run() {
    read_identity();
    for (const auto& f : m_.files) read_file(f);
    for (const auto& p : m_.external_proxy_stubs) read_proxy_stub(p, "");
    for (const auto& c : m_.clr_classes) {
      unmapped(c.at, "", "clrClass " + guid_key(c.clsid),
               "a .NET class (clrClass " + c.name +
                   "): the description has no member for a managed type and its runtime; "
                   "register it with RegAsm or a comhost");
    }
    for (const auto& d : m_.dependencies) {
      unmapped(d.at, "", "",
               "dependent assembly " + d.name + " " + d.version + ": import its own manifest");
    }
    ManifestImportResult result;
    for (;;) {
      Description d = build();
      if (take_out_invalid(d)) continue;
      std::vector<ManifestFinding> left = unexplained(verify_manifest(d, m_).findings);
      if (take_out_different(left)) continue;
      result.failures = std::move(left);
      for (const auto& diagnostic : invalid_) {
        result.failures.push_back({ManifestFinding::Kind::wrong,
                                   "description",
                                   diagnostic.code,
                                   diagnostic.message,
                                   "",
                                   {},
                                   {}});
      }
      result.imported.description = std::move(d);
      break;
    }
    for (const auto& s : result.imported.description.servers) {
      for (const auto& c : s.classes) result.imported.legacy_names += c.legacy_names ? 1 : 0;
    }
    result.imported.unmapped = std::move(unmapped_);
    return result;
  }

 private:
  // ---- read ---------------------------------------------------------------------------

  void read_identity() {
    assembly_.name = o_.assembly_name;
    assembly_.version = o_.assembly_version;
    if (!m_.identity) {
      unmapped({0, 0, "/assembly"}, "", "assemblyIdentity",
               "the manifest has no assemblyIdentity: the description is named " +
                   o_.assembly_name + " " + o_.assembly_version +
                   " (--assembly-name, --assembly-version)");
      return;
    }
    const ManifestIdentity& id = *m_.identity;
    identity_at_ = id.at;
    assembly_.name = id.name;
    assembly_.version = id.version;
    assembly_.public_key_token = id.public_key_token;
    assembly_.language = id.language;
    if (id.type != "win32") {
      unmapped(id.at, "type", "assemblyIdentity",
               "type '" + id.type + "': the description's assembly is of type win32");
    }
    bool known = false;
    for (const auto& [text, arch] : format::arch_spellings) {
      if (text::iequals(text, id.processor_architecture)) {
        assembly_.arch = arch;
        known = true;
      }
    }
    if (!known) {
      const std::string what = id.processor_architecture.empty()
                                   ? std::string("no processorArchitecture")
                                   : "'" + id.processor_architecture + "'";
      unmapped(id.at, "processorArchitecture", "assemblyIdentity",
               what +
                   ": a description names one architecture (x86, amd64, arm64); imported "
                   "as amd64");
    }
  }

  void read_file(const ManifestFile& f) {
    if (f.classes.empty() && f.typelibs.empty() && f.proxy_stubs.empty() &&
        f.activatable_classes.empty()) {
      unmapped(f.at, "", "",
               "file " + f.name +
                   " has no COM entry (comClass, typelib, comInterfaceProxyStub): a description "
                   "lists COM servers only");
    }
    const std::size_t first_class = classes_.size(), first_typelib = typelibs_.size(),
                      first_interface = interfaces_.size();
    for (const auto& c : f.classes) read_class(f, c);
    for (const auto& t : f.typelibs) read_typelib(f, t);
    for (const auto& p : f.proxy_stubs) read_proxy_stub(p, f.name);
    // A server's path is ${installdir}\NAME, and the manifest names it by NAME again: a name
    // with a folder or a placeholder in it would not come back the same.
    if (f.name.empty() || f.name.find_first_of("\\/") != std::string::npos ||
        f.name.find("${") != std::string::npos) {
      const std::string why = "file name '" + f.name +
                              "' is not a plain file name, which a description's server path "
                              "would give back";
      for (std::size_t i = first_class; i < classes_.size(); ++i) drop(classes_[i], why);
      for (std::size_t i = first_typelib; i < typelibs_.size(); ++i) drop(typelibs_[i], why);
      for (std::size_t i = first_interface; i < interfaces_.size(); ++i) {
        drop(interfaces_[i], why);
      }
    }
    for (const auto& a : f.activatable_classes) {
      unmapped(a.at, "", "activatableClass " + a.name,
               "a Windows Runtime class (activatableClass): a description holds COM classes only");
    }
  }

  void read_class(const ManifestFile& f, const ManifestComClass& mc) {
    ClassEntry& e = classes_.emplace_back();
    e.subject = "comClass " + guid_key(mc.clsid);
    e.file = f.name;
    e.at = mc.at;
    ComClass& c = e.c;
    c.clsid = guid_key(mc.clsid);
    c.name = mc.description;
    c.progid = mc.progid;
    c.typelib = mc.tlbid.empty() ? "" : guid_key(mc.tlbid);
    if (!mc.threading_model.empty()) {
      bool known = false;
      for (const auto& [text, threading] : format::threading_spellings) {
        if (text == mc.threading_model) {
          c.threading = threading;
          known = true;
        }
      }
      if (!known) {
        drop(e, "threadingModel '" + mc.threading_model +
                    "' is none Windows and Wine read (Apartment, Free, Both or Neutral, in this "
                    "case)");
        return;
      }
    }
    if (!mc.progids.empty()) c.version_independent_progid = mc.progids.front();
    if (mc.progids.size() > 1) {
      std::string rest;
      for (std::size_t i = 1; i < mc.progids.size(); ++i)
        rest += (rest.empty() ? "'" : ", '") + mc.progids[i] + "'";
      unmapped(mc.at, "<progid>", e.subject,
               "a class has one version-independent ProgID in a description ('" +
                   mc.progids.front() + "'): " + rest + " left out");
    }
    c.legacy_names = (!c.progid.empty() && breaks_progid_rules(c.progid)) ||
                     (!c.version_independent_progid.empty() &&
                      breaks_progid_rules(c.version_independent_progid));
    read_misc_status(mc, e);
  }

  void read_misc_status(const ManifestComClass& mc, ClassEntry& e) {
    MiscStatus misc;
    bool any = false;
    if (!mc.misc_status.empty()) {
      if (const auto flags = olemisc_flags(mc.misc_status)) {
        misc.value = *flags;
        any = true;
      } else {
        unmapped(mc.at, "miscStatus", e.subject,
                 "'" + mc.misc_status + "' names an OLEMISC flag Windows does not read");
      }
    }
    const std::pair<std::uint32_t, const std::optional<std::string>*> aspects[] = {
        {1, &mc.misc_status_content},
        {2, &mc.misc_status_thumbnail},
        {4, &mc.misc_status_icon},
        {8, &mc.misc_status_docprint}};
    for (const auto& [aspect, text] : aspects) {
      if (!*text) continue;
      if (const auto flags = olemisc_flags(**text)) {
        misc.aspects.emplace_back(aspect, *flags);
        any = true;
      } else {
        unmapped(mc.at, std::string("miscStatus") + aspect_name(aspect), "",
                 "'" + **text + "' names an OLEMISC flag Windows does not read");
      }
    }
    if (any) e.c.misc_status = std::move(misc);
  }

  static const char* aspect_name(std::uint32_t aspect) {
    switch (aspect) {
      case 1:
        return "Content";
      case 2:
        return "Thumbnail";
      case 4:
        return "Icon";
      default:
        return "DocPrint";
    }
  }

  void read_typelib(const ManifestFile& f, const ManifestTypelib& mt) {
    TypelibEntry& e = typelibs_.emplace_back();
    e.subject = "typelib " + guid_key(mt.tlbid);
    e.file = f.name;
    e.at = mt.at;
    TypeLib& t = e.t;
    t.libid = guid_key(mt.tlbid);
    const std::size_t dot = mt.version.find('.');
    const auto major = parse_decimal(std::string_view(mt.version).substr(0, dot), 0xFFFF);
    const auto minor = dot == std::string::npos
                           ? std::nullopt
                           : parse_decimal(std::string_view(mt.version).substr(dot + 1), 0xFFFF);
    if (!major || !minor) {
      drop(e, "version '" + mt.version + "' is not major.minor (decimal, each below 65536)");
      return;
    }
    t.major = static_cast<std::uint16_t>(*major);
    t.minor = static_cast<std::uint16_t>(*minor);
    t.helpdir = mt.helpdir;
    const auto flags = typelib_flags(mt.flags);
    if (!flags) {
      drop(e,
           "flags '" + mt.flags + "' is not a list of RESTRICTED, CONTROL, HIDDEN, HASDISKIMAGE");
      return;
    }
    t.flags = *flags;
    (assembly_.arch == Arch::x86 ? t.win32 : t.win64) = "${installdir}\\" + f.name;
  }

  void read_proxy_stub(const ManifestProxyStub& p, const std::string& file) {
    InterfaceEntry& e = interfaces_.emplace_back();
    e.subject = "interface " + guid_key(p.iid);
    e.file = file;
    e.at = p.at;
    Interface& i = e.i;
    i.iid = guid_key(p.iid);
    i.name = p.name;
    i.proxy_stub = p.proxy_stub_clsid32.empty() ? "" : guid_key(p.proxy_stub_clsid32);
    i.base_interface = p.base_interface.empty() ? "" : guid_key(p.base_interface);
    i.typelib = p.tlbid.empty() ? "" : guid_key(p.tlbid);
    if (!p.num_methods.empty()) {
      i.num_methods = parse_decimal(p.num_methods, 0xFFFFFFFFu);
      if (!i.num_methods) drop(e, "numMethods '" + p.num_methods + "' is not a decimal number");
    }
  }

  // ---- check --------------------------------------------------------------------------

  Description build() {
    Description d;
    d.file = "<import>";
    d.assembly = assembly_;
    pointers_.clear();
    servers_.clear();
    std::map<std::string, std::vector<ClassEntry*>> by_file;  // in first-seen order below
    std::vector<std::string> order;
    for (auto& e : classes_) {
      if (e.dropped) continue;
      auto& members = by_file[e.file];
      if (members.empty()) order.push_back(e.file);
      members.push_back(&e);
    }
    for (const auto& file : order) {
      Server s;
      s.kind = ServerKind::inproc;
      s.path = "${installdir}\\" + file;
      s.arch = d.assembly.arch;
      const std::string base = "/servers/" + std::to_string(d.servers.size());
      for (ClassEntry* e : by_file[file]) {
        pointers_[base + "/classes/" + std::to_string(s.classes.size())] = e;
        servers_[base].push_back(e);
        s.classes.push_back(e->c);
      }
      d.servers.push_back(std::move(s));
    }
    for (auto& e : typelibs_) {
      if (e.dropped) continue;
      pointers_["/typelibs/" + std::to_string(d.typelibs.size())] = &e;
      d.typelibs.push_back(e.t);
    }
    for (auto& e : interfaces_) {
      if (e.dropped) continue;
      pointers_["/interfaces/" + std::to_string(d.interfaces.size())] = &e;
      d.interfaces.push_back(e.i);
    }
    return d;
  }

  // Validation errors take their element out (or its dangling type library reference, or an
  // identity attribute the description cannot hold). True when anything changed.
  bool take_out_invalid(const Description& d) {
    ValidateOptions options;
    options.file = "<import>";
    options.placeholders = UndefinedPlaceholder::keep;
    bool changed = false;
    invalid_.clear();
    for (const auto& diagnostic : validate_description(d, options)) {
      if (diagnostic.severity != Severity::error) continue;
      const std::string& pointer = diagnostic.location.pointer;
      const std::string why =
          "does not validate: " + diagnostic.message + " [" + diagnostic.code + "]";
      if (pointer.starts_with("/assembly")) {
        if (identity_fallback(pointer, why)) {
          changed = true;
        } else {
          invalid_.push_back(diagnostic);
        }
        continue;
      }
      Entry* e = entry_at(pointer);
      if (e != nullptr && diagnostic.code == "unknown-typelib" && without_typelib(*e)) {
        changed = true;
        continue;
      }
      if (e != nullptr) {
        if (!e->dropped) drop(*e, why);
        changed = true;
        continue;
      }
      bool any = false;
      for (const auto& [server, members] : servers_) {
        if (pointer != server && !pointer.starts_with(server + "/")) continue;
        for (ClassEntry* member : members) {
          if (!member->dropped) drop(*member, why);
        }
        any = true;
      }
      if (any) {
        changed = true;
      } else {
        invalid_.push_back(diagnostic);
      }
    }
    return changed;
  }

  // A class or interface naming a type library this manifest does not describe keeps its
  // other attributes; the reference is listed.
  bool without_typelib(Entry& e) {
    std::string* reference = nullptr;
    for (auto& c : classes_) {
      if (&c == &e) reference = &c.c.typelib;
    }
    for (auto& i : interfaces_) {
      if (&i == &e) reference = &i.i.typelib;
    }
    if (reference == nullptr || reference->empty()) return false;
    unmapped(e.at, "tlbid", e.subject,
             "names type library " + *reference +
                 ", which this manifest does not describe (or is not imported): imported "
                 "without it");
    reference->clear();
    return true;
  }

  // An identity member that does not validate: the import's own name or version, or none.
  bool identity_fallback(const std::string& pointer, const std::string& why) {
    const std::string member = pointer.size() > 10 ? pointer.substr(10) : "";
    std::string* value = nullptr;
    std::string fallback;
    std::string attribute = member;
    if (member == "name") {
      value = &assembly_.name;
      fallback = o_.assembly_name;
    } else if (member == "version") {
      value = &assembly_.version;
      fallback = o_.assembly_version;
    } else if (member == "publicKeyToken") {
      value = &assembly_.public_key_token;
    } else if (member == "language") {
      value = &assembly_.language;
    }
    if (value == nullptr || *value == fallback) return false;
    unmapped(identity_at_, attribute, "assemblyIdentity",
             why + (fallback.empty() ? ": left out" : ": imported as '" + fallback + "'"));
    *value = fallback;
    return true;
  }

  Entry* entry_at(const std::string& pointer) {
    for (std::string p = pointer; !p.empty(); p = p.substr(0, p.rfind('/'))) {
      if (const auto it = pointers_.find(p); it != pointers_.end()) return it->second;
    }
    return nullptr;
  }

  std::vector<ManifestFinding> unexplained(std::vector<ManifestFinding> findings) const {
    std::vector<ManifestFinding> out;
    for (auto& f : findings) {
      if (explained_.count({f.subject, f.attribute})) continue;
      // A file none of whose entries is imported is not written: its entries are listed.
      if (f.kind == ManifestFinding::Kind::extra && f.subject.starts_with("file ") &&
          !keeps_file(f.subject.substr(5))) {
        continue;
      }
      out.push_back(std::move(f));
    }
    return out;
  }

  bool keeps_file(const std::string& name) const {
    const auto kept = [&](const auto& entries) {
      for (const auto& e : entries) {
        if (!e.dropped && text::iequals(e.file, name)) return true;
      }
      return false;
    };
    return kept(classes_) || kept(typelibs_) || kept(interfaces_);
  }

  // Elements whose manifest entry would be written differently go. True when one went.
  bool take_out_different(const std::vector<ManifestFinding>& findings) {
    bool changed = false;
    for (const auto& f : findings) {
      Entry* e = entry_named(f.subject);
      if (e == nullptr) continue;
      std::string why = "written back, it would differ: ";
      why += std::string(to_string(f.kind)) + (f.attribute.empty() ? "" : " " + f.attribute);
      if (f.kind == ManifestFinding::Kind::wrong) {
        why += " (the description writes '" + f.expected + "', the manifest has '" + f.found + "')";
      }
      drop(*e, why);
      changed = true;
    }
    return changed;
  }

  Entry* entry_named(const std::string& subject) {
    const auto find = [&](auto& entries) -> Entry* {
      for (auto& e : entries) {
        if (!e.dropped && e.subject == subject) return &e;
      }
      return nullptr;
    };
    if (Entry* e = find(classes_)) return e;
    if (Entry* e = find(typelibs_)) return e;
    return find(interfaces_);
  }

  // ---- what is not imported -----------------------------------------------------------

  void drop(Entry& e, const std::string& why) {
    if (e.dropped) return;  // listed once, with the first reason
    e.dropped = true;
    unmapped(e.at, "", e.subject, e.subject + ": " + why);
  }

  // Lists an entry (or one attribute of it) and notes the finding of verify_manifest it
  // explains: subject and attribute, as verify names them ("" = none expected).
  void unmapped(const ManifestRef& at, const std::string& attribute, const std::string& subject,
                const std::string& reason) {
    std::string key = m_.file;
    if (at.line != 0) key += ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
    key += " " + at.path;
    unmapped_.push_back({std::move(key), attribute, !attribute.empty(), reason});
    if (!subject.empty()) explained_.insert({subject, attribute});
  }

  const ManifestModel& m_;
  const ManifestImportOptions& o_;
  Assembly assembly_;
  ManifestRef identity_at_;
  std::vector<ClassEntry> classes_;
  std::vector<TypelibEntry> typelibs_;
  std::vector<InterfaceEntry> interfaces_;
  std::map<std::string, Entry*> pointers_;
  std::map<std::string, std::vector<ClassEntry*>> servers_;  // "/servers/N" -> its classes
  std::set<std::pair<std::string, std::string>> explained_;  // (subject, attribute)
  std::vector<Unmapped> unmapped_;
  std::vector<Diagnostic> invalid_;
};

}  // namespace

ManifestImportResult import_manifest(const ManifestModel& manifest,
                                     const ManifestImportOptions& options) {
  return ManifestImporter(manifest, options).run();
}

}  // namespace comreg
