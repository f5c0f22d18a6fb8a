// Side-by-side manifests: read back with tinyxml2 and checked element by element, plus exact text.
#include <tinyxml2.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "comreg/emit/manifest_writer.hpp"
#include "support/description_builders.hpp"

using namespace comreg;
using namespace comreg::testing;

namespace {

const char* const clsid1 = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}";
const char* const clsid2 = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}";
const char* const proxy_clsid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0A}";
const char* const libid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0B}";

Description widgets() {
  auto d =
      make_description({make_server(ServerKind::inproc, "C:\\Program Files\\Contoso\\widgets.dll",
                                    {make_class(clsid1, "Contoso Widget", "Contoso.Widget.1",
                                                "Contoso.Widget", Threading::apartment)}),
                        make_server(ServerKind::local, "C:\\Program Files\\Contoso\\widgetsvc.exe",
                                    {make_class(clsid2, "Contoso Widget Service")})});
  d.servers[1].classes[0].at = {"/servers/1/classes/0", 12, 9};
  return d;
}

}  // namespace

TEST_CASE("Manifest: component manifest, exact text", "[manifest]") {
  const auto r = write_component_manifest(widgets());
  CHECK(
      r.xml ==
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<assembly xmlns=\"urn:schemas-microsoft-com:asm.v1\" manifestVersion=\"1.0\">\n"
      "  <assemblyIdentity type=\"win32\" name=\"Contoso.Widgets\" version=\"1.2.0.0\" "
      "processorArchitecture=\"amd64\"/>\n"
      "  <file name=\"widgets.dll\">\n"
      "    <comClass clsid=\"{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\" threadingModel=\"Apartment\" "
      "progid=\"Contoso.Widget.1\" description=\"Contoso Widget\">\n"
      "      <progid>Contoso.Widget</progid>\n"
      "    </comClass>\n"
      "  </file>\n"
      "</assembly>\n");
}

TEST_CASE("Manifest: a class's own values and subkeys are said to stay out", "[manifest]") {
  auto d = widgets();
  CHECK(write_component_manifest(d).diagnostics.size() == 1);  // the local server's class
  d.servers[0].classes[0].values.push_back({"Author", RegValue::sz("Contoso")});
  auto r = write_component_manifest(d);
  REQUIRE(r.diagnostics.size() == 2);
  const Diagnostic& said = r.diagnostics.items()[0];
  CHECK(said.severity == Severity::warning);
  CHECK(said.code == "class-data-not-in-manifest");
  CHECK(said.location.pointer == "/servers/0/classes/0");
  CHECK(r.xml.find("Author") == std::string::npos);
  d.servers[0].classes[0].values.clear();
  d.servers[0].classes[0].subkeys.push_back({"Instance", {}});
  r = write_component_manifest(d);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics.items()[0].code == "class-data-not-in-manifest");
}

TEST_CASE("Manifest: what cannot be registration-free is reported, not dropped silently",
          "[manifest]") {
  auto d = widgets();
  d.servers.push_back(make_server(ServerKind::surrogate, "C:\\s.dll",
                                  {make_class("{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}", "S")}));
  d.servers.push_back(make_server(ServerKind::inproc, "C:\\x86.dll",
                                  {make_class("{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C04}", "X")},
                                  Arch::x86));
  const auto r = write_component_manifest(d);
  REQUIRE(r.diagnostics.size() == 3);
  for (const auto& diag : r.diagnostics) {
    CHECK(diag.severity == Severity::warning);
    CHECK(diag.code == "not-registration-free");
  }
  CHECK(r.diagnostics.items()[0].message ==
        "class {0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02} (Contoso Widget Service) is served by a "
        "local server (EXE); side-by-side activation covers in-process servers only; it is left "
        "out of the manifest");
  CHECK(r.diagnostics.items()[0].location.file == "test.json");
  CHECK(r.diagnostics.items()[0].location.line == 12);
  CHECK(r.diagnostics.items()[0].location.pointer == "/servers/1/classes/0");
  CHECK(r.diagnostics.items()[1].message.find("DLL surrogate") != std::string::npos);
  CHECK(r.diagnostics.items()[2].message.find("another architecture") != std::string::npos);
  CHECK(r.xml.find("7C02") == std::string::npos);
  CHECK(r.xml.find("7C03") == std::string::npos);

  auto only_local = widgets();
  only_local.servers.erase(only_local.servers.begin());
  const auto none = write_component_manifest(only_local);
  CHECK(none.xml.empty());
  CHECK(none.diagnostics.has_errors());
  CHECK(none.diagnostics.items().back().code == "no-registration-free-classes");
}

