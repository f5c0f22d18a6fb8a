// ManifestWriter: ManifestModel -> the XML of a side-by-side manifest, written element by
// element by the platform's XML writer. What a description's manifest contains is decided by
// plan_component_manifest (manifest_plan.hpp); this file only spells the model as elements.
#include "comreg/emit/manifest_writer.hpp"

#include <optional>
#include <string>

#include "comreg/plan/manifest_plan.hpp"
#include "emit/xml_tree.hpp"

namespace comreg {
namespace {

constexpr const char* asm_v1 = "urn:schemas-microsoft-com:asm.v1";

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

void assembly(xml::DocumentWriter& out, const ManifestModel& m) {
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
  out.end();
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

ManifestResult write_application_manifest(const Description& d, std::string_view exe_name) {
  return written(plan_application_manifest(d, exe_name));
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
