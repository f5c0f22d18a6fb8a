// import_manifest: component and application manifests -> descriptions that verify against
// their source, with what they cannot hold listed; and the manifest corpus of other projects
// (tests/data/corpus/manifests) imported, validated, re-emitted and verified, with figures.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "comreg/import/manifest_import.hpp"
#include "comreg/readers/manifest_reader.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

ManifestModel parsed(const std::string& xml, const std::string& file = "m.manifest") {
  const ManifestReadResult r = read_manifest(xml, file);
  INFO(format_diagnostics_json(r.diagnostics));
  REQUIRE(r.manifest.has_value());
  return *r.manifest;
}

std::string reasons(const ImportResult& r) {
  std::string out;
  for (const auto& u : r.unmapped) out += u.key + " " + u.value + ": " + u.reason + "\n";
  return out;
}

const Unmapped* unmapped_at(const ImportResult& r, const std::string& path,
                            const std::string& value = {}) {
  for (const auto& u : r.unmapped) {
    if (u.key.ends_with(" " + path) && u.value == value) return &u;
  }
  return nullptr;
}

// Written as JSON and loaded back, as `comreg import -o` and a later command would.
Description reloaded(const Description& d) {
  LoadOptions options;
  options.undefined_placeholder = UndefinedPlaceholder::keep;
  const LoadResult r = load_description(description_to_json(d), "imported.json", options);
  INFO(format_diagnostics_json(r.diagnostics));
  REQUIRE(r.description.has_value());
  return *r.description;
}

constexpr const char* component = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="Contoso.Widgets" version="1.2.0.0"
                    processorArchitecture="x86" publicKeyToken="0123456789abcdef"/>
  <file name="widgets.dll">
    <comClass clsid="{0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01}" threadingModel="Apartment"
              progid="Contoso.Widget.1" description="Widget" miscStatus="insideout,setclientsitefirst"
              tlbid="{5E1C1D4A-2B3C-4D5E-8F90-A1B2C3D4E5F6}">
      <progid>Contoso.Widget</progid>
    </comClass>
    <typelib tlbid="{5E1C1D4A-2B3C-4D5E-8F90-A1B2C3D4E5F6}" version="2.1" helpdir="help"
             flags="HASDISKIMAGE,CONTROL"/>
  </file>
  <file name="widgetsps.dll">
    <comClass clsid="{7C1E2F3A-0000-4000-8000-00000000AB01}" threadingModel="Both"/>
    <comInterfaceProxyStub iid="{7C1E2F3A-0000-4000-8000-00000000AB02}" name="IWidget"
                           proxyStubClsid32="{7C1E2F3A-0000-4000-8000-00000000AB01}"
                           numMethods="7" baseInterface="{00000000-0000-0000-C000-000000000046}"/>
  </file>
  <comInterfaceExternalProxyStub iid="{7C1E2F3A-0000-4000-8000-00000000AB03}" name="IWidgetEvents"
                                 tlbid="{5E1C1D4A-2B3C-4D5E-8F90-A1B2C3D4E5F6}"
                                 proxyStubClsid32="{00020424-0000-0000-C000-000000000046}"/>
</assembly>
)";

}  // namespace

TEST_CASE("a component manifest imports into the description whose manifest it is",
          "[manifest-import]") {
  const ManifestModel source = parsed(component);
  const ManifestImportResult r = import_manifest(source);
  INFO(reasons(r.imported));
  CHECK(r.failures.empty());
  CHECK(r.imported.unmapped.empty());
  const Description& d = r.imported.description;
  CHECK(d.assembly.name == "Contoso.Widgets");
  CHECK(d.assembly.version == "1.2.0.0");
  CHECK(d.assembly.arch == Arch::x86);
  CHECK(d.assembly.public_key_token == "0123456789abcdef");
  REQUIRE(d.servers.size() == 2);
  CHECK(d.servers[0].path == "${installdir}\\widgets.dll");
  CHECK(d.servers[0].kind == ServerKind::inproc);
  CHECK(d.servers[0].arch == Arch::x86);
  REQUIRE(d.servers[0].classes.size() == 1);
  const ComClass& c = d.servers[0].classes[0];
  CHECK(c.clsid == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}");
  CHECK(c.threading == Threading::apartment);
  CHECK(c.progid == "Contoso.Widget.1");
  CHECK(c.version_independent_progid == "Contoso.Widget");
  CHECK(c.name == "Widget");
  CHECK(c.typelib == "{5E1C1D4A-2B3C-4D5E-8F90-A1B2C3D4E5F6}");
  REQUIRE(c.misc_status.has_value());
  CHECK(c.misc_status->value == 0x20080u);  // OLEMISC_INSIDEOUT | OLEMISC_SETCLIENTSITEFIRST
  REQUIRE(d.typelibs.size() == 1);
  CHECK(d.typelibs[0].major == 2);
  CHECK(d.typelibs[0].minor == 1);
  CHECK(d.typelibs[0].helpdir == "help");
  CHECK(d.typelibs[0].flags == (typelib_has_disk_image | typelib_control));
  CHECK(d.typelibs[0].win32 == "${installdir}\\widgets.dll");
  REQUIRE(d.interfaces.size() == 2);
  CHECK(d.interfaces[0].proxy_stub == "{7C1E2F3A-0000-4000-8000-00000000AB01}");
  CHECK(d.interfaces[0].num_methods == 7u);
  CHECK(d.interfaces[1].typelib == "{5E1C1D4A-2B3C-4D5E-8F90-A1B2C3D4E5F6}");

  // Re-emitted from the description as written, it verifies against the source.
  const Description again = reloaded(d);
  const ManifestVerifyReport report = verify_manifest(again, source);
  INFO(format_manifest_verify_report(report, false));
  CHECK(report.ok());
  const ManifestResult written = write_component_manifest(again);
  CHECK(verify_manifest(again, parsed(written.xml)).ok());
}

