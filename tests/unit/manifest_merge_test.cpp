// merge_application_manifest: comreg's dependency and settings added to manifests people ship,
// everything else of them kept byte for byte; the result read back by tinyxml2 and comreg's
// reader; conflicts replaced with warnings; malformed input refused at its line:column.
#include <tinyxml2.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "comreg/readers/manifest_merge.hpp"
#include "comreg/readers/manifest_reader.hpp"
#include "support/description_builders.hpp"

using namespace comreg;
using namespace comreg::testing;

namespace {

Description widgets() {
  return make_description(
      {make_server(ServerKind::inproc, "C:\\Contoso\\widgets.dll",
                   {make_class("{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}", "Contoso Widget")})});
}

std::string visual_studio_manifest() {
  std::ifstream in(COMREG_SOURCE_DIR "/tests/data/manifests/visual-studio-app.manifest",
                   std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ManifestMergeResult merged(const std::string& existing, const ApplicationSettings& s = {}) {
  ManifestMergeResult r = merge_application_manifest(widgets(), existing, "app.manifest", s);
  INFO(format_diagnostics_json(r.diagnostics));
  REQUIRE_FALSE(r.diagnostics.has_errors());
  return r;
}

bool count_is(const std::string& text, const std::string& what, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++count;
  return count == n;
}

const tinyxml2::XMLElement* dependency_on(const tinyxml2::XMLElement* root, const char* name) {
  for (auto* dep = root->FirstChildElement("dependency"); dep != nullptr;
       dep = dep->NextSiblingElement("dependency")) {
    const auto* id = dep->FirstChildElement("dependentAssembly")->FirstChildElement();
    if (std::string(id->Attribute("name")) == name) return id;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Merge: a Visual Studio manifest keeps everything and gains the dependency",
          "[manifest][merge]") {
  const std::string input = visual_studio_manifest();
  REQUIRE(input.find("<trustInfo") != std::string::npos);
  ApplicationSettings s;
  s.supported_os = {"win7", "win81", "win10"};
  s.common_controls = true;
  s.long_path_aware = true;
  const auto r = merged(input, s);
  CHECK(r.diagnostics.empty());

  // Only insertions: the input is the output with the inserted text taken out.
  std::size_t i = 0;
  for (char c : r.xml) {
    if (i < input.size() && c == input[i]) ++i;
  }
  CHECK(i == input.size());
  CHECK(count_is(r.xml, "<!--", 5));
  CHECK(count_is(r.xml, "Microsoft.Windows.Common-Controls", 1));     // already there
  CHECK(count_is(r.xml, "35138b9a-5d96-4fbd-8e2d-a2440225f93a", 1));  // there already
  CHECK(count_is(r.xml, "1f676c76-80e1-4239-95bb-83d0f6d0da78", 1));
  CHECK(r.xml.find("<dpiAware xmlns=\"http://schemas.microsoft.com/SMI/2005/WindowsSettings\">"
                   "true</dpiAware>\n      <longPathAware") != std::string::npos);

  tinyxml2::XMLDocument doc;
  REQUIRE(doc.Parse(r.xml.c_str()) == tinyxml2::XML_SUCCESS);
  const auto* root = doc.FirstChildElement("assembly");
  const auto* ours = dependency_on(root, "Contoso.Widgets");
  REQUIRE(ours != nullptr);
  CHECK(std::string(ours->Attribute("version")) == "1.2.0.0");
  CHECK(dependency_on(root, "Microsoft.Windows.Common-Controls") != nullptr);
  // The new dependency follows the existing one, indented like it.
  CHECK(r.xml.find("  </dependency>\n  <dependency>\n    <dependentAssembly>\n      "
                   "<assemblyIdentity type=\"win32\" name=\"Contoso.Widgets\"") !=
        std::string::npos);

  const auto read = read_manifest(r.xml, "merged");
  REQUIRE(read.manifest);
  REQUIRE(read.manifest->dependencies.size() == 2);
  CHECK(read.manifest->dependencies[1].name == "Contoso.Widgets");

  // Merging again changes nothing.
  CHECK(merged(r.xml, s).xml == r.xml);
}

TEST_CASE("Merge: values the manifest sets otherwise are replaced, with warnings",
          "[manifest][merge]") {
  const std::string input =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<assembly xmlns=\"urn:schemas-microsoft-com:asm.v1\" manifestVersion=\"1.0\">\n"
      "  <dependency>\n"
      "    <dependentAssembly>\n"
      "      <assemblyIdentity type=\"win32\" name=\"contoso.widgets\" version=\"1.0.0.0\" "
      "processorArchitecture=\"amd64\"/>\n"
      "    </dependentAssembly>\n"
      "  </dependency>\n"
      "  <trustInfo xmlns=\"urn:schemas-microsoft-com:asm.v2\"><security><requestedPrivileges>"
      "<requestedExecutionLevel level=\"asInvoker\" uiAccess=\"false\"/>"
      "</requestedPrivileges></security></trustInfo>\n"
      "  <application xmlns=\"urn:schemas-microsoft-com:asm.v3\">\n"
      "    <windowsSettings>\n"
      "      <dpiAware xmlns=\"http://schemas.microsoft.com/SMI/2005/WindowsSettings\">"
      "false</dpiAware>\n"
      "    </windowsSettings>\n"
      "  </application>\n"
      "</assembly>\n";
  ApplicationSettings s;
  s.execution_level = "highestAvailable";
  s.dpi_awareness = "system";
  const auto r = merged(input, s);
  CHECK(r.diagnostics.size() == 3);
  for (const auto& d : r.diagnostics) {
    CHECK(d.code == "manifest-merge-replaced");
    CHECK(d.location.line > 0);
  }
  CHECK(count_is(r.xml, "<dependency>", 1));
  CHECK(r.xml.find("name=\"Contoso.Widgets\" version=\"1.2.0.0\"") != std::string::npos);
  CHECK(r.xml.find("level=\"highestAvailable\" uiAccess=\"false\"") != std::string::npos);
  CHECK(r.xml.find(">true</dpiAware>") != std::string::npos);
  CHECK(r.xml.find(">system</dpiAwareness>") != std::string::npos);
  CHECK(merged(r.xml, s).xml == r.xml);
}

TEST_CASE("Merge: prefixes, empty elements, CRLF and a byte order mark are kept",
          "[manifest][merge]") {
  const std::string input =
      "\xEF\xBB\xBF<?xml version='1.0' encoding='UTF-8'?>\r\n"
      "<asmv1:assembly xmlns:asmv1=\"urn:schemas-microsoft-com:asm.v1\" manifestVersion=\"1.0\">"
      "\r\n"
      "  <asmv1:assemblyIdentity name=\"app\" version=\"1.0.0.0\" type=\"win32\"/>\r\n"
      "  <compatibility xmlns=\"urn:schemas-microsoft-com:compatibility.v1\"><application/>"
      "</compatibility>\r\n"
      "</asmv1:assembly>\r\n";
  ApplicationSettings s;
  s.supported_os = {"win10"};
  const auto r = merged(input, s);
  CHECK(r.xml.rfind("\xEF\xBB\xBF<?xml version='1.0'", 0) == 0);
  CHECK(r.xml.find("\r\n  <asmv1:dependency>\r\n    <asmv1:dependentAssembly>\r\n      "
                   "<asmv1:assemblyIdentity type=\"win32\" name=\"Contoso.Widgets\"") !=
        std::string::npos);
  CHECK(r.xml.find("<application>\r\n") != std::string::npos);
  CHECK(r.xml.find("<supportedOS Id=\"{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}\"/>") !=
        std::string::npos);
  for (std::size_t at = r.xml.find('\n'); at != std::string::npos; at = r.xml.find('\n', at + 1)) {
    CHECK(r.xml[at - 1] == '\r');  // no bare LF
  }
  const auto read = read_manifest(r.xml, "merged");
  REQUIRE(read.manifest);
  REQUIRE(read.manifest->dependencies.size() == 1);
  CHECK(read.manifest->dependencies[0].name == "Contoso.Widgets");
  CHECK(merged(r.xml, s).xml == r.xml);
}

TEST_CASE("Merge: malformed or foreign input is refused, located", "[manifest][merge]") {
  const auto error = [](const std::string& text) {
    const auto r = merge_application_manifest(widgets(), text, "app.manifest", {});
    CHECK(r.xml.empty());
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics.items()[0];
  };
  const auto syntax = error(
      "<assembly xmlns=\"urn:schemas-microsoft-com:asm.v1\">\n  <dependency>\n"
      "</assembly>\n");
  CHECK(syntax.code == "xml-syntax");
  CHECK(syntax.location.file == "app.manifest");
  CHECK(syntax.location.line == 3);
  CHECK(error("<root/>").code == "manifest-not-assembly");
  CHECK(error(std::string("\xFF\xFE<\0a\0/\0>\0", 10)).code == "manifest-encoding");
  CHECK(error("<!DOCTYPE x [<!ENTITY a \"b\">]><assembly/>").code == "xml-syntax");
}
