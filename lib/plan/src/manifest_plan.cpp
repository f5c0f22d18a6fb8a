// plan_component_manifest: Description -> ManifestModel (Microsoft's "Assembly Manifests"
// schema), with the exact-case attribute values Wine's actctx parser and Windows require. The
// writer serializes this model and verify_manifest compares against it, so what a manifest of a
// description contains is decided here only.
#include "comreg/plan/manifest_plan.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

// olemisc_names is used by nothing but the manifest; it belongs with this stage.
#include "core/ascii.hpp"
#include "plan/olemisc.hpp"

namespace comreg {
namespace {

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

ManifestComClass com_class(const ComClass& c) {
  ManifestComClass cls;
  cls.clsid = c.clsid;
  if (c.threading != Threading::none) cls.threading_model = to_string(c.threading);
  cls.progid = c.progid;
  cls.tlbid = c.typelib;
  cls.description = c.name;
  if (c.misc_status) {
    if (c.misc_status->value && *c.misc_status->value != 0) {
      cls.misc_status = olemisc_names(*c.misc_status->value);
    }
    for (const auto& [aspect, flags] : c.misc_status->aspects) {
      switch (aspect) {
        case 1:
          cls.misc_status_content = olemisc_names(flags);
          break;
        case 2:
          cls.misc_status_thumbnail = olemisc_names(flags);
          break;
        case 4:
          cls.misc_status_icon = olemisc_names(flags);
          break;
        case 8:
          cls.misc_status_docprint = olemisc_names(flags);
          break;
        default:
          break;  // no manifest attribute for other aspects
      }
    }
  }
  if (!c.version_independent_progid.empty()) cls.progids.push_back(c.version_independent_progid);
  return cls;
}

ManifestModel assembly_model() {
  ManifestModel m;
  m.manifest_version = "1.0";
  return m;
}

}  // namespace

ManifestIdentity manifest_identity(const Assembly& a) {
  ManifestIdentity id;
  id.type = "win32";
  id.name = a.name;
  id.version = a.version;
  id.processor_architecture = to_string(a.arch);
  id.public_key_token = a.public_key_token;
  id.language = a.language;
  return id;
}

ManifestPlan plan_component_manifest(const Description& d) {
  ManifestPlan result;
  ManifestModel m = assembly_model();
  m.identity = manifest_identity(d.assembly);
  // Files by lower-cased name -> index in m.files (indexes stay valid while the vector grows;
  // references would not).
  std::unordered_map<std::string, std::size_t> file_index;
  auto file_for = [&m, &file_index](const std::string& name) -> ManifestFile& {
    const auto [it, added] = file_index.emplace(text::fold_case(name), m.files.size());
    if (added) m.files.push_back(ManifestFile{name, {}, {}, {}, {}, {}});
    return m.files[it->second];
  };

  std::size_t classes = 0;
  std::unordered_map<std::string, std::string> class_files;     // CLSID -> file name
  std::unordered_map<std::string, const Server*> server_paths;  // folded file name -> server
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
    // A manifest names files without folders: two servers of one name in different folders
    // would become one <file>, and one of them would never be loaded.
    const auto [first, added] = server_paths.emplace(text::fold_case(name), &s);
    if (!added && !text::iequals(first->second->path, s.path)) {
      result.diagnostics.error(
          "manifest-file-name-clash",
          "servers " + first->second->at.pointer + " ('" + first->second->path + "') and " +
              s.at.pointer + " ('" + s.path + "') are both named '" + name +
              "' in different folders; a manifest names its files without folders",
          where(d, s.at),
          "rename one of the files, or describe the servers in two assemblies (two "
          "descriptions), each with its own manifest");
      continue;
    }
    ManifestFile& file = file_for(name);
    for (const auto& c : s.classes) {
      ++classes;
      file.classes.push_back(com_class(c));
      class_files.emplace(c.clsid, name);
      if (!c.values.empty() || !c.subkeys.empty()) {
        result.diagnostics.warning(
            "class-data-not-in-manifest",
            "class " + c.clsid + (c.name.empty() ? "" : " (" + c.name + ")") +
                " has values or subkeys of its own (values, subkeys), which a manifest cannot "
                "carry: the class activates without them, but code that reads them from the "
                "registry does not find them",
            where(d, c.at),
            "register the class with `comreg reg` (or an installer) if its code or its clients "
            "read them");
      }
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
    ManifestTypelib lib;
    lib.tlbid = t.libid;
    lib.version = std::to_string(t.major) + "." + std::to_string(t.minor);
    // helpdir is relative to the assembly's folder; an install-time absolute path means nothing
    // there, so only a relative one is kept.
    const std::string helpdir = t.helpdir.value_or("");
    const bool relative = helpdir.find(':') == std::string::npos &&
                          helpdir.find("${") == std::string::npos && helpdir.rfind('\\', 0) != 0 &&
                          helpdir.rfind('%', 0) != 0;
    if (relative) lib.helpdir = helpdir;
    if (t.flags.value_or(0) != 0) lib.flags = typelib_flags(*t.flags);
    file_for(file_name(path)).typelibs.push_back(std::move(lib));
  }

  for (const auto& i : d.interfaces) {
    ManifestProxyStub proxy;
    proxy.iid = i.iid;
    proxy.name = i.name;
    proxy.tlbid = i.typelib;
    proxy.base_interface = i.base_interface;
    if (i.num_methods) proxy.num_methods = std::to_string(*i.num_methods);
    proxy.proxy_stub_clsid32 = i.proxy_stub;
    const auto proxy_class = class_files.find(i.proxy_stub);
    if (proxy_class == class_files.end()) {
      m.external_proxy_stubs.push_back(std::move(proxy));
    } else {
      file_for(proxy_class->second).proxy_stubs.push_back(std::move(proxy));
    }
  }
  if (!result.diagnostics.has_errors()) result.manifest = std::move(m);
  return result;
}

ManifestPlan plan_application_manifest(const Description& d, std::string_view exe_name) {
  ManifestPlan result;
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
  ManifestModel m = assembly_model();
  ManifestIdentity id;
  id.type = "win32";
  id.name = std::move(name);
  id.version = "1.0.0.0";
  id.processor_architecture = to_string(d.assembly.arch);
  m.identity = std::move(id);
  m.dependencies.push_back(manifest_identity(d.assembly));
  result.manifest = std::move(m);
  return result;
}

}  // namespace comreg
