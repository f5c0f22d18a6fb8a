// ManifestWriter: Description -> side-by-side manifests (Microsoft's "Assembly Manifests"
// schema), with the exact-case attribute values Wine's actctx parser and Windows require.
#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "comreg/emit/manifest_writer.hpp"
#include "core/ascii.hpp"
#include "emit/olemisc.hpp"
#include "emit/xml_tree.hpp"

namespace comreg {
namespace {

constexpr const char* asm_v1 = "urn:schemas-microsoft-com:asm.v1";

std::string file_name(std::string_view path) {
  const std::size_t slash = path.find_last_of("\\/");
  std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
  // A type library inside a module may be named "module.dll\2" (resource index): the last
  // component is then a number and the file is the one before it.
  if (!name.empty() &&
      std::all_of(name.begin(), name.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
      slash != std::string_view::npos) {
    return file_name(path.substr(0, slash));
  }
  return name;
}

xml::Element assembly_root() {
  xml::Element root{"assembly", {}, {}, {}};
  root.attr("xmlns", asm_v1).attr("manifestVersion", "1.0");
  return root;
}

void identity(xml::Element& parent, const Assembly& a) {
  auto& id = parent.child("assemblyIdentity");
  id.attr("type", "win32").attr("name", a.name).attr("version", a.version);
  id.attr("processorArchitecture", to_string(a.arch));
  if (!a.public_key_token.empty()) id.attr("publicKeyToken", a.public_key_token);
  if (!a.language.empty()) id.attr("language", a.language);
}

SourceLocation where(const Description& d, const SourceRef& at) {
  return {d.file, at.line, at.column, at.pointer};
}

std::string typelib_flags(std::uint32_t flags) {
  std::string out;
  static constexpr std::pair<std::uint32_t, const char*> names[] = {
      {typelib_restricted, "RESTRICTED"},
      {typelib_control, "CONTROL"},
      {typelib_hidden, "HIDDEN"},
      {typelib_has_disk_image, "HASDISKIMAGE"}};
  for (const auto& [bit, name] : names) {
    if (flags & bit) out += (out.empty() ? "" : ",") + std::string(name);
  }
  return out;
}

const char* not_reg_free_reason(const Description& d, const Server& s) {
  switch (s.kind) {
    case ServerKind::local:
      return "is served by a local server (EXE); side-by-side activation covers in-process servers "
             "only";
    case ServerKind::surrogate:
      return "is hosted by a DLL surrogate, which is started from the registered AppID";
    case ServerKind::handler:
      return "is an in-process handler, which side-by-side manifests cannot describe";
    case ServerKind::remote:
      return "is activated on a remote server through DCOM, which needs its AppID registered";
    case ServerKind::inproc:
      break;
  }
  if (s.arch != d.assembly.arch)
    return "is served by a binary of another architecture than the assembly";
  return nullptr;
}

}  // namespace

ManifestResult write_component_manifest(const Description& d) {
  ManifestResult result;
  xml::Element root = assembly_root();
  identity(root, d.assembly);
  // File elements by lower-cased name -> index in root.children (indexes stay valid while
  // the vector grows; references would not).
  std::unordered_map<std::string, std::size_t> file_index;
  auto file_for = [&root, &file_index](const std::string& name) -> xml::Element& {
    const auto [it, added] = file_index.emplace(text::fold_case(name), root.children.size());
    if (added) root.child("file").attr("name", name);
    return root.children[it->second];
  };

  std::size_t classes = 0;
  std::unordered_map<std::string, std::string> class_files;  // CLSID -> file name
  for (const auto& s : d.servers) {
    if (const char* reason = not_reg_free_reason(d, s)) {
      for (const auto& c : s.classes) {
        result.diagnostics.warning(
            "not-registration-free",
            "class " + c.clsid + (c.name.empty() ? "" : " (" + c.name + ")") + " " + reason +
                "; it is left out of the manifest",
            where(d, c.at), "register it with `comreg reg` (or an installer) instead");
      }
      continue;
    }
    const std::string name = file_name(s.path);
    if (name.find("${") != std::string::npos) {
      result.diagnostics.error("unresolved-file-name",
                               "the file name of '" + s.path + "' is a placeholder", where(d, s.at),
                               "pass --define for it, or write the file name literally");
      continue;
    }
    xml::Element& file = file_for(name);
    for (const auto& c : s.classes) {
      ++classes;
      auto& cls = file.child("comClass");
      cls.attr("clsid", c.clsid);
      if (c.threading != Threading::none) cls.attr("threadingModel", to_string(c.threading));
      if (!c.progid.empty()) cls.attr("progid", c.progid);
      if (!c.typelib.empty()) cls.attr("tlbid", c.typelib);
      if (!c.name.empty()) cls.attr("description", c.name);
      if (c.misc_status) {
        if (c.misc_status->value && *c.misc_status->value != 0) {
          cls.attr("miscStatus", olemisc_names(*c.misc_status->value));
        }
        static constexpr std::pair<std::uint32_t, const char*> aspects[] = {
            {1, "miscStatusContent"},
            {2, "miscStatusThumbnail"},
            {4, "miscStatusIcon"},
            {8, "miscStatusDocPrint"}};
        for (const auto& [aspect, flags] : c.misc_status->aspects) {
          for (const auto& [a, attribute] : aspects) {
            if (a == aspect) cls.attr(attribute, olemisc_names(flags));
          }
        }
      }
      if (!c.version_independent_progid.empty())
        cls.child("progid").text = c.version_independent_progid;
      class_files.emplace(c.clsid, name);
    }
  }
  if (classes == 0) {
    result.diagnostics.error("no-registration-free-classes",
                             "no class of this description can be activated registration-free",
                             {d.file, 0, 0, "/servers"},
                             "registration-free COM needs at least one inproc server of the "
                             "assembly's architecture");
    return result;
  }

  const bool wide = d.assembly.arch != Arch::x86;
  for (const auto& t : d.typelibs) {
    const std::string& path =
        wide ? (t.win64.empty() ? t.win32 : t.win64) : (t.win32.empty() ? t.win64 : t.win32);
    auto& lib = file_for(file_name(path)).child("typelib");
    lib.attr("tlbid", t.libid);
    lib.attr("version", std::to_string(t.major) + "." + std::to_string(t.minor));
    // helpdir is relative to the assembly's folder; an install-time absolute path means nothing
    // there, so only a relative one is kept.
    const bool relative = t.helpdir.find(':') == std::string::npos &&
                          t.helpdir.find("${") == std::string::npos &&
                          t.helpdir.rfind('\\', 0) != 0 && t.helpdir.rfind('%', 0) != 0;
    lib.attr("helpdir", relative ? t.helpdir : "");
    if (t.flags != 0) lib.attr("flags", typelib_flags(t.flags));
  }

  for (const auto& i : d.interfaces) {
    const auto proxy_class = class_files.find(i.proxy_stub);
    const std::string in_file =
        proxy_class == class_files.end() ? std::string() : proxy_class->second;
    xml::Element& proxy = in_file.empty() ? root.child("comInterfaceExternalProxyStub")
                                          : file_for(in_file).child("comInterfaceProxyStub");
    proxy.attr("iid", i.iid).attr("name", i.name);
    if (!i.typelib.empty()) proxy.attr("tlbid", i.typelib);
    if (!i.base_interface.empty()) proxy.attr("baseInterface", i.base_interface);
    if (i.num_methods) proxy.attr("numMethods", std::to_string(*i.num_methods));
    if (!i.proxy_stub.empty()) proxy.attr("proxyStubClsid32", i.proxy_stub);
  }
  // Keep files before assembly-level proxy entries, the order mt.exe writes.
  std::stable_partition(root.children.begin(), root.children.end(), [](const xml::Element& e) {
    return e.name != "comInterfaceExternalProxyStub";
  });
  result.xml = xml::write_document(root);
  return result;
}

namespace {

xml::Element dependency(const Description& d) {
  xml::Element dep{"dependency", {}, {}, {}};
  identity(dep.child("dependentAssembly"), d.assembly);
  return dep;
}

}  // namespace

ManifestResult write_application_manifest(const Description& d, std::string_view exe_name) {
  ManifestResult result;
  std::string name(exe_name);
  if (name.size() >= 4 && text::iequals(name.substr(name.size() - 4), ".exe"))
    name.resize(name.size() - 4);
  for (auto& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  }
  if (name.empty()) {
    result.diagnostics.error("bad-application-name", "the application name is empty", {},
                             "pass the executable's file name, e.g. --application client.exe");
    return result;
  }
  xml::Element root = assembly_root();
  auto& id = root.child("assemblyIdentity");
  id.attr("type", "win32").attr("name", name).attr("version", "1.0.0.0");
  id.attr("processorArchitecture", to_string(d.assembly.arch));
  root.children.push_back(dependency(d));
  result.xml = xml::write_document(root);
  return result;
}

ManifestResult write_dependency_fragment(const Description& d) {
  ManifestResult result;
  std::string xml = xml::write_document(dependency(d));
  // A fragment is pasted into another manifest: no XML declaration of its own.
  const std::size_t decl_end = xml.find("?>\n");
  if (decl_end != std::string::npos) xml.erase(0, decl_end + 3);
  result.xml = std::move(xml);
  return result;
}

}  // namespace comreg
