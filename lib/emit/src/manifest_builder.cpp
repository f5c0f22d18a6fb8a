// ManifestWriter: ManifestModel -> the XML element tree of a side-by-side manifest, serialized
// by the platform's XML writer. What a description's manifest contains is decided by
// plan_component_manifest (manifest_plan.hpp); this file only spells the model as elements.
#include "comreg/emit/manifest_writer.hpp"

#include <algorithm>

#include "comreg/plan/manifest_plan.hpp"
#include "emit/xml_tree.hpp"

namespace comreg {
namespace {

using manifest_namespace::asm_v1;

void identity(xml::Element& parent, const ManifestIdentity& i) {
  auto& id = parent.child("assemblyIdentity");
  id.attr("type", i.type).attr("name", i.name).attr("version", i.version);
  id.attr("processorArchitecture", i.processor_architecture);
  if (!i.public_key_token.empty()) id.attr("publicKeyToken", i.public_key_token);
  if (!i.language.empty()) id.attr("language", i.language);
}

xml::Element dependency(const ManifestIdentity& i) {
  xml::Element dep{"dependency", {}, {}, {}};
  identity(dep.child("dependentAssembly"), i);
  return dep;
}

void com_class(xml::Element& file, const ManifestComClass& c) {
  auto& cls = file.child("comClass");
  cls.attr("clsid", c.clsid);
  if (!c.threading_model.empty()) cls.attr("threadingModel", c.threading_model);
  if (!c.progid.empty()) cls.attr("progid", c.progid);
  if (!c.tlbid.empty()) cls.attr("tlbid", c.tlbid);
  if (!c.description.empty()) cls.attr("description", c.description);
  if (!c.misc_status.empty()) cls.attr("miscStatus", c.misc_status);
  if (c.misc_status_content) cls.attr("miscStatusContent", *c.misc_status_content);
  if (c.misc_status_thumbnail) cls.attr("miscStatusThumbnail", *c.misc_status_thumbnail);
  if (c.misc_status_icon) cls.attr("miscStatusIcon", *c.misc_status_icon);
  if (c.misc_status_docprint) cls.attr("miscStatusDocPrint", *c.misc_status_docprint);
  for (const auto& progid : c.progids) cls.child("progid").text = progid;
}

void proxy_stub(xml::Element& proxy, const ManifestProxyStub& p) {
  proxy.attr("iid", p.iid).attr("name", p.name);
  if (!p.tlbid.empty()) proxy.attr("tlbid", p.tlbid);
  if (!p.base_interface.empty()) proxy.attr("baseInterface", p.base_interface);
  if (!p.num_methods.empty()) proxy.attr("numMethods", p.num_methods);
  if (!p.proxy_stub_clsid32.empty()) proxy.attr("proxyStubClsid32", p.proxy_stub_clsid32);
}

xml::Element assembly(const ManifestModel& m) {
  xml::Element root{"assembly", {}, {}, {}};
  root.attr("xmlns", asm_v1).attr("manifestVersion", m.manifest_version);
  if (m.identity) identity(root, *m.identity);
  for (const auto& f : m.files) {
    auto& file = root.child("file");
    file.attr("name", f.name);
    for (const auto& c : f.classes) com_class(file, c);
    for (const auto& t : f.typelibs) {
      auto& lib = file.child("typelib");
      lib.attr("tlbid", t.tlbid).attr("version", t.version).attr("helpdir", t.helpdir);
      if (!t.flags.empty()) lib.attr("flags", t.flags);
    }
    for (const auto& p : f.proxy_stubs) proxy_stub(file.child("comInterfaceProxyStub"), p);
  }
  for (const auto& p : m.external_proxy_stubs) {
    proxy_stub(root.child("comInterfaceExternalProxyStub"), p);
  }
  for (const auto& d : m.dependencies) root.children.push_back(dependency(d));
  return root;
}

void trust_info(xml::Element& root, const std::string& level) {
  auto& trust = root.child("trustInfo");
  trust.attr("xmlns", manifest_namespace::asm_v3);
  trust.child("security")
      .child("requestedPrivileges")
      .child("requestedExecutionLevel")
      .attr("level", level)
      .attr("uiAccess", "false");
}

void compatibility(xml::Element& root, const std::vector<const SupportedOs*>& systems) {
  auto& compat = root.child("compatibility");
  compat.attr("xmlns", manifest_namespace::compatibility_v1);
  auto& app = compat.child("application");
  for (const auto* os : systems) app.child("supportedOS").attr("Id", os->id);
}

void windows_settings(xml::Element& root, const ApplicationSettings& s) {
  auto& settings =
      root.child("application").attr("xmlns", manifest_namespace::asm_v3).child("windowsSettings");
  if (const auto dpi = dpi_values(s.dpi_awareness)) {
    auto& aware = settings.child("dpiAware");
    aware.attr("xmlns", manifest_namespace::windows_settings_2005).text = dpi->dpi_aware;
    auto& awareness = settings.child("dpiAwareness");
    awareness.attr("xmlns", manifest_namespace::windows_settings_2016).text = dpi->dpi_awareness;
  }
  if (s.long_path_aware) {
    auto& long_paths = settings.child("longPathAware");
    long_paths.attr("xmlns", manifest_namespace::windows_settings_2016).text = "true";
  }
}

// The settings' elements after the model's (check_application_settings has accepted them).
void add_settings(xml::Element& root, const ApplicationSettings& s) {
  std::vector<const SupportedOs*> systems;
  for (const auto& name : s.supported_os) {
    const SupportedOs* os = find_supported_os(name);
    if (os != nullptr && std::find(systems.begin(), systems.end(), os) == systems.end()) {
      systems.push_back(os);
    }
  }
  if (!s.execution_level.empty()) trust_info(root, s.execution_level);
  if (!systems.empty()) compatibility(root, systems);
  if (!s.dpi_awareness.empty() || s.long_path_aware) windows_settings(root, s);
}

ManifestResult written(ManifestPlan plan) {
  ManifestResult result;
  result.diagnostics = std::move(plan.diagnostics);
  if (plan.manifest) result.xml = write_manifest(*plan.manifest);
  return result;
}

}  // namespace

std::string write_manifest(const ManifestModel& manifest) {
  return xml::write_document(assembly(manifest));
}

ManifestResult write_component_manifest(const Description& d) {
  return written(plan_component_manifest(d));
}

ManifestResult write_application_manifest(const Description& d, std::string_view exe_name,
                                          const ApplicationSettings& settings) {
  ManifestPlan plan = plan_application_manifest(d, exe_name);
  ManifestResult result;
  result.diagnostics = std::move(plan.diagnostics);
  if (!plan.manifest) return result;
  result.diagnostics.append(check_application_settings(settings));
  if (result.diagnostics.has_errors()) return result;
  if (settings.common_controls) plan.manifest->dependencies.push_back(common_controls_identity());
  xml::Element root = assembly(*plan.manifest);
  add_settings(root, settings);
  result.xml = xml::write_document(root);
  return result;
}

ManifestResult write_dependency_fragment(const Description& d) {
  ManifestResult result;
  std::string xml = xml::write_document(dependency(manifest_identity(d.assembly)));
  // A fragment is pasted into another manifest: no XML declaration of its own.
  const std::size_t decl_end = xml.find("?>\n");
  if (decl_end != std::string::npos) xml.erase(0, decl_end + 3);
  result.xml = std::move(xml);
  return result;
}

}  // namespace comreg
