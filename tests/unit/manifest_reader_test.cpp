// ManifestReader: side-by-side manifests -> model, located XML errors, hostile input refused.
#include <catch2/catch.hpp>
#include <string>

#include "comreg/readers/manifest_reader.hpp"

using namespace comreg;

namespace {

const char* const widgets =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<!-- a comment -->\n"
    "<assembly xmlns=\"urn:schemas-microsoft-com:asm.v1\" manifestVersion=\"1.0\">\n"
    "  <assemblyIdentity type=\"win32\" name=\"Contoso.Widgets\" version=\"1.2.0.0\" "
    "processorArchitecture=\"amd64\"/>\n"
    "  <file name=\"widgets.dll\">\n"
    "    <comClass clsid=\"{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\" threadingModel='Apartment'\n"
    "              progid=\"Contoso.Widget.1\" description=\"A &amp; B &#x263A;\">\n"
    "      <progid>Contoso.Widget</progid><progid><![CDATA[Contoso.Other]]></progid>\n"
    "    </comClass>\n"
    "    <typelib tlbid=\"{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0B}\" version=\"1.0\" helpdir=\"\"/>\n"
    "    <comInterfaceProxyStub iid=\"{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0C}\" name=\"IWidget\"/>\n"
    "  </file>\n"
    "  <comInterfaceExternalProxyStub iid=\"{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0D}\" "
    "proxyStubClsid32=\"{00020424-0000-0000-C000-000000000046}\"/>\n"
    "  <trustInfo xmlns=\"urn:schemas-microsoft-com:asm.v3\"><file name=\"ignored\"/></trustInfo>\n"
    "</assembly>\n";

Diagnostic only_error(const ManifestReadResult& r) {
  INFO(format_diagnostics_json(r.diagnostics));
  REQUIRE(r.diagnostics.size() == 1);
  CHECK_FALSE(r.manifest.has_value());
  CHECK(r.diagnostics.items()[0].location.file == "m.manifest");
  CHECK_FALSE(r.diagnostics.items()[0].hint.empty());
  return r.diagnostics.items()[0];
}

Diagnostic syntax_error(const std::string& text, std::uint32_t line, std::uint32_t column) {
  const Diagnostic d = only_error(read_manifest(text, "m.manifest"));
  CHECK(d.code == "xml-syntax");
  CHECK(d.location.line == line);
  CHECK(d.location.column == column);
  return d;
}

}  // namespace

TEST_CASE("Manifest reader: every COM entry, with positions", "[manifest-reader]") {
  const auto r = read_manifest(widgets, "m.manifest");
  INFO(format_diagnostics_json(r.diagnostics));
  REQUIRE(r.manifest.has_value());
  const ManifestModel& m = *r.manifest;
  CHECK(m.file == "m.manifest");
  CHECK(m.manifest_version == "1.0");
  REQUIRE(m.identity.has_value());
  CHECK(m.identity->name == "Contoso.Widgets");
  CHECK(m.identity->version == "1.2.0.0");
  CHECK(m.identity->processor_architecture == "amd64");
  CHECK(m.identity->at.line == 4);
  CHECK(m.identity->at.column == 3);
  CHECK(m.identity->at.path == "/assembly/assemblyIdentity[1]");
  REQUIRE(m.files.size() == 1);  // the asm.v3 <file> inside trustInfo is not a file entry
  const ManifestFile& f = m.files[0];
  CHECK(f.name == "widgets.dll");
  REQUIRE(f.classes.size() == 1);
  const ManifestComClass& c = f.classes[0];
  CHECK(c.clsid == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}");
  CHECK(c.threading_model == "Apartment");
  CHECK(c.progid == "Contoso.Widget.1");
  CHECK(c.description == "A & B \xE2\x98\xBA");
  CHECK(c.progids == std::vector<std::string>{"Contoso.Widget", "Contoso.Other"});
  CHECK(c.at.line == 6);
  CHECK(c.at.column == 5);
  CHECK(c.at.path == "/assembly/file[1]/comClass[1]");
  REQUIRE(f.typelibs.size() == 1);
  CHECK(f.typelibs[0].version == "1.0");
  REQUIRE(f.proxy_stubs.size() == 1);
  CHECK(f.proxy_stubs[0].name == "IWidget");
  REQUIRE(m.external_proxy_stubs.size() == 1);
  CHECK(m.external_proxy_stubs[0].proxy_stub_clsid32 == "{00020424-0000-0000-C000-000000000046}");
  CHECK(m.external_proxy_stubs[0].at.path == "/assembly/comInterfaceExternalProxyStub[1]");
}

