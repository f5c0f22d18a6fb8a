// read_manifest: the XML tree of a side-by-side manifest -> ManifestModel. Only elements of the
// asm.v1 namespace carry COM entries (and winrt.v1 activatableClass, read to be reported); others
// (asm.v3 trustInfo, compatibility, …) are skipped.
#include <map>

#include "comreg/readers/manifest_reader.hpp"
#include "readers/xml_parser.hpp"

namespace comreg {
namespace {

constexpr std::string_view asm_v1 = "urn:schemas-microsoft-com:asm.v1";
constexpr std::string_view asm_v3 = "urn:schemas-microsoft-com:asm.v3";
constexpr std::string_view winrt_v1 = "urn:schemas-microsoft-com:winrt.v1";

class ModelBuilder {
 public:
  ModelBuilder(const std::string& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  ManifestModel build(const xml::ParsedElement& root) {
    ManifestModel m;
    m.file = file_;
    m.manifest_version = value(root, "manifestVersion");
    const ManifestRef root_at = ref(root, "/assembly");
    require(root, root_at, "manifestVersion");
    std::map<std::string, int> counts;
    for (const auto& child : root.children) {
      if (child.namespace_uri != asm_v1) continue;
      const ManifestRef at = ref(child, "/assembly/" + indexed(counts, child.local));
      if (child.local == "assemblyIdentity") {
        m.identity = identity(child, at);
      } else if (child.local == "file") {
        m.files.push_back(file(child, at));
      } else if (child.local == "comInterfaceExternalProxyStub") {
        m.external_proxy_stubs.push_back(proxy_stub(child, at, /*name_required=*/false));
      } else if (child.local == "dependency") {
        dependency(child, at.path, m);
      } else if (child.local == "clrClass") {
        m.clr_classes.push_back(clr_class(child, at));
      }
    }
    return m;
  }

 private:
  static std::string indexed(std::map<std::string, int>& counts, const std::string& name) {
    return name + "[" + std::to_string(++counts[name]) + "]";
  }
  static ManifestRef ref(const xml::ParsedElement& e, std::string path) {
    return {e.at.line, e.at.column, std::move(path)};
  }
  static std::string value(const xml::ParsedElement& e, std::string_view name) {
    const auto* a = e.attribute(name);
    return a ? a->value : std::string();
  }
  static std::optional<std::string> optional_value(const xml::ParsedElement& e,
                                                   std::string_view name) {
    const auto* a = e.attribute(name);
    return a ? std::optional<std::string>(a->value) : std::nullopt;
  }
  void require(const xml::ParsedElement& e, const ManifestRef& at, const char* name) {
    if (e.attribute(name) != nullptr) return;
    diagnostics_.error(
        "manifest-missing-attribute", "<" + e.local + "> has no '" + name + "' attribute",
        {file_, at.line, at.column, at.path},
        std::string("the manifest schema requires ") + name + " on <" + e.local + ">");
  }

  ManifestIdentity identity(const xml::ParsedElement& e, const ManifestRef& at) {
    require(e, at, "name");
    require(e, at, "version");
    return {value(e, "type"),
            value(e, "name"),
            value(e, "version"),
            value(e, "processorArchitecture"),
            value(e, "publicKeyToken"),
            value(e, "language"),
            at};
  }

  void dependency(const xml::ParsedElement& e, const std::string& path, ManifestModel& m) {
    std::map<std::string, int> counts;
    for (const auto& dep : e.children) {
      if (dep.namespace_uri != asm_v1 || dep.local != "dependentAssembly") continue;
      const std::string dep_path = path + "/" + indexed(counts, dep.local);
      std::map<std::string, int> inner;
      for (const auto& id : dep.children) {
        if (id.namespace_uri != asm_v1 || id.local != "assemblyIdentity") continue;
        m.dependencies.push_back(identity(id, ref(id, dep_path + "/" + indexed(inner, id.local))));
      }
    }
  }

  ManifestFile file(const xml::ParsedElement& e, const ManifestRef& at) {
    require(e, at, "name");
    ManifestFile f;
    f.name = value(e, "name");
    f.at = at;
    std::map<std::string, int> counts;
    for (const auto& child : e.children) {
      if (child.namespace_uri == winrt_v1 && child.local == "activatableClass") {
        const ManifestRef child_at = ref(child, at.path + "/" + indexed(counts, child.local));
        require(child, child_at, "name");
        f.activatable_classes.push_back(
            {value(child, "name"), value(child, "threadingModel"), child_at});
        continue;
      }
      if (child.namespace_uri != asm_v1) continue;
      const ManifestRef child_at = ref(child, at.path + "/" + indexed(counts, child.local));
      if (child.local == "comClass") {
        f.classes.push_back(com_class(child, child_at));
      } else if (child.local == "typelib") {
        require(child, child_at, "tlbid");
        require(child, child_at, "version");
        f.typelibs.push_back({value(child, "tlbid"), value(child, "version"),
                              value(child, "helpdir"), value(child, "flags"), child_at});
      } else if (child.local == "comInterfaceProxyStub") {
        f.proxy_stubs.push_back(proxy_stub(child, child_at, /*name_required=*/true));
      }
    }
    return f;
  }

  ManifestComClass com_class(const xml::ParsedElement& e, const ManifestRef& at) {
    require(e, at, "clsid");
    ManifestComClass c;
    c.clsid = value(e, "clsid");
    c.threading_model = value(e, "threadingModel");
    c.progid = value(e, "progid");
    c.tlbid = value(e, "tlbid");
    c.description = value(e, "description");
    c.misc_status = value(e, "miscStatus");
    c.misc_status_content = optional_value(e, "miscStatusContent");
    c.misc_status_thumbnail = optional_value(e, "miscStatusThumbnail");
    c.misc_status_icon = optional_value(e, "miscStatusIcon");
    c.misc_status_docprint = optional_value(e, "miscStatusDocPrint");
    c.at = at;
    for (const auto& child : e.children) {
      if (child.namespace_uri == asm_v1 && child.local == "progid") c.progids.push_back(child.text);
    }
    return c;
  }

  ManifestClrClass clr_class(const xml::ParsedElement& e, const ManifestRef& at) {
    require(e, at, "clsid");
    require(e, at, "name");
    return {value(e, "clsid"),
            value(e, "name"),
            value(e, "progid"),
            value(e, "tlbid"),
            value(e, "threadingModel"),
            value(e, "runtimeVersion"),
            at};
  }

  ManifestProxyStub proxy_stub(const xml::ParsedElement& e, const ManifestRef& at,
                               bool name_required) {
    require(e, at, "iid");
    if (name_required) require(e, at, "name");
    return {value(e, "iid"),
            value(e, "name"),
            value(e, "tlbid"),
            value(e, "baseInterface"),
            value(e, "numMethods"),
            value(e, "proxyStubClsid32"),
            at};
  }

  const std::string& file_;
  Diagnostics& diagnostics_;
};

}  // namespace

ManifestReadResult read_manifest(std::string_view bytes, const std::string& file) {
  ManifestReadResult result;
  const xml::ParseResult parsed = xml::parse_document(bytes);
  if (parsed.error) {
    result.diagnostics.error("xml-syntax", parsed.error->message,
                             {file, parsed.error->at.line, parsed.error->at.column, {}},
                             "a manifest must be well-formed XML");
    return result;
  }
  const xml::ParsedElement& root = *parsed.root;
  if (root.local != "assembly" || (root.namespace_uri != asm_v1 && root.namespace_uri != asm_v3)) {
    result.diagnostics.error(
        "manifest-not-assembly",
        "the root element is <" + root.local + "> in namespace '" + root.namespace_uri +
            "', not <assembly> in 'urn:schemas-microsoft-com:asm.v1'",
        {file, root.at.line, root.at.column, "/" + root.local},
        "a side-by-side manifest starts <assembly xmlns=\"urn:schemas-microsoft-com:asm.v1\" "
        "manifestVersion=\"1.0\">");
    return result;
  }
  ManifestModel model = ModelBuilder(file, result.diagnostics).build(root);
  if (!result.diagnostics.has_errors()) result.manifest = std::move(model);
  return result;
}

}  // namespace comreg