TEST_CASE("an application manifest: inline files imported, dependencies listed",
          "[manifest-import]") {
  const ManifestModel source = parsed(R"(<assembly xmlns="urn:schemas-microsoft-com:asm.v1"
    manifestVersion="1.0">
  <assemblyIdentity type="win32" name="Contoso.Client" version="1.0.0.0" processorArchitecture="amd64"/>
  <file name="inline.dll">
    <comClass clsid="{11111111-2222-4333-8444-555555555555}" threadingModel="Free"/>
  </file>
  <dependency><dependentAssembly>
    <assemblyIdentity type="win32" name="Contoso.Widgets" version="1.2.0.0"/>
  </dependentAssembly></dependency>
</assembly>)",
                                      "client.exe.manifest");
  const ManifestImportResult r = import_manifest(source);
  INFO(reasons(r.imported));
  CHECK(r.failures.empty());
  REQUIRE(r.imported.description.servers.size() == 1);
  CHECK(r.imported.description.servers[0].classes[0].threading == Threading::free);
  const Unmapped* dependency =
      unmapped_at(r.imported, "/assembly/dependency[1]/dependentAssembly[1]/assemblyIdentity[1]");
  REQUIRE(dependency != nullptr);
  CHECK(dependency->key.starts_with("client.exe.manifest:8:5 "));
  CHECK(dependency->reason ==
        "dependent assembly Contoso.Widgets 1.2.0.0: import its own manifest");
}

TEST_CASE("clrClass and activatableClass are listed with their place and reason",
          "[manifest-import]") {
  const ManifestModel source = parsed(R"(<assembly xmlns="urn:schemas-microsoft-com:asm.v1"
    manifestVersion="1.0">
  <assemblyIdentity type="win32" name="Mixed" version="1.0.0.0" processorArchitecture="amd64"/>
  <clrClass clsid="{4378D242-7D40-441D-8743-B93068C43B30}" name="Server.ServerImpl"
            runtimeVersion="v4.0.30319" threadingModel="Both"/>
  <file name="native.dll">
    <comClass clsid="{11111111-2222-4333-8444-555555555555}"/>
    <activatableClass name="Contoso.Thing" threadingModel="both"
                      xmlns="urn:schemas-microsoft-com:winrt.v1"/>
  </file>
</assembly>)");
  REQUIRE(source.clr_classes.size() == 1);
  REQUIRE(source.files[0].activatable_classes.size() == 1);
  const ManifestImportResult r = import_manifest(source);
  INFO(reasons(r.imported));
  CHECK(r.failures.empty());
  CHECK(r.imported.description.servers.size() == 1);
  const Unmapped* clr = unmapped_at(r.imported, "/assembly/clrClass[1]");
  REQUIRE(clr != nullptr);
  CHECK(clr->key == "m.manifest:4:3 /assembly/clrClass[1]");
  CHECK(clr->reason.starts_with("a .NET class (clrClass Server.ServerImpl)"));
  const Unmapped* winrt = unmapped_at(r.imported, "/assembly/file[1]/activatableClass[1]");
  REQUIRE(winrt != nullptr);
  CHECK(winrt->key == "m.manifest:8:5 /assembly/file[1]/activatableClass[1]");

  // verify --manifest reports them: the description cannot describe them.
  const ManifestVerifyReport report = verify_manifest(r.imported.description, source);
  REQUIRE(report.findings.size() == 2);
  CHECK(report.findings[0].kind == ManifestFinding::Kind::extra);
  CHECK(report.findings[0].subject == "clrClass {4378D242-7D40-441D-8743-B93068C43B30}");
  CHECK(report.findings[0].manifest_at.line == 4);
  CHECK(report.findings[1].subject == "activatableClass Contoso.Thing");
  CHECK(report.findings[1].manifest_at.line == 8);
}