TEST_CASE("Manifest: type libraries, both proxy/stub forms, miscStatus", "[manifest]") {
  auto d = widgets();
  d.servers.push_back(
      make_server(ServerKind::inproc, "C:\\Contoso\\widgetsps.dll",
                  {make_class(proxy_clsid, "PSFactoryBuffer", "", "", Threading::both)}));
  auto& widget = d.servers[0].classes[0];
  widget.typelib = libid;
  widget.misc_status = MiscStatus{0x20181u, {{1, 0x80u}}};
  TypeLib t;
  t.libid = libid;
  t.major = 1;
  t.minor = 10;
  t.win64 = "C:\\Contoso\\widgets.dll";
  t.flags = typelib_control | typelib_has_disk_image;
  d.typelibs.push_back(t);
  Interface dual;
  dual.iid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0C}";
  dual.name = "IWidget";
  dual.proxy_stub = "{00020424-0000-0000-C000-000000000046}";
  dual.num_methods = 9;
  dual.base_interface = "{00020400-0000-0000-C000-000000000046}";
  dual.typelib = libid;
  Interface custom;
  custom.iid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0D}";
  custom.name = "IWidgetSink";
  custom.proxy_stub = proxy_clsid;
  custom.num_methods = 4;
  d.interfaces = {dual, custom};

  const auto r = write_component_manifest(d);
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(r.xml.c_str()) == tinyxml2::XML_SUCCESS);
  const auto* assembly = doc.FirstChildElement("assembly");
  REQUIRE(assembly);
  CHECK(std::string(assembly->Attribute("xmlns")) == "urn:schemas-microsoft-com:asm.v1");
  const auto* file = assembly->FirstChildElement("file");
  REQUIRE(file);
  CHECK(std::string(file->Attribute("name")) == "widgets.dll");
  const auto* cls = file->FirstChildElement("comClass");
  CHECK(std::string(cls->Attribute("tlbid")) == libid);
  CHECK(std::string(cls->Attribute("miscStatus")) ==
        "recomposeonresize,insideout,activatewhenvisible,setclientsitefirst");
  CHECK(std::string(cls->Attribute("miscStatusContent")) == "insideout");
  const auto* lib = file->FirstChildElement("typelib");
  REQUIRE(lib);
  CHECK(std::string(lib->Attribute("version")) == "1.10");
  CHECK(std::string(lib->Attribute("helpdir")).empty());
  CHECK(std::string(lib->Attribute("flags")) == "CONTROL,HASDISKIMAGE");
  const auto* ps_file = file->NextSiblingElement("file");
  REQUIRE(ps_file);
  CHECK(std::string(ps_file->Attribute("name")) == "widgetsps.dll");
  const auto* in_file = ps_file->FirstChildElement("comInterfaceProxyStub");
  REQUIRE(in_file);
  CHECK(std::string(in_file->Attribute("name")) == "IWidgetSink");
  CHECK(std::string(in_file->Attribute("numMethods")) == "4");
  const auto* external = assembly->FirstChildElement("comInterfaceExternalProxyStub");
  REQUIRE(external);
  CHECK(std::string(external->Attribute("iid")) == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0C}");
  CHECK(std::string(external->Attribute("proxyStubClsid32")) ==
        "{00020424-0000-0000-C000-000000000046}");
  CHECK(std::string(external->Attribute("baseInterface")) ==
        "{00020400-0000-0000-C000-000000000046}");
  CHECK(std::string(external->Attribute("tlbid")) == libid);
  CHECK(external->NextSiblingElement("file") == nullptr);  // files come first
}

