// verify_manifest: the manifest model a description plans (plan_component_manifest, the model
// the writer serializes) against one read from a file, entry by entry.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "comreg/core/guid.hpp"
#include "comreg/plan/manifest_plan.hpp"
#include "comreg/readers/manifest_reader.hpp"
#include "core/ascii.hpp"

namespace comreg {
namespace {

std::string guid_key(const std::string& v) {
  return normalize_guid(v).value_or(v);
}

std::string file_name(std::string_view path) {
  const std::size_t slash = path.find_last_of("\\/");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// Which description element each manifest entry comes from, for the report.
struct Origins {
  std::map<std::string, SourceRef> classes, typelibs, interfaces, files;
  SourceRef assembly;

  explicit Origins(const Description& d) : assembly(d.assembly.at) {
    for (const auto& s : d.servers) {
      files.emplace(text::fold_case(file_name(s.path)), s.at);
      for (const auto& c : s.classes) classes.emplace(c.clsid, c.at);
    }
    for (const auto& t : d.typelibs) typelibs.emplace(t.libid, t.at);
    for (const auto& i : d.interfaces) interfaces.emplace(i.iid, i.at);
  }
  static SourceRef find(const std::map<std::string, SourceRef>& m, const std::string& key) {
    const auto it = m.find(key);
    return it == m.end() ? SourceRef{} : it->second;
  }
};

struct Located {
  std::string file;  // the <file> it is in ("" = assembly level)
  const void* entry;
};

class Comparer {
 public:
  Comparer(const Origins& origins, ManifestVerifyReport& report)
      : origins_(origins), report_(report) {}

  void identity(const ManifestModel& want, const ManifestModel& got) {
    if (!want.identity) return;
    if (!got.identity) {
      add(ManifestFinding::Kind::missing, "assemblyIdentity", "", want.identity->name, "",
          origins_.assembly, {});
      return;
    }
    const ManifestIdentity& w = *want.identity;
    const ManifestIdentity& g = *got.identity;
    const std::string subject = "assemblyIdentity";
    attr(subject, "type", w.type, g.type, false, origins_.assembly, g.at);
    attr(subject, "name", w.name, g.name, true, origins_.assembly, g.at);
    attr(subject, "version", w.version, g.version, false, origins_.assembly, g.at);
    attr(subject, "processorArchitecture", w.processor_architecture, g.processor_architecture, true,
         origins_.assembly, g.at);
    attr(subject, "publicKeyToken", w.public_key_token, g.public_key_token, true, origins_.assembly,
         g.at);
    attr(subject, "language", w.language, g.language, true, origins_.assembly, g.at);
  }

  void files(const ManifestModel& want, const ManifestModel& got) {
    std::map<std::string, const ManifestFile*> have;
    for (const auto& f : got.files) have.emplace(text::fold_case(f.name), &f);
    std::map<std::string, bool> wanted;
    for (const auto& f : want.files) {
      const std::string key = text::fold_case(f.name);
      wanted[key] = true;
      if (!have.count(key)) {
        add(ManifestFinding::Kind::missing, "file " + f.name, "", f.name, "",
            Origins::find(origins_.files, key), {});
      }
    }
    for (const auto& f : got.files) {
      if (!wanted.count(text::fold_case(f.name))) {
        add(ManifestFinding::Kind::extra, "file " + f.name, "", "", f.name, {}, f.at);
      }
    }
  }

  void classes(const ManifestModel& want, const ManifestModel& got) {
    const auto have = index_classes(got);
    std::map<std::string, bool> wanted;
    for (const auto& f : want.files) {
      for (const auto& w : f.classes) {
        const std::string key = guid_key(w.clsid);
        wanted[key] = true;
        const std::string subject = "comClass " + key;
        const SourceRef from = Origins::find(origins_.classes, key);
        const auto it = have.find(key);
        if (it == have.end()) {
          add(ManifestFinding::Kind::missing, subject, "", w.clsid, "", from, {});
          continue;
        }
        const auto& [in_file, g] = it->second;
        attr(subject, "file", f.name, in_file, true, from, g->at);
        attr(subject, "threadingModel", w.threading_model, g->threading_model, false, from, g->at);
        attr(subject, "progid", w.progid, g->progid, true, from, g->at);
        attr(subject, "tlbid", guid_or_empty(w.tlbid), guid_or_empty(g->tlbid), false, from, g->at);
        attr(subject, "miscStatus", w.misc_status, g->misc_status, false, from, g->at);
        attr(subject, "<progid>", join(w.progids), join(g->progids), true, from, g->at);
      }
    }
    for (const auto& [key, located] : have) {
      if (!wanted.count(key)) {
        add(ManifestFinding::Kind::extra, "comClass " + key, "", "", located.second->clsid, {},
            located.second->at);
      }
    }
  }

  void typelibs(const ManifestModel& want, const ManifestModel& got) {
    std::map<std::string, std::pair<std::string, const ManifestTypelib*>> have;
    for (const auto& f : got.files) {
      for (const auto& t : f.typelibs) have.emplace(guid_key(t.tlbid), std::pair{f.name, &t});
    }
    std::map<std::string, bool> wanted;
    for (const auto& f : want.files) {
      for (const auto& w : f.typelibs) {
        const std::string key = guid_key(w.tlbid);
        wanted[key] = true;
        const std::string subject = "typelib " + key;
        const SourceRef from = Origins::find(origins_.typelibs, key);
        const auto it = have.find(key);
        if (it == have.end()) {
          add(ManifestFinding::Kind::missing, subject, "", w.tlbid, "", from, {});
          continue;
        }
        const auto& [in_file, g] = it->second;
        attr(subject, "file", f.name, in_file, true, from, g->at);
        attr(subject, "version", w.version, g->version, false, from, g->at);
        attr(subject, "helpdir", w.helpdir, g->helpdir, true, from, g->at);
        attr(subject, "flags", flag_set(w.flags), flag_set(g->flags), false, from, g->at);
      }
    }
    for (const auto& [key, located] : have) {
      if (!wanted.count(key)) {
        add(ManifestFinding::Kind::extra, "typelib " + key, "", "", located.second->tlbid, {},
            located.second->at);
      }
    }
  }

  // No description member plans a .NET or Windows Runtime class (ManifestClrClass), so each one
  // a manifest has is more than the description says.
  void unplanned_classes(const ManifestModel& got) {
    for (const auto& c : got.clr_classes) {
      add(ManifestFinding::Kind::extra, "clrClass " + guid_key(c.clsid), "", "", c.name, {}, c.at);
    }
    for (const auto& f : got.files) {
      for (const auto& a : f.activatable_classes) {
        add(ManifestFinding::Kind::extra, "activatableClass " + a.name, "", "", a.name, {}, a.at);
      }
    }
  }

  void proxy_stubs(const ManifestModel& want, const ManifestModel& got) {
    const auto have = index_proxies(got);
    std::map<std::string, bool> wanted;
    for (const auto& [key, w] : index_proxies(want)) {
      wanted[key] = true;
      const std::string subject = "interface " + key;
      const SourceRef from = Origins::find(origins_.interfaces, key);
      const auto it = have.find(key);
      if (it == have.end()) {
        add(ManifestFinding::Kind::missing, subject, "", element_of(w.first), "", from, {});
        continue;
      }
      const auto& [g_where, g] = it->second;
      attr(subject, "element", element_of(w.first), element_of(g_where), true, from, g->at);
      attr(subject, "name", w.second->name, g->name, false, from, g->at);
      attr(subject, "tlbid", guid_or_empty(w.second->tlbid), guid_or_empty(g->tlbid), false, from,
           g->at);
      attr(subject, "baseInterface", guid_or_empty(w.second->base_interface),
           guid_or_empty(g->base_interface), false, from, g->at);
      attr(subject, "numMethods", w.second->num_methods, g->num_methods, false, from, g->at);
      attr(subject, "proxyStubClsid32", guid_or_empty(w.second->proxy_stub_clsid32),
           guid_or_empty(g->proxy_stub_clsid32), false, from, g->at);
    }
    for (const auto& [key, located] : have) {
      if (!wanted.count(key)) {
        add(ManifestFinding::Kind::extra, "interface " + key, "", "", element_of(located.first), {},
            located.second->at);
      }
    }
  }

 private:
  using ProxyIndex = std::map<std::string, std::pair<std::string, const ManifestProxyStub*>>;

  static std::string guid_or_empty(const std::string& v) { return v.empty() ? v : guid_key(v); }
  // A comma list of flags in a canonical order: the loader reads the list, not its order.
  static std::string flag_set(const std::string& v) {
    std::vector<std::string> flags;
    for (std::size_t start = 0; start <= v.size();) {
      const std::size_t comma = std::min(v.find(',', start), v.size());
      flags.push_back(v.substr(start, comma - start));
      start = comma + 1;
    }
    std::sort(flags.begin(), flags.end());
    return join(flags);
  }
  static std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
  }
  // "" = assembly level (external), else the file's name.
  static std::string element_of(const std::string& where) {
    return where.empty() ? "comInterfaceExternalProxyStub"
                         : "comInterfaceProxyStub in file " + where;
  }
  static std::map<std::string, std::pair<std::string, const ManifestComClass*>> index_classes(
      const ManifestModel& m) {
    std::map<std::string, std::pair<std::string, const ManifestComClass*>> out;
    for (const auto& f : m.files) {
      for (const auto& c : f.classes) out.emplace(guid_key(c.clsid), std::pair{f.name, &c});
    }
    return out;
  }
  static ProxyIndex index_proxies(const ManifestModel& m) {
    ProxyIndex out;
    for (const auto& f : m.files) {
      for (const auto& p : f.proxy_stubs) out.emplace(guid_key(p.iid), std::pair{f.name, &p});
    }
    for (const auto& p : m.external_proxy_stubs) {
      out.emplace(guid_key(p.iid), std::pair{std::string(), &p});
    }
    return out;
  }

  void attr(const std::string& subject, const char* name, const std::string& want,
            const std::string& got, bool ignore_case, const SourceRef& from,
            const ManifestRef& at) {
    if (ignore_case ? text::iequals(want, got) : want == got) return;
    add(ManifestFinding::Kind::wrong, subject, name, want, got, from, at);
  }
  void add(ManifestFinding::Kind kind, std::string subject, std::string attribute,
           std::string expected, std::string found, SourceRef from, ManifestRef at) {
    report_.findings.push_back({kind, std::move(subject), std::move(attribute), std::move(expected),
                                std::move(found), std::move(from), std::move(at)});
  }

  const Origins& origins_;
  ManifestVerifyReport& report_;
};

std::string location(const std::string& file, std::uint32_t line, std::uint32_t column,
                     const std::string& path) {
  std::string out = file;
  if (line != 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  if (!path.empty()) out += " " + path;
  return out;
}

}  // namespace

const char* to_string(ManifestFinding::Kind kind) {
  switch (kind) {
    case ManifestFinding::Kind::missing:
      return "missing";
    case ManifestFinding::Kind::wrong:
      return "wrong";
    case ManifestFinding::Kind::extra:
      return "extra";
  }
  return "";
}

ManifestVerifyReport verify_manifest(const Description& description,
                                     const ManifestModel& manifest) {
  ManifestVerifyReport report;
  report.description_file = description.file;
  report.manifest_file = manifest.file;
  const ManifestPlan expected = plan_component_manifest(description);
  for (const auto& d : expected.diagnostics) {
    if (d.severity == Severity::error) report.diagnostics.add(d);
  }
  if (!expected.manifest) return report;
  const ManifestModel& want = *expected.manifest;
  const Origins origins(description);
  Comparer compare(origins, report);
  compare.identity(want, manifest);
  compare.files(want, manifest);
  compare.classes(want, manifest);
  compare.typelibs(want, manifest);
  compare.proxy_stubs(want, manifest);
  compare.unplanned_classes(manifest);
  return report;
}

std::string format_manifest_verify_report(const ManifestVerifyReport& r, bool json) {
  if (json) {
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& f : r.findings) {
      nlohmann::ordered_json j;
      j["kind"] = to_string(f.kind);
      j["subject"] = f.subject;
      if (!f.attribute.empty()) j["attribute"] = f.attribute;
      if (f.kind != ManifestFinding::Kind::extra) j["expected"] = f.expected;
      if (f.kind != ManifestFinding::Kind::missing) j["found"] = f.found;
      j["description"] = {{"pointer", f.description_at.pointer},
                          {"line", f.description_at.line},
                          {"column", f.description_at.column}};
      j["manifest"] = {{"path", f.manifest_at.path},
                       {"line", f.manifest_at.line},
                       {"column", f.manifest_at.column}};
      findings.push_back(std::move(j));
    }
    nlohmann::ordered_json doc;
    doc["ok"] = r.ok();
    doc["description"] = r.description_file;
    doc["manifest"] = r.manifest_file;
    doc["findings"] = std::move(findings);
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
  std::string out;
  for (const auto& f : r.findings) {
    out += std::string(to_string(f.kind)) + " " + f.subject;
    if (!f.attribute.empty()) out += " " + f.attribute;
    switch (f.kind) {
      case ManifestFinding::Kind::missing:
        out += ": expected '" + f.expected + "'";
        break;
      case ManifestFinding::Kind::wrong:
        out += ": expected '" + f.expected + "', found '" + f.found + "'";
        break;
      case ManifestFinding::Kind::extra:
        out += ": '" + f.found + "' is not in the description";
        break;
    }
    out += "\n";
    if (f.manifest_at.line != 0) {
      out +=
          "  in " +
          location(r.manifest_file, f.manifest_at.line, f.manifest_at.column, f.manifest_at.path) +
          "\n";
    }
    if (!f.description_at.pointer.empty() || f.description_at.line != 0) {
      out += "  from " +
             location(r.description_file, f.description_at.line, f.description_at.column,
                      f.description_at.pointer) +
             "\n";
    }
  }
  out += r.manifest_file + ": " +
         (r.findings.empty() ? std::string("matches ") + r.description_file
                             : std::to_string(r.findings.size()) +
                                   (r.findings.size() == 1 ? " difference" : " differences") +
                                   " from " + r.description_file) +
         "\n";
  return out;
}

}  // namespace comreg
