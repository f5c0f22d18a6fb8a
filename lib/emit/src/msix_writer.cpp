// MsixWriter: a description as packaged COM (AppxManifest.xml extensions).
//
// Out-of-process servers are com:ExeServer, DLLs in the system surrogate com:SurrogateServer,
// in-process servers com4:InProcessServer (a newer namespace, Windows 10 build 20348 and later),
// all under Application/Extensions; interfaces, proxy/stubs and type libraries are
// com:ComInterface under Package/Extensions (they are not tied to one application). What the
// schema has no place for is a warning, never silently lost. The element and attribute names and
// their value rules are those of Microsoft's schema pages, tabled with their URLs in
// docs/installers.md and checked by tests/unit/msix_writer_test.cpp.
//
// The document is printed here rather than through xml_tree.hpp's platform writers: it needs
// prefixed names and comments, and the same bytes on every platform.
#include "comreg/emit/msix_writer.hpp"

#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "emit/xml_tree.hpp"

namespace comreg {
namespace {

constexpr const char* ns_foundation =
    "http://schemas.microsoft.com/appx/manifest/foundation/windows10";
constexpr const char* ns_com = "http://schemas.microsoft.com/appx/manifest/com/windows10";
constexpr const char* ns_com4 = "http://schemas.microsoft.com/appx/manifest/com/windows10/4";
// CLSID_PSOAInterface: oleaut32's type-library marshaler, "UseUniversalMarshaler" in the schema.
constexpr std::string_view universal_marshaler = "{00020424-0000-0000-C000-000000000046}";
constexpr std::string_view package_root = "${installdir}";

// An element, or a comment when `name` is empty.
struct Node {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;  // in output order
  std::string comment;
  std::vector<Node> children;