TEST_CASE("Manifest: metacharacters are escaped", "[manifest][injection]") {
  auto d = widgets();
  d.servers[0].classes[0].name = "A <b> & \"c\" 'd'";
  const auto r = write_component_manifest(d);
  CHECK(r.xml.find("description=\"A &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;\"") !=
        std::string::npos);
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(r.xml.c_str()) == tinyxml2::XML_SUCCESS);
  CHECK(std::string(doc.FirstChildElement("assembly")
                        ->FirstChildElement("file")
                        ->FirstChildElement("comClass")
                        ->Attribute("description")) == "A <b> & \"c\" 'd'");
}

TEST_CASE("Manifest: application manifest and dependency fragment", "[manifest]") {
  const auto app = write_application_manifest(widgets(), "Widget Viewer.exe");
  CHECK(app.xml ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<assembly xmlns=\"urn:schemas-microsoft-com:asm.v1\" manifestVersion=\"1.0\">\n"
        "  <assemblyIdentity type=\"win32\" name=\"Widget_Viewer\" version=\"1.0.0.0\" "
        "processorArchitecture=\"amd64\"/>\n"
        "  <dependency>\n"
        "    <dependentAssembly>\n"
        "      <assemblyIdentity type=\"win32\" name=\"Contoso.Widgets\" version=\"1.2.0.0\" "
        "processorArchitecture=\"amd64\"/>\n"
        "    </dependentAssembly>\n"
        "  </dependency>\n"
        "</assembly>\n");
  const auto fragment = write_dependency_fragment(widgets());
  CHECK(fragment.xml.rfind("<dependency>\n", 0) == 0);
  CHECK(fragment.xml.find("<?xml") == std::string::npos);
  CHECK(write_application_manifest(widgets(), ".exe").diagnostics.has_errors());
}

TEST_CASE("Manifest: application settings, in Microsoft's namespaces", "[manifest]") {
  ApplicationSettings s;
  s.supported_os = {"win10", "win81", "win10"};
  s.execution_level = "requireAdministrator";
  s.dpi_awareness = "permonitorv2";
  s.long_path_aware = true;
  s.common_controls = true;
  const auto app = write_application_manifest(widgets(), "viewer.exe", s);
  REQUIRE_FALSE(app.diagnostics.has_errors());
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(app.xml.c_str()) == tinyxml2::XML_SUCCESS);
  const auto* root = doc.FirstChildElement("assembly");
  REQUIRE(root != nullptr);
  // Both dependencies, the assembly's first.
  const auto* dep = root->FirstChildElement("dependency");
  REQUIRE(dep != nullptr);
  CHECK(std::string(dep->FirstChildElement()->FirstChildElement()->Attribute("name")) ==
        "Contoso.Widgets");
  const auto* cc = dep->NextSiblingElement("dependency")->FirstChildElement()->FirstChildElement();
  CHECK(std::string(cc->Attribute("name")) == "Microsoft.Windows.Common-Controls");
  CHECK(std::string(cc->Attribute("version")) == "6.0.0.0");
  CHECK(std::string(cc->Attribute("processorArchitecture")) == "*");
  CHECK(std::string(cc->Attribute("publicKeyToken")) == "6595b64144ccf1df");
  CHECK(std::string(cc->Attribute("language")) == "*");

  const auto* trust = root->FirstChildElement("trustInfo");
  REQUIRE(trust != nullptr);
  CHECK(std::string(trust->Attribute("xmlns")) == "urn:schemas-microsoft-com:asm.v3");
  const auto* level = trust->FirstChildElement("security")
                          ->FirstChildElement("requestedPrivileges")
                          ->FirstChildElement("requestedExecutionLevel");
  CHECK(std::string(level->Attribute("level")) == "requireAdministrator");
  CHECK(std::string(level->Attribute("uiAccess")) == "false");

  const auto* compat = root->FirstChildElement("compatibility");
  CHECK(std::string(compat->Attribute("xmlns")) == "urn:schemas-microsoft-com:compatibility.v1");
  const auto* os = compat->FirstChildElement("application")->FirstChildElement("supportedOS");
  CHECK(std::string(os->Attribute("Id")) == "{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}");
  os = os->NextSiblingElement("supportedOS");
  CHECK(std::string(os->Attribute("Id")) == "{1f676c76-80e1-4239-95bb-83d0f6d0da78}");
  CHECK(os->NextSiblingElement("supportedOS") == nullptr);  // win10 once

  const auto* settings = compat->NextSiblingElement("application")->FirstChildElement();
  CHECK(std::string(settings->Name()) == "windowsSettings");
  const auto* aware = settings->FirstChildElement("dpiAware");
  CHECK(std::string(aware->Attribute("xmlns")) ==
        "http://schemas.microsoft.com/SMI/2005/WindowsSettings");
  CHECK(std::string(aware->GetText()) == "true/pm");
  const auto* awareness = settings->FirstChildElement("dpiAwareness");
  CHECK(std::string(awareness->Attribute("xmlns")) ==
        "http://schemas.microsoft.com/SMI/2016/WindowsSettings");
  CHECK(std::string(awareness->GetText()) == "permonitorv2,permonitor");
  CHECK(std::string(settings->FirstChildElement("longPathAware")->GetText()) == "true");

  // Without settings the manifest is what it always was.
  CHECK(write_application_manifest(widgets(), "viewer.exe", {}).xml ==
        write_application_manifest(widgets(), "viewer.exe").xml);
  CHECK(app.xml.find("<trustInfo") > app.xml.find("</dependency>"));
}