TEST_CASE("Manifest reader: prefixed asm.v1 elements, UTF-16 and a dependency",
          "[manifest-reader]") {
  const std::string text =
      "<asmv1:assembly xmlns:asmv1=\"urn:schemas-microsoft-com:asm.v1\" manifestVersion=\"1.0\">"
      "<asmv1:assemblyIdentity name=\"app\" version=\"1.0.0.0\"/>"
      "<asmv1:dependency><asmv1:dependentAssembly>"
      "<asmv1:assemblyIdentity type=\"win32\" name=\"Contoso.Widgets\" version=\"1.2.0.0\"/>"
      "</asmv1:dependentAssembly></asmv1:dependency></asmv1:assembly>";
  std::string utf16 = "\xFF\xFE";
  for (const char ch : text) utf16 += std::string{ch, '\0'};
  const auto r = read_manifest(utf16, "m.manifest");
  INFO(format_diagnostics_json(r.diagnostics));
  REQUIRE(r.manifest.has_value());
  CHECK(r.manifest->identity->name == "app");
  REQUIRE(r.manifest->dependencies.size() == 1);
  CHECK(r.manifest->dependencies[0].name == "Contoso.Widgets");
  CHECK(r.manifest->dependencies[0].at.path ==
        "/assembly/dependency[1]/dependentAssembly[1]/assemblyIdentity[1]");
}

TEST_CASE("Manifest reader: XML errors are located", "[manifest-reader]") {
  syntax_error("<assembly>\n  <file name=\"x\">\n</assembly>", 3, 1);
  CHECK(syntax_error("<a>\n  <b c=\"1\" c=\"2\"/></a>", 2, 12).message ==
        "duplicate attribute 'c'");
  CHECK(syntax_error("<a x=\"&bogus;\"/>", 1, 7).message == "unknown entity '&bogus;'");
  CHECK(syntax_error("<a x=\"&#0;\"/>", 1, 7).message ==
        "character reference to a character XML forbids");
  CHECK(syntax_error("<a>\xC3\x28</a>", 1, 4).message == "invalid UTF-8");
  CHECK(syntax_error("<a/><b/>", 1, 5).message == "content after the root element");
  CHECK(syntax_error("", 1, 1).message == "the document has no root element");
  CHECK(syntax_error("<p:a/>", 1, 1).message == "undeclared namespace prefix 'p'");
  CHECK(syntax_error("<a x=1/>", 1, 6).message == "expected a quoted attribute value");
  CHECK(syntax_error("<a>\x01</a>", 1, 4).message ==
        "control character U+0001 is not allowed in XML");
  CHECK(syntax_error("\xFF\xFE<", 1, 1).message == "UTF-16 text with an odd number of bytes");
}

TEST_CASE("Manifest reader: hostile input is refused, not expanded or recursed",
          "[manifest-reader]") {
  const auto doctype =
      syntax_error("<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"xx\">]>\n<a>&x;</a>", 2, 1);
  CHECK(doctype.message == "a DOCTYPE is not allowed in a manifest");
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  CHECK(syntax_error(deep, 1, 1 + 3 * 64).message == "elements nested deeper than 64");
}

TEST_CASE("Manifest reader: not an assembly, or a required attribute missing",
          "[manifest-reader]") {
  const Diagnostic root =
      only_error(read_manifest("<assembly manifestVersion=\"1.0\"/>", "m.manifest"));
  CHECK(root.code == "manifest-not-assembly");
  CHECK(root.location.line == 1);

  const auto r = read_manifest(
      "<assembly xmlns=\"urn:schemas-microsoft-com:asm.v1\" manifestVersion=\"1.0\">\n"
      "  <file name=\"w.dll\">\n    <comClass threadingModel=\"Both\"/>\n  </file>\n</assembly>",
      "m.manifest");
  const Diagnostic missing = only_error(r);
  CHECK(missing.code == "manifest-missing-attribute");
  CHECK(missing.message == "<comClass> has no 'clsid' attribute");
  CHECK(missing.location.line == 3);
  CHECK(missing.location.column == 5);
  CHECK(missing.location.pointer == "/assembly/file[1]/comClass[1]");
}

TEST_CASE("Manifest reader: every truncation and byte replacement gives a model or a located error",
          "[manifest-reader]") {
  const std::string good = widgets;
  std::size_t models = 0, errors = 0;
  std::vector<std::string> inputs;
  for (std::size_t n = 0; n < good.size(); ++n) inputs.push_back(good.substr(0, n));
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (const char c : {'<', '>', '&', '"', '\'', '/', '=', ':', '\0', '\xFF', ' '}) {
      std::string bad = good;
      bad[i] = c;
      inputs.push_back(std::move(bad));
    }
  }
  for (const auto& input : inputs) {
    const auto r = read_manifest(input, "m.manifest");
    if (r.manifest) {
      ++models;
      if (r.diagnostics.has_errors()) FAIL_CHECK("a model and errors for input:\n" << input);
      continue;
    }
    ++errors;
    REQUIRE(r.diagnostics.has_errors());
    const auto& d = r.diagnostics.items()[0];
    if (d.location.line == 0 || d.location.column == 0 || d.message.empty()) {
      FAIL_CHECK("unlocated error for input:\n" << input << "\n" << format_diagnostic(d));
    }
  }
  CHECK(errors > inputs.size() / 2);
  CHECK(models > 0);  // e.g. a changed attribute value
}