  Node& attr(std::string key, std::string value) {
    attributes.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  Node& child(std::string child_name) {
    children.push_back(Node{std::move(child_name), {}, {}, {}});
    return children.back();
  }
  void note(std::string text) { children.push_back(Node{{}, {}, std::move(text), {}}); }
};

void print(const Node& n, int depth, std::string& out) {
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  if (n.name.empty()) {
    out += "<!-- " + n.comment + " -->\n";
    return;
  }
  out += "<" + n.name;
  for (const auto& [key, value] : n.attributes) {
    out += " " + key + "=\"";
    xml::append_attribute_value(out, value, xml::Apostrophe::as_is);
    out += '"';
  }
  if (n.children.empty()) {
    out += "/>\n";
    return;
  }
  out += ">\n";
  for (const auto& c : n.children) print(c, depth + 1, out);
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  out += "</" + n.name + ">\n";
}

// "{0F5D…}" -> "0F5D…": the schema's GUID form has no braces.
std::string bare(std::string_view guid) {
  if (guid.size() >= 2 && guid.front() == '{' && guid.back() == '}')
    guid = guid.substr(1, guid.size() - 2);
  return std::string(guid);
}

std::string hex(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%x", v);
  return buf;
}

// ThreadingModel's values. No value in the registry means the main STA.
const char* threading_model(Threading t) {
  switch (t) {
    case Threading::apartment:
      return "STA";
    case Threading::free:
      return "MTA";
    case Threading::both:
      return "Both";
    case Threading::neutral:
      return "Neutral";
    case Threading::none:
      break;
  }
  return "MainSTA";
}

std::string file_name(std::string_view path) {
  const std::size_t slash = path.find_last_of("\\/");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string class_label(const ComClass& c) {
  return "class " + c.clsid + (c.name.empty() ? "" : " (" + c.name + ")");
}

class MsixWriter {
 public:
  explicit MsixWriter(const Description& d) : d_(d) {}

  MsixResult run() {
    collect_proxy_stubs();
    Node com_server{"com:ComServer", {}, {}, {}};
    Node com4_server{"com4:ComServer", {}, {}, {}};
    for (const auto& s : d_.servers) server(s, com_server, com4_server);
    for (auto& s : surrogates_) com_server.children.push_back(std::move(s));
    for (auto& p : progids_) com_server.children.push_back(std::move(p));
    for (auto& t : treat_as_) com_server.children.push_back(std::move(t));

    Node com_interface{"com:ComInterface", {}, {}, {}};
    for (auto& p : proxy_stubs_) com_interface.children.push_back(std::move(p));
    for (const auto& i : d_.interfaces) interface(i, com_interface);
    typelibs(com_interface);
    for (const auto& c : d_.categories) {
      warn(c.at, "component category " + c.catid +
                     " is not written: packaged COM registers no "
                     "Component Categories keys");
    }

    const bool inproc = !com4_server.children.empty();
    // Only the namespaces used: a prefix declared for nothing is one more thing to merge.
    Node package{"Package", {{"xmlns", ns_foundation}}, {}, {}};
    if (!com_server.children.empty() || !com_interface.children.empty())
      package.attr("xmlns:com", ns_com);
    if (inproc) package.attr("xmlns:com4", ns_com4);
    package.note("comreg msix: packaged COM for " + d_.assembly.name +
                 ". Merge the namespace declarations into your <Package>, Application/Extensions "
                 "into the <Application> whose package holds the servers, and Package/Extensions "
                 "into <Package>. Paths are relative to the package root.");
    if (!com_server.children.empty() || inproc) {
      Node& extensions = package.child("Applications").child("Application").child("Extensions");
      if (!com_server.children.empty()) {
        Node& e = extensions.child("com:Extension");
        e.attr("Category", "windows.comServer");
        e.children.push_back(std::move(com_server));
      }
      if (inproc) {
        extensions.note(
            "In-process servers use the com4 namespace: Windows 10 build 20348 or "
            "later (Dependencies/TargetDeviceFamily MinVersion=\"10.0.20348.0\").");
        Node& e = extensions.child("com4:Extension");
        e.attr("Category", "windows.comServer");
        e.children.push_back(std::move(com4_server));
      }
    }
    if (!com_interface.children.empty()) {
      Node& e = package.child("Extensions").child("com:Extension");
      e.attr("Category", "windows.comInterface");
      e.children.push_back(std::move(com_interface));
    }
    MsixResult result;
    if (!diagnostics_.has_errors()) {
      result.xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
      print(package, 0, result.xml);
    }
    result.diagnostics = std::move(diagnostics_);
    return result;
  }

 private:
  SourceLocation where(const SourceRef& at, std::string_view member = {}) const {
    std::string pointer = at.pointer;
    if (!member.empty()) pointer += "/" + std::string(member);
    return {d_.file, at.line, at.column, pointer};
  }

  void warn(const SourceRef& at, std::string message, std::string hint = {}) {
    diagnostics_.warning("msix-not-expressible", std::move(message), where(at), std::move(hint));
  }

  void error(const SourceRef& at, std::string_view member, std::string code, std::string message,
             std::string hint = {}) {
    diagnostics_.error(std::move(code), std::move(message), where(at, member), std::move(hint));
  }

  // A localizable DisplayName: 1 to 256 characters (UTF-8 bytes that start one).
  bool display_name_fits(const SourceRef& at, std::string_view member, std::string_view name) {
    std::size_t chars = 0;
    for (char c : name) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (chars <= 256) return true;
    error(at, member, "msix-too-long",
          "'" + std::string(name.substr(0, 40)) + "…' is " + std::to_string(chars) +
              " characters; the schema's DisplayName holds at most 256");
    return false;
  }

  // "${installdir}\bin\x.dll" -> "bin\x.dll". Anything else cannot be in the package: an error.
  std::optional<std::string> package_path(std::string_view path, const SourceRef& at,
                                          std::string_view member, bool percent_allowed = true) {
    const std::string quoted = "'" + std::string(path) + "'";
    const bool below_root = path.substr(0, package_root.size()) == package_root &&
                            path.size() > package_root.size() + 1 &&
                            (path[package_root.size()] == '\\' || path[package_root.size()] == '/');
    if (!below_root) {
      error(at, member, "msix-outside-package",
            quoted + " is not below ${installdir}: packaged COM can name only files in the package",
            "write the path as ${installdir}\\FILE, FILE being the file's place in the package");
      return std::nullopt;
    }
    std::string out;
    std::string_view rest = path.substr(package_root.size() + 1);
    while (true) {
      const std::size_t sep = rest.find_first_of("\\/");
      const std::string_view part = rest.substr(0, sep);
      if (part.empty() || part == "." || part == ".." ||
          part.find("${") != std::string_view::npos) {
        error(at, member, "msix-outside-package",
              quoted +
                  " has an empty, '.', '..' or placeholder component: packaged COM names "
                  "a file in the package by its plain relative path");
        return std::nullopt;
      }
      for (char c : part) {
        if (std::string_view("<>:\"|?*").find(c) != std::string_view::npos ||
            (c == '%' && !percent_allowed)) {
          error(at, member, "msix-bad-path",
                quoted + " contains '" + std::string(1, c) + "', which the schema's Path refuses");
          return std::nullopt;
        }
      }
      out += (out.empty() ? "" : "\\") + std::string(part);
      if (sep == std::string_view::npos) break;
      rest = rest.substr(sep + 1);
    }
    if (out.size() > 256) {
      error(at, member, "msix-too-long",
            quoted + " is longer than the 256 characters of the schema's Path");
      return std::nullopt;
    }
    return out;
  }

  // Proxy/stub CLSIDs the description's own in-process servers serve: com:ProxyStub.
  void collect_proxy_stubs() {
    std::set<std::string> referenced;
    for (const auto& i : d_.interfaces) {
      if (!i.proxy_stub.empty() && i.proxy_stub != universal_marshaler)
        referenced.insert(i.proxy_stub);
    }
    for (const auto& s : d_.servers) {
      if (s.kind != ServerKind::inproc) continue;
      for (const auto& c : s.classes) {
        if (referenced.count(c.clsid) == 0 || proxy_stub_clsids_.count(c.clsid) != 0) continue;
        const auto path = package_path(s.path, s.at, "path");
        if (!path) continue;
        Node p{"com:ProxyStub", {{"Id", bare(c.clsid)}}, {}, {}};
        if (!c.name.empty() && display_name_fits(c.at, "name", c.name))
          p.attr("DisplayName", c.name);
        p.attr("Path", *path);
        proxy_stubs_.push_back(std::move(p));
        proxy_stub_clsids_.insert(c.clsid);
        if (!c.progid.empty() || !c.version_independent_progid.empty())
          warn(c.at, class_label(c) + " is written as a com:ProxyStub, which has no ProgID");
      }
    }
  }

  void server(const Server& s, Node& com_server, Node& com4_server) {
    if (s.kind != ServerKind::remote && s.arch != d_.assembly.arch) {
      warn(s.at,
           "server '" + s.path + "' is " + to_string(s.arch) + " in a " +
               to_string(d_.assembly.arch) +
               " assembly: packaged COM registers a package's classes in the package's own "
               "architecture and has no choice of the 32-bit registry view",
           "package it in a package of its own architecture");
    }
    switch (s.kind) {
      case ServerKind::local:
        exe_server(s, com_server);
        break;
      case ServerKind::surrogate:
        for (const auto& c : s.classes) surrogate_class(s, c);
        break;
      case ServerKind::inproc:
        inproc_server(s, com4_server);
        break;
      case ServerKind::handler:
        warn(s.at, "in-process handler '" + s.path +
                       "' is not written: comreg writes no "
                       "com4:InProcessHandler");
        break;
      case ServerKind::remote:
        warn(s.at,
             "remote (DCOM client) classes are not written: packaged COM has no "
             "RemoteServerName");
        break;
    }
  }

  // Attributes every com:Class / com4:Class shares, and warnings for what none of them holds.
  void class_attributes(Node& cls, const ComClass& c, bool threading_known) {
    if (!c.progid.empty()) cls.attr("ProgId", c.progid);
    if (!c.version_independent_progid.empty())
      cls.attr("VersionIndependentProgId", c.version_independent_progid);
    if (!c.auto_convert_to.empty()) cls.attr("AutoConvertTo", bare(c.auto_convert_to));
    if (c.insertable) cls.attr("InsertableObject", "true");
    std::vector<std::string> dropped;
    if (!threading_known && c.threading != Threading::none) dropped.emplace_back("threading");
    if (!c.implemented_categories.empty()) dropped.emplace_back("implementedCategories");
    if (!c.required_categories.empty()) dropped.emplace_back("requiredCategories");
    if (c.programmable) dropped.emplace_back("programmable");
    if (c.control) dropped.emplace_back("control");
    if (c.misc_status) dropped.emplace_back("miscStatus");
    if (!c.toolbox_bitmap.empty()) dropped.emplace_back("toolboxBitmap");
    if (!c.default_icon.empty()) dropped.emplace_back("defaultIcon");
    if (!c.typelib.empty()) dropped.emplace_back("typelib");
    if (!c.version.empty()) dropped.emplace_back("version");
    if (!dropped.empty()) {
      warn(c.at, class_label(c) + ": " + joined(dropped) +
                     " not written: comreg's packaged class registration has no place for them");
    }
    if (c.license) {
      warn(c.at, class_label(c) +
                     ": its licence (Licenses key, IClassFactory2) is not written: "
                     "packaged COM has no licensing registration");
    }
    if (!c.treat_as.empty()) {
      Node t{"com:TreatAsClass", {{"Id", bare(c.clsid)}}, {}, {}};
      if (!c.name.empty()) t.attr("DisplayName", c.name);
      t.attr("TreatAs", bare(c.treat_as));
      treat_as_.push_back(std::move(t));
    }
  }

  // com:ProgId for the classes of the com: extension: the ProgID names its CLSID, the
  // version-independent one names the ProgID as its current version.
  void progids(const ComClass& c) {
    if (!c.progid.empty()) {
      progids_.push_back(Node{"com:ProgId", {{"Id", c.progid}, {"Clsid", bare(c.clsid)}}, {}, {}});
    }
    if (!c.version_independent_progid.empty()) {
      Node p{"com:ProgId", {{"Id", c.version_independent_progid}}, {}, {}};
      if (c.progid.empty()) {
        p.attr("Clsid", bare(c.clsid));
      } else {
        p.attr("CurrentVersion", c.progid);
      }
      progids_.push_back(std::move(p));
    }
  }

  // What an AppID holds beyond what the server element takes, once per AppID.
  void appid_warnings(const AppId& a) {
    if (!warned_appids_.insert(a.appid).second) return;
    std::vector<std::string> dropped;
    if (!a.access_permission.empty()) dropped.emplace_back("accessPermission");
    if (!a.run_as.empty()) dropped.emplace_back("runAs");
    if (!a.local_service.empty()) dropped.emplace_back("localService");
    if (!a.service_parameters.empty()) dropped.emplace_back("serviceParameters");
    if (a.authentication_level) dropped.emplace_back("authenticationLevel");
    if (!a.remote_server_name.empty()) dropped.emplace_back("remoteServerName");
    if (a.appid_flags) dropped.emplace_back("appidFlags");
    if (a.preferred_server_bitness) dropped.emplace_back("preferredServerBitness");
    if (!a.executables.empty()) dropped.emplace_back("executables");
    if (!dropped.empty()) {
      warn(a.at, "AppID " + a.appid + ": " + joined(dropped) +
                     " not written: packaged COM has no place for them (a packaged server runs "
                     "as the user who activates it)");
    }
  }

  void exe_server(const Server& s, Node& com_server) {
    auto exe = package_path(s.path, s.at, "path");
    if (!exe) return;
    if (!ends_with(*exe, ".exe")) {
      error(s.at, "path", "msix-not-exe",
            "'" + *exe + "': the schema's Executable must end with \".exe\" (lower case)",
            "name the server file *.exe in the package");
      return;
    }
    const AppId* appid = nullptr;
    for (const auto& c : s.classes) {
      if (!c.appid.empty() && appid == nullptr) appid = d_.find_appid(c.appid);
    }
    Node server{"com:ExeServer", {{"Executable", *exe}}, {}, {}};
    std::string_view arguments = s.arguments;
    while (!arguments.empty() && (arguments.front() == ' ' || arguments.front() == '\t'))
      arguments.remove_prefix(1);
    while (!arguments.empty() && (arguments.back() == ' ' || arguments.back() == '\t'))
      arguments.remove_suffix(1);
    if (arguments.find("${") != std::string_view::npos) {
      error(s.at, "arguments", "msix-outside-package",
            "arguments '" + s.arguments +
                "' name a placeholder: packaged COM has none for the "
                "package's folder in Arguments");
    } else if (!arguments.empty()) {
      server.attr("Arguments", std::string(arguments));
    }
    std::string display = appid != nullptr && !appid->name.empty()           ? appid->name
                          : !s.classes.empty() && !s.classes[0].name.empty() ? s.classes[0].name
                                                                             : file_name(*exe);
    if (display_name_fits(s.at, "path", display)) server.attr("DisplayName", display);
    if (appid != nullptr) {
      if (!appid->launch_permission.empty())
        server.attr("LaunchAndActivationPermission", appid->launch_permission);
      appid_warnings(*appid);
    }
    for (const auto& c : s.classes) {
      if (!c.appid.empty() && appid != nullptr && c.appid != appid->appid) {
        warn(c.at, class_label(c) + " names AppID " + c.appid +
                       " but its server's ExeServer "
                       "takes the AppID of its first class, " +
                       appid->appid);
      }
      Node& cls = server.child("com:Class");
      cls.attr("Id", bare(c.clsid));
      if (!c.name.empty() && display_name_fits(c.at, "name", c.name))
        cls.attr("DisplayName", c.name);
      class_attributes(cls, c, false);
      progids(c);
    }
    com_server.children.push_back(std::move(server));
  }

  // Surrogate classes, one com:SurrogateServer per AppID in the order the AppIDs first appear.
  void surrogate_class(const Server& s, const ComClass& c) {
    const AppId* appid = c.appid.empty() ? nullptr : d_.find_appid(c.appid);
    if (appid == nullptr) {
      warn(c.at, class_label(c) + " runs in a surrogate but names no AppID: not written");
      return;
    }
    const auto path = package_path(s.path, s.at, "path");
    if (!path) return;
    auto [it, added] = surrogate_index_.emplace(appid->appid, surrogates_.size());
    if (added) {
      Node server{"com:SurrogateServer", {{"AppId", bare(appid->appid)}}, {}, {}};
      const std::string display = !appid->name.empty() ? appid->name
                                  : !c.name.empty()    ? c.name
                                                       : file_name(*path);
      if (display_name_fits(appid->at, "name", display)) server.attr("DisplayName", display);
      if (!appid->launch_permission.empty())
        server.attr("LaunchAndActivationPermission", appid->launch_permission);
      // An empty DllSurrogate is the system surrogate, the schema's default.
      if (appid->dll_surrogate && !appid->dll_surrogate->empty()) {
        const auto exe = package_path(*appid->dll_surrogate, appid->at, "dllSurrogate");
        if (exe && !ends_with(*exe, ".exe")) {
          error(appid->at, "dllSurrogate", "msix-not-exe",
                "'" + *exe + "': the schema's CustomSurrogateExecutable must end with \".exe\"");
        } else if (exe) {
          server.attr("CustomSurrogateExecutable", *exe);
        }
      }
      surrogates_.push_back(std::move(server));
      appid_warnings(*appid);
    }
    Node& cls = surrogates_[it->second].child("com:Class");
    cls.attr("Id", bare(c.clsid));
    if (!c.name.empty() && display_name_fits(c.at, "name", c.name)) cls.attr("DisplayName", c.name);
    cls.attr("Path", *path).attr("ThreadingModel", threading_model(c.threading));
    class_attributes(cls, c, true);
    progids(c);
  }

  void inproc_server(const Server& s, Node& com4_server) {
    std::vector<const ComClass*> classes;
    for (const auto& c : s.classes) {
      if (proxy_stub_clsids_.count(c.clsid) == 0) classes.push_back(&c);
    }
    if (classes.empty()) return;
    const auto path = package_path(s.path, s.at, "path");
    if (!path) return;
    if (!ends_with(lower(*path), ".dll")) {
      warn(s.at,
           "in-process server '" + *path +
               "' is not written: com4:InProcessServer's Path "
               "must end with \".dll\"",
           "ship the server as a .dll in the package");
      return;
    }
    diagnostics_.warning("msix-min-os",
                         "in-process server '" + *path +
                             "' is written as com4:InProcessServer, which needs "
                             "Windows 10 build 20348 or later: set Dependencies/TargetDeviceFamily "
                             "MinVersion=\"10.0.20348.0\"",
                         where(s.at), "the package then does not install on older Windows");
    Node server{"com4:InProcessServer", {{"Path", *path}}, {}, {}};
    for (const ComClass* c : classes) {
      Node& cls = server.child("com4:Class");
      cls.attr("Id", bare(c->clsid));
      if (!c->name.empty() && display_name_fits(c->at, "name", c->name))
        cls.attr("DisplayName", c->name);
      cls.attr("ThreadingModel", threading_model(c->threading));
      class_attributes(cls, *c, true);
    }
    com4_server.children.push_back(std::move(server));
  }

  void interface(const Interface& i, Node& com_interface) {
    Node& e = com_interface.child("com:Interface");
    e.attr("Id", bare(i.iid));
    if (i.proxy_stub == universal_marshaler) {
      e.attr("UseUniversalMarshaler", "true");
    } else if (!i.proxy_stub.empty()) {
      e.attr("ProxyStubClsid", bare(i.proxy_stub));
    }
    if (!i.typelib.empty()) {
      Node& t = e.child("com:TypeLib");
      t.attr("Id", bare(i.typelib));
      if (const TypeLib* lib = d_.find_typelib(i.typelib)) t.attr("VersionNumber", version(*lib));
    }
    std::vector<std::string> dropped;
    if (!i.name.empty()) dropped.emplace_back("name");
    if (i.num_methods) dropped.emplace_back("numMethods");
    if (!i.base_interface.empty()) dropped.emplace_back("baseInterface");
    if (!dropped.empty()) {
      warn(i.at, "interface " + i.iid + ": " + joined(dropped) +
                     " not written: com:Interface has no place for them");
    }
  }

  static std::string version(const TypeLib& t) { return hex(t.major) + "." + hex(t.minor); }

  // "${installdir}\x.dll\2" -> Path "x.dll", ResourceId "2".
  void typelib_path(Node& version_node, const char* element, const TypeLib& t,
                    const std::string& path, std::string_view member) {
    std::string file = path, resource;
    const std::size_t slash = path.find_last_of('\\');
    if (slash != std::string::npos && slash + 1 < path.size() &&
        path.find_first_not_of("0123456789", slash + 1) == std::string::npos &&
        path.compare(0, slash, std::string(package_root)) != 0) {
      file = path.substr(0, slash);
      resource = path.substr(slash + 1);
    }
    const auto mapped = package_path(file, t.at, member, false);
    if (!mapped) return;
    Node& p = version_node.child(element);
    p.attr("Path", *mapped);
    if (!resource.empty()) p.attr("ResourceId", resource);
  }

  // One com:TypeLib per LIBID, a com:Version per version the description registers.
  void typelibs(Node& com_interface) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<const TypeLib*>> versions;
    for (const auto& t : d_.typelibs) {
      if (versions[t.libid].empty()) order.push_back(t.libid);
      versions[t.libid].push_back(&t);
    }
    for (const auto& libid : order) {
      Node& lib = com_interface.child("com:TypeLib");
      lib.attr("Id", bare(libid));
      for (const TypeLib* t : versions[libid]) {
        const std::string number = version(*t);
        if (hex(t->major).size() > 3 || hex(t->minor).size() > 3) {
          error(t->at, "version", "msix-bad-version",
                "type library version " + number +
                    " (hexadecimal, as the registry key) does not "
                    "fit the schema's VersionNumber: 1 to 3 characters on each side of the dot");
          continue;
        }
        Node& v = lib.child("com:Version");
        v.attr("VersionNumber", number).attr("LocaleId", hex(t->lcid));
        v.attr("LibraryFlag", hex(t->flags.value_or(0)));
        if (!t->win32.empty()) typelib_path(v, "com:Win32Path", *t, t->win32, "win32");
        if (!t->win64.empty()) typelib_path(v, "com:Win64Path", *t, t->win64, "win64");
        std::vector<std::string> dropped;
        if (!t->name.empty()) dropped.emplace_back("name (com:Version has no DisplayName)");
        if (!t->helpdir.value_or("").empty())
          dropped.emplace_back("helpdir (com:Version's HelpDirectory is not a package path)");
        if (!dropped.empty()) {
          warn(t->at,
               "type library " + libid + " " + number + ": " + joined(dropped) + " not written");
        }
        if (t->win32.empty() != t->win64.empty()) {
          warn(t->at,
               "type library " + libid + " " + number + " has only a " +
                   (t->win32.empty() ? "win64" : "win32") +
                   " path; the schema's remarks ask for both Win32Path and Win64Path",
               "add the other path (the same file serves both when it is one type library)");
        }
      }
    }
  }

  const Description& d_;
  Diagnostics diagnostics_;
  std::set<std::string> proxy_stub_clsids_;
  std::set<std::string> warned_appids_;
  std::vector<Node> proxy_stubs_;
  std::vector<Node> surrogates_;
  std::map<std::string, std::size_t> surrogate_index_;
  std::vector<Node> progids_;
  std::vector<Node> treat_as_;
};

}  // namespace

MsixResult write_msix(const Description& description) {
  return MsixWriter(description).run();
}

}  // namespace comreg