TEST_CASE("entries that would be written back differently are left out with the reason",
          "[manifest-import]") {
  const ManifestModel source = parsed(R"(<assembly xmlns="urn:schemas-microsoft-com:asm.v1"
    manifestVersion="1.0">
  <assemblyIdentity type="win32" name="Odd" version="1.0.0.0" processorArchitecture="*"/>
  <file name="odd.dll">
    <comClass clsid="{11111111-2222-4333-8444-555555555555}" threadingModel="apartment"/>
    <comClass clsid="{11111111-2222-4333-8444-555555555556}" tlbid="{99999999-2222-4333-8444-555555555555}"/>
    <typelib tlbid="{88888888-2222-4333-8444-555555555555}" version="1.0" helpdir="" flags="hidden"/>
    <comInterfaceProxyStub iid="{77777777-2222-4333-8444-555555555555}" name="IOdd"/>
  </file>
  <file name="nothing.dll"/>
</assembly>)");
  const ManifestImportResult r = import_manifest(source);
  INFO(reasons(r.imported));
  CHECK(r.failures.empty());
  const Description& d = r.imported.description;
  CHECK(d.assembly.arch == Arch::amd64);
  REQUIRE(unmapped_at(r.imported, "/assembly/assemblyIdentity[1]", "processorArchitecture"));
  // Windows reads threadingModel in this case only: the class would change meaning.
  const Unmapped* lower = unmapped_at(r.imported, "/assembly/file[1]/comClass[1]");
  REQUIRE(lower != nullptr);
  CHECK(lower->reason.find("threadingModel 'apartment'") != std::string::npos);
  // A type library this manifest does not describe: the class is kept without it.
  REQUIRE(d.servers.size() == 1);
  REQUIRE(d.servers[0].classes.size() == 1);
  CHECK(d.servers[0].classes[0].typelib.empty());
  REQUIRE(unmapped_at(r.imported, "/assembly/file[1]/comClass[2]", "tlbid"));
  CHECK(unmapped_at(r.imported, "/assembly/file[1]/typelib[1]") != nullptr);
  // A file-level proxy/stub whose class is not in the file would be written as external.
  const Unmapped* proxy = unmapped_at(r.imported, "/assembly/file[1]/comInterfaceProxyStub[1]");
  REQUIRE(proxy != nullptr);
  CHECK(proxy->reason.find("written back, it would differ") != std::string::npos);
  CHECK(d.interfaces.empty());
  CHECK(unmapped_at(r.imported, "/assembly/file[2]") != nullptr);
}

TEST_CASE("a manifest without identity takes the given name", "[manifest-import]") {
  const ManifestModel source = parsed(R"(<assembly xmlns="urn:schemas-microsoft-com:asm.v1"
    manifestVersion="1.0"><file name="a.dll">
    <comClass clsid="{11111111-2222-4333-8444-555555555555}"/></file></assembly>)");
  ManifestImportOptions options;
  options.assembly_name = "Given.Name";
  const ManifestImportResult r = import_manifest(source, options);
  CHECK(r.failures.empty());
  CHECK(r.imported.description.assembly.name == "Given.Name");
  CHECK(unmapped_at(r.imported, "/assembly") != nullptr);
}

TEST_CASE("the manifest corpus imports, re-emits and verifies", "[corpus]") {
  std::size_t files = 0, classes = 0, unmapped = 0, failures = 0, nothing = 0;
  std::vector<std::filesystem::path> paths;
  for (const auto& e :
       std::filesystem::directory_iterator(testing::source_path("tests/data/corpus/manifests"))) {
    if (e.path().extension() == ".manifest") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    CAPTURE(path.filename().string());
    ++files;
    const ManifestReadResult read =
        read_manifest(testing::read_file(path.string()), path.filename().string());
    if (!read.manifest) {
      ++failures;
      FAIL_CHECK("not read: " << format_diagnostics_json(read.diagnostics));
      continue;
    }
    const ManifestImportResult r = import_manifest(*read.manifest);
    unmapped += r.imported.unmapped.size();
    std::size_t n = 0;
    for (const auto& s : r.imported.description.servers) n += s.classes.size();
    if (n == 0) {  // an application manifest of dependencies, .NET or WinRT classes only
      ++nothing;
      CHECK(!r.imported.unmapped.empty());
      continue;
    }
    if (!r.failures.empty()) {
      ++failures;
      ManifestVerifyReport failed;
      failed.findings = r.failures;
      FAIL_CHECK("import does not verify: " << format_manifest_verify_report(failed, false));
      continue;
    }
    classes += n;
    // Valid as written, and its manifest, read back, is the manifest of the description.
    LoadOptions options;
    options.undefined_placeholder = UndefinedPlaceholder::keep;
    const LoadResult loaded =
        load_description(description_to_json(r.imported.description), "imported.json", options);
    if (!loaded.description) {
      ++failures;
      FAIL_CHECK("does not load: " << format_diagnostics_json(loaded.diagnostics));
      continue;
    }
    const ManifestResult written = write_component_manifest(*loaded.description);
    const ManifestReadResult back = read_manifest(written.xml, "re-emitted.manifest");
    if (!back.manifest || !verify_manifest(*loaded.description, *back.manifest).ok()) {
      ++failures;
      FAIL_CHECK("re-emitted manifest does not verify:\n" << written.xml);
    }
  }
  std::printf(
      "manifest corpus: %zu files (%zu without a class to import), %zu classes imported, %zu "
      "unmapped entries, %zu failures\n",
      files, nothing, classes, unmapped, failures);
  CHECK(files == 11);
  CHECK(failures == 0);
}
