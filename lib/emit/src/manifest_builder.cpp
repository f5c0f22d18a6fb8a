// ManifestWriter: ManifestModel -> the XML of a side-by-side manifest, written element by
// element by the platform's XML writer. What a description's manifest contains is decided by
// plan_component_manifest (manifest_plan.hpp); this file only spells the model as elements.
#include "comreg/emit/manifest_writer.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "comreg/plan/manifest_plan.hpp"
#include "emit/xml_tree.hpp"

namespace comreg {
namespace {

using manifest_namespace::asm_v1;

// The manifest is written as it goes, element by element: no tree of the whole document.
void identity(xml::DocumentWriter& out, const ManifestIdentity& i) {
  out.start("assemblyIdentity");
  out.attr("type", i.type);
  out.attr("name", i.name);
  out.attr("version", i.version);
  out.attr("processorArchitecture", i.processor_architecture);
  if (!i.public_key_token.empty()) out.attr("publicKeyToken", i.public_key_token);
  if (!i.language.empty()) out.attr("language", i.language);
  out.end();
}

void dependency(xml::DocumentWriter& out, const ManifestIdentity& i) {
  out.start("dependency");
  out.start("dependentAssembly");
  identity(out, i);
  out.end();
  out.end();
}

void attr_if(xml::DocumentWriter& out, const char* name, const std::optional<std::string>& v) {
  if (v) out.attr(name, *v);
}

void com_class(xml::DocumentWriter& out, const ManifestComClass& c) {
  out.start("comClass");
  out.attr("clsid", c.clsid);
  if (!c.threading_model.empty()) out.attr("threadingModel", c.threading_model);
  if (!c.progid.empty()) out.attr("progid", c.progid);
  if (!c.tlbid.empty()) out.attr("tlbid", c.tlbid);
  if (!c.description.empty()) out.attr("description", c.description);
  if (!c.misc_status.empty()) out.attr("miscStatus", c.misc_status);
  attr_if(out, "miscStatusContent", c.misc_status_content);
  attr_if(out, "miscStatusThumbnail", c.misc_status_thumbnail);
  attr_if(out, "miscStatusIcon", c.misc_status_icon);
  attr_if(out, "miscStatusDocPrint", c.misc_status_docprint);
  for (const auto& progid : c.progids) {
    out.start("progid");
    out.text(progid);
    out.end();
  }
  out.end();
}

void proxy_stub(xml::DocumentWriter& out, const char* element, const ManifestProxyStub& p) {
  out.start(element);
  out.attr("iid", p.iid);
  out.attr("name", p.name);
  if (!p.tlbid.empty()) out.attr("tlbid", p.tlbid);
  if (!p.base_interface.empty()) out.attr("baseInterface", p.base_interface);
  if (!p.num_methods.empty()) out.attr("numMethods", p.num_methods);
  if (!p.proxy_stub_clsid32.empty()) out.attr("proxyStubClsid32", p.proxy_stub_clsid32);
  out.end();
}

void add_settings(xml::DocumentWriter& out, const ApplicationSettings& s);

// `settings`: an application manifest's own elements, after the model's.
void assembly(xml::DocumentWriter& out, const ManifestModel& m,
              const ApplicationSettings* settings = nullptr) {
  out.start("assembly");
  out.attr("xmlns", asm_v1);
  out.attr("manifestVersion", m.manifest_version);
  if (m.identity) identity(out, *m.identity);
  for (const auto& f : m.files) {
    out.start("file");
    out.attr("name", f.name);
    for (const auto& c : f.classes) com_class(out, c);
    for (const auto& t : f.typelibs) {
      out.start("typelib");
      out.attr("tlbid", t.tlbid);
      out.attr("version", t.version);
      out.attr("helpdir", t.helpdir);
      if (!t.flags.empty()) out.attr("flags", t.flags);
      out.end();
    }
    for (const auto& p : f.proxy_stubs) proxy_stub(out, "comInterfaceProxyStub", p);
    out.end();
  }
  for (const auto& p : m.external_proxy_stubs) {
    proxy_stub(out, "comInterfaceExternalProxyStub", p);
  }
  for (const auto& d : m.dependencies) dependency(out, d);
  if (settings != nullptr) add_settings(out, *settings);
  out.end();
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

// The settings' elements (check_application_settings has accepted them): a few small
// elements, built as a tree and written whole.
void add_settings(xml::DocumentWriter& out, const ApplicationSettings& s) {
  xml::Element root{"assembly", {}, {}, {}};
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
  for (const auto& element : root.children) out.write(element);
}

ManifestResult written(ManifestPlan plan) {
  ManifestResult result;
  result.diagnostics = std::move(plan.diagnostics);
  if (plan.manifest) result.xml = write_manifest(*plan.manifest);
  return result;
}

}  // namespace

std::string write_manifest(const ManifestModel& manifest) {
  xml::DocumentWriter out;
  assembly(out, manifest);
  return out.finish();
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
  xml::DocumentWriter out;
  assembly(out, *plan.manifest, &settings);
  result.xml = out.finish();
  return result;
}

ManifestResult write_dependency_fragment(const Description& d) {
  ManifestResult result;
  xml::DocumentWriter out;
  dependency(out, manifest_identity(d.assembly));
  std::string xml = out.finish();
  // A fragment is pasted into another manifest: no XML declaration of its own.
  const std::size_t decl_end = xml.find("?>\n");
  if (decl_end != std::string::npos) xml.erase(0, decl_end + 3);
  result.xml = std::move(xml);
  return result;
}

}  // namespace comreg