TEST_CASE("Manifest: unknown application settings are errors, nothing written", "[manifest]") {
  ApplicationSettings s;
  s.supported_os = {"win95"};
  s.execution_level = "root";
  s.dpi_awareness = "sometimes";
  const auto app = write_application_manifest(widgets(), "viewer.exe", s);
  CHECK(app.xml.empty());
  REQUIRE(app.diagnostics.size() == 3);
  for (const auto& d : app.diagnostics) {
    CHECK(d.code == "unknown-application-setting");
    CHECK_FALSE(d.hint.empty());
  }
}

TEST_CASE("Manifest: servers of one file name in different folders are refused", "[manifest]") {
  auto d = widgets();
  d.servers.push_back(make_server(ServerKind::inproc, "C:\\Other\\WIDGETS.dll",
                                  {make_class("{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C05}", "Other")}));
  d.servers[0].at = {"/servers/0", 3, 5};
  d.servers[2].at = {"/servers/2", 20, 5};
  const auto r = write_component_manifest(d);
  CHECK(r.xml.empty());
  const auto clash =
      std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                   [](const Diagnostic& x) { return x.code == "manifest-file-name-clash"; });
  REQUIRE(clash != r.diagnostics.end());
  CHECK(clash->location.pointer == "/servers/2");
  CHECK(clash->message.find("/servers/0") != std::string::npos);
  CHECK(clash->message.find("C:\\Other\\WIDGETS.dll") != std::string::npos);

  // The same file twice (any case) is one file, as before.
  d.servers[2].path = "c:\\program files\\contoso\\WIDGETS.DLL";
  const auto same = write_component_manifest(d);
  CHECK_FALSE(same.diagnostics.has_errors());
}

TEST_CASE("Manifest: TAB, CR and LF in attribute values are character references",
          "[manifest][injection]") {
  auto d = widgets();
  d.servers[0].classes[0].name = "a\tb\nc\rd";
  const auto r = write_component_manifest(d);
  CHECK(r.xml.find("description=\"a&#9;b&#10;c&#13;d\"") != std::string::npos);
  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(r.xml.c_str()) == tinyxml2::XML_SUCCESS);
  CHECK(std::string(doc.FirstChildElement("assembly")
                        ->FirstChildElement("file")
                        ->FirstChildElement("comClass")
                        ->Attribute("description")) == "a\tb\nc\rd");
}
