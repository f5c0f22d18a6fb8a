// check_manifest_folder: an application folder's manifests checked together; each kind of
// finding, located, and a consistent folder without any.
#include <catch2/catch.hpp>

#include "comreg/readers/manifest_folder.hpp"
#include "comreg/readers/manifest_reader.hpp"

using namespace comreg;

namespace {

ManifestModel parsed(const std::string& xml, const std::string& file) {
  const ManifestReadResult r = read_manifest(xml, file);
  INFO(format_diagnostics_json(r.diagnostics));
  REQUIRE(r.manifest.has_value());
  return *r.manifest;
}

std::string application(const std::string& dependency) {
  return R"(<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="Client" version="1.0.0.0" processorArchitecture="amd64"/>
  <dependency><dependentAssembly>
    )" + dependency +
         R"(
  </dependentAssembly></dependency>
</assembly>)";
}

constexpr const char* widgets =
    R"(<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="Contoso.Widgets" version="1.2.0.0" processorArchitecture="amd64"/>
  <file name="widgets.dll">
    <comClass clsid="{11111111-2222-4333-8444-555555555555}" progid="Contoso.Widget.1"/>
  </file>
</assembly>)";

const std::vector<std::string> all_files = {"client.exe", "client.exe.manifest",
                                            "Contoso.Widgets.manifest", "WIDGETS.DLL"};

}  // namespace

TEST_CASE("a consistent folder has no finding", "[manifest-folder]") {
  const std::vector<ManifestModel> manifests = {
      parsed(application(R"(<assemblyIdentity type="win32" name="Contoso.Widgets"
        version="1.2.0.0" processorArchitecture="AMD64"/>)"),
             "app/client.exe.manifest"),
      parsed(widgets, "app/Contoso.Widgets.manifest")};
  const Diagnostics findings = check_manifest_folder(manifests, all_files);
  INFO(format_diagnostics_json(findings));
  CHECK(findings.empty());
}

TEST_CASE("a dependency that does not match the identity it names", "[manifest-folder]") {
  const std::vector<ManifestModel> manifests = {
      parsed(application(R"(<assemblyIdentity type="win32" name="Contoso.Widgets"
        version="1.3.0.0" processorArchitecture="x86"/>)"),
             "client.exe.manifest"),
      parsed(widgets, "Contoso.Widgets.manifest")};
  const Diagnostics findings = check_manifest_folder(manifests, all_files);
  REQUIRE(findings.size() == 1);
  const Diagnostic& d = *findings.begin();
  CHECK(d.code == "dependency-identity");
  CHECK(d.location.file == "client.exe.manifest");
  CHECK(d.location.line == 4);
  CHECK(d.location.column == 5);
  CHECK(d.message.find("version '1.3.0.0' (it has '1.2.0.0')") != std::string::npos);
  CHECK(d.message.find("processorArchitecture 'x86' (it has 'amd64')") != std::string::npos);
}

TEST_CASE("a dependency whose manifest has another file name", "[manifest-folder]") {
  const std::vector<ManifestModel> manifests = {
      parsed(application(R"(<assemblyIdentity type="win32" name="Contoso.Widgets"
        version="1.2.0.0"/>)"),
             "client.exe.manifest"),
      parsed(widgets, "widgets.manifest")};
  const Diagnostics findings = check_manifest_folder(manifests, {"widgets.dll"});
  REQUIRE(findings.size() == 1);
  CHECK(findings.begin()->code == "dependency-file-name");
}

TEST_CASE("a system assembly the folder does not have is no finding", "[manifest-folder]") {
  const std::vector<ManifestModel> manifests = {parsed(application(R"(<assemblyIdentity type="win32"
        name="Microsoft.Windows.Common-Controls" version="6.0.0.0" processorArchitecture="*"
        publicKeyToken="6595b64144ccf1df"/>)"),
                                                       "client.exe.manifest")};
  CHECK(check_manifest_folder(manifests, {}).empty());
}

TEST_CASE("a file that is not in the folder", "[manifest-folder]") {
  const std::vector<ManifestModel> manifests = {parsed(widgets, "Contoso.Widgets.manifest")};
  const Diagnostics findings = check_manifest_folder(manifests, {"Contoso.Widgets.manifest"});
  REQUIRE(findings.size() == 1);
  CHECK(findings.begin()->code == "file-not-found");
  CHECK(findings.begin()->location.line == 3);
  CHECK(findings.begin()->location.pointer == "/assembly/file[1]");
}

TEST_CASE("a CLSID and a ProgID served by two manifests", "[manifest-folder]") {
  const std::vector<ManifestModel> manifests = {
      parsed(widgets, "Contoso.Widgets.manifest"),
      parsed(R"(<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="Other" version="1.0.0.0"/>
  <file name="widgets.dll">
    <comClass clsid="{11111111-2222-4333-8444-555555555555}"/>
    <comClass clsid="{11111111-2222-4333-8444-555555555556}"><progid>contoso.widget.1</progid></comClass>
  </file>
</assembly>)",
             "Other.manifest")};
  const Diagnostics findings = check_manifest_folder(manifests, all_files);
  INFO(format_diagnostics_json(findings));
  REQUIRE(findings.size() == 2);
  auto it = findings.begin();
  CHECK(it->code == "clsid-served-twice");
  CHECK(it->location.file == "Other.manifest");
  CHECK(it->location.line == 4);
  CHECK(it->message.find("Contoso.Widgets.manifest:4:5") != std::string::npos);
  ++it;
  CHECK(it->code == "progid-served-twice");
  CHECK(it->location.line == 5);
}
