// verify_manifest: every sample's own manifest matches it; each kind of tampering is reported.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "comreg/description/description_loader.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "comreg/plan/manifest_plan.hpp"
#include "comreg/readers/manifest_reader.hpp"
#include "support/test_files.hpp"

using namespace comreg;
using namespace comreg::testing;

namespace {

Description sample(const std::string& name) {
  LoadOptions options;
  options.undefined_placeholder = UndefinedPlaceholder::keep;
  auto r = load_description(read_file(source_path("samples/" + name)), name, options);
  REQUIRE(r.description.has_value());
  return std::move(*r.description);
}

ManifestVerifyReport verify_text(const Description& d, const std::string& xml) {
  const auto m = read_manifest(xml, "m.manifest");
  INFO(format_diagnostics_json(m.diagnostics));
  REQUIRE(m.manifest.has_value());
  return verify_manifest(d, *m.manifest);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

const ManifestFinding& only_finding(const ManifestVerifyReport& r) {
  INFO(format_manifest_verify_report(r, false));
  REQUIRE(r.findings.size() == 1);
  CHECK_FALSE(r.ok());
  return r.findings[0];
}

}  // namespace

TEST_CASE("Manifest verify: each sample's generated manifest matches it", "[manifest-verify]") {
  int compared = 0;
  for (const char* name : {"activex-control.json", "contoso-widgets.json", "inproc-typelib.json",
                           "local-server.json", "remote-client.json", "surrogate.json"}) {
    INFO(name);
    const Description d = sample(name);
    const ManifestResult generated = write_component_manifest(d);
    if (generated.diagnostics.has_errors()) {
      // No class of it is registration-free: verify says why rather than "matches".
      const auto r = verify_manifest(d, ManifestModel{});
      CHECK_FALSE(r.ok());
      CHECK(r.diagnostics.has_errors());
      continue;
    }
    const auto r = verify_text(d, generated.xml);
    INFO(format_manifest_verify_report(r, false));
    CHECK(r.ok());
    CHECK(format_manifest_verify_report(r, false) ==
          "m.manifest: matches " + std::string(name) + "\n");
    ++compared;
  }
  CHECK(compared == 3);
}

TEST_CASE("Manifest verify: GUID case and braces do not matter, threading case does",
          "[manifest-verify]") {
  const Description d = sample("contoso-widgets.json");
  const std::string xml = write_component_manifest(d).xml;
  CHECK(verify_text(d, replaced(xml, "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}",
                                "0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01"))
            .ok());
  const auto report = verify_text(d, replaced(xml, "\"Apartment\"", "\"apartment\""));
  const auto& f = only_finding(report);
  CHECK(f.kind == ManifestFinding::Kind::wrong);
  CHECK(f.subject == "comClass {0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}");
  CHECK(f.attribute == "threadingModel");
  CHECK(f.expected == "Apartment");
  CHECK(f.found == "apartment");
  CHECK(f.description_at.pointer == "/servers/0/classes/0");
  CHECK(f.description_at.line > 0);
  CHECK(f.manifest_at.line == 5);
  CHECK(f.manifest_at.path == "/assembly/file[1]/comClass[1]");
}

TEST_CASE("Manifest verify: each kind of tampering is reported", "[manifest-verify]") {
  const Description d = sample("inproc-typelib.json");
  const std::string xml = write_component_manifest(d).xml;
  struct Case {
    const char* what;
    std::string from, to;
    ManifestFinding::Kind kind;
    const char* subject;
    const char* attribute;
  };
  using K = ManifestFinding::Kind;
  const std::string decoder = "{351A7A78-FFEA-4062-B652-1AE856DA7CD7}";
  const std::string libid = "{89E06341-93AD-420F-B177-16A5AD7107A4}";
  const Case cases[] = {
      {"identity version", "version=\"3.1.0.0\"", "version=\"3.2.0.0\"", K::wrong,
       "assemblyIdentity", "version"},
      {"identity architecture", "processorArchitecture=\"amd64\"", "processorArchitecture=\"x86\"",
       K::wrong, "assemblyIdentity", "processorArchitecture"},
      {"threading", "threadingModel=\"Both\" progid=\"Fabrikam.ThumbnailCache.3\"",
       "threadingModel=\"Free\" progid=\"Fabrikam.ThumbnailCache.3\"", K::wrong,
       "comClass {C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}", "threadingModel"},
      {"progid", "progid=\"Fabrikam.ImageDecoder.3\"", "progid=\"Fabrikam.ImageDecoder.4\"",
       K::wrong, "comClass {351A7A78-FFEA-4062-B652-1AE856DA7CD7}", "progid"},
      {"nested progid", "<progid>Fabrikam.ImageDecoder</progid>", "", K::wrong,
       "comClass {351A7A78-FFEA-4062-B652-1AE856DA7CD7}", "<progid>"},
      {"class tlbid", "tlbid=\"" + libid + "\" description=\"Fabrikam Image Decoder\"",
       "description=\"Fabrikam Image Decoder\"", K::wrong,
       "comClass {351A7A78-FFEA-4062-B652-1AE856DA7CD7}", "tlbid"},
      {"missing class",
       "<comClass clsid=\"{44BA9010-7573-44ED-8960-370C174E052F}\" threadingModel=\"Both\" "
       "description=\"PSFactoryBuffer\"/>",
       "", K::missing, "comClass {44BA9010-7573-44ED-8960-370C174E052F}", ""},
      {"extra class", "<file name=\"imagingps.dll\">",
       "<file name=\"imagingps.dll\"><comClass clsid=\"{11111111-2222-3333-4444-555555555555}\"/>",
       K::extra, "comClass {11111111-2222-3333-4444-555555555555}", ""},
      {"class in another file", "<file name=\"imaging.dll\">\n    <comClass clsid=\"" + decoder,
       "<file name=\"imaging.dll\"/><file name=\"other.dll\">\n    <comClass clsid=\"" + decoder,
       K::wrong, "comClass {351A7A78-FFEA-4062-B652-1AE856DA7CD7}", "file"},
      {"typelib version", "version=\"3.1\"", "version=\"3.0\"", K::wrong,
       "typelib {89E06341-93AD-420F-B177-16A5AD7107A4}", "version"},
      {"typelib flags", "flags=\"HASDISKIMAGE\"", "flags=\"HIDDEN\"", K::wrong,
       "typelib {89E06341-93AD-420F-B177-16A5AD7107A4}", "flags"},
      {"missing typelib",
       "<typelib tlbid=\"" + libid + "\" version=\"3.1\" helpdir=\"\" flags=\"HASDISKIMAGE\"/>", "",
       K::missing, "typelib {89E06341-93AD-420F-B177-16A5AD7107A4}", ""},
      {"proxy stub clsid", "proxyStubClsid32=\"{44BA9010-7573-44ED-8960-370C174E052F}\"",
       "proxyStubClsid32=\"{00020424-0000-0000-C000-000000000046}\"", K::wrong,
       "interface {E886F48D-01DE-4BF2-8212-9CA5942A7FA4}", "proxyStubClsid32"},
      {"external proxy stub numMethods", "numMethods=\"11\"", "numMethods=\"12\"", K::wrong,
       "interface {A7F5D767-BF1D-434A-8649-508381ADC811}", "numMethods"},
      {"missing external proxy stub", "<comInterfaceExternalProxyStub iid=\"{B529B431",
       "<comInterfaceExternalProxyStub iid=\"{C529B431", K::missing,
       "interface {B529B431-DB4C-4D60-B27E-A069DAB0E6D5}", ""},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const auto report = verify_text(d, replaced(xml, c.from, c.to));
    INFO(format_manifest_verify_report(report, false));
    bool found = false;
    for (const auto& f : report.findings) {
      if (f.kind == c.kind && f.subject == c.subject && f.attribute == c.attribute) found = true;
    }
    CHECK(found);
    CHECK_FALSE(report.ok());
  }
}

TEST_CASE("Manifest verify: a missing file and the text and JSON reports", "[manifest-verify]") {
  const Description d = sample("contoso-widgets.json");
  const std::string xml = write_component_manifest(d).xml;
  const auto r = verify_text(d, replaced(xml, "widgets.dll", "gadgets.dll"));
  REQUIRE(r.findings.size() == 3);  // missing widgets.dll, extra gadgets.dll, class's file
  const std::string text = format_manifest_verify_report(r, false);
  CHECK(
      text.find("missing file widgets.dll: expected 'widgets.dll'\n  from contoso-widgets.json:") !=
      std::string::npos);
  CHECK(text.find("extra file gadgets.dll: 'gadgets.dll' is not in the description\n"
                  "  in m.manifest:4:3 /assembly/file[1]\n") != std::string::npos);
  CHECK(text.find("m.manifest: 3 differences from contoso-widgets.json\n") != std::string::npos);
  const std::string json = format_manifest_verify_report(r, true);
  CHECK(json.find("\"ok\": false") != std::string::npos);
  CHECK(json.find("\"kind\": \"extra\"") != std::string::npos);
  CHECK(json.find("\"path\": \"/assembly/file[1]\"") != std::string::npos);
}

namespace {

// The model without where it was read from, to compare with a planned one.
ManifestModel unlocated(ManifestModel m) {
  m.file.clear();
  if (m.identity) m.identity->at = {};
  for (auto& d : m.dependencies) d.at = {};
  for (auto& p : m.external_proxy_stubs) p.at = {};
  for (auto& f : m.files) {
    f.at = {};
    for (auto& c : f.classes) c.at = {};
    for (auto& t : f.typelibs) t.at = {};
    for (auto& p : f.proxy_stubs) p.at = {};
  }
  return m;
}

const char* const manifest_samples[] = {"activex-control", "contoso-widgets", "inproc-typelib",
                                        "local-server",    "remote-client",   "surrogate"};

}  // namespace

TEST_CASE("Manifest model: the planned model is what its written manifest reads back as",
          "[manifest-verify]") {
  std::size_t planned = 0;
  for (const char* name : manifest_samples) {
    CAPTURE(name);
    const Description d = sample(std::string(name) + ".json");
    for (const ManifestPlan& plan :
         {plan_component_manifest(d), plan_application_manifest(d, "client.exe")}) {
      if (!plan.manifest) continue;  // no in-process server: no component manifest
      ++planned;
      const auto read = read_manifest(write_manifest(*plan.manifest), "m.manifest");
      REQUIRE(read.manifest);
      CHECK(unlocated(*read.manifest) == *plan.manifest);
    }
  }
  CHECK(planned >= 9);  // every application manifest and the inproc samples' components
}

TEST_CASE("Manifest model: a golden manifest reads into the model that writes it again",
          "[manifest-verify]") {
  std::size_t compared = 0;
  for (const char* name : manifest_samples) {
    for (const char* file : {"/component.manifest", "/client.exe.manifest"}) {
      const std::string path = source_path(std::string("tests/golden/") + name + file);
      std::string bytes;
      try {
        bytes = read_file(path);
      } catch (const std::runtime_error&) {
        continue;  // samples without in-process servers have no component manifest
      }
      CAPTURE(path);
      const auto read = read_manifest(bytes, path);
      REQUIRE(read.manifest);
      CHECK(write_manifest(*read.manifest) == bytes);
      ++compared;
    }
  }
  CHECK(compared >= 9);
}

TEST_CASE("Manifest model: the per-aspect miscStatus attributes are read", "[manifest-verify]") {
  const Description d = sample("activex-control.json");
  const auto plan = plan_component_manifest(d);
  REQUIRE(plan.manifest);
  const auto read = read_manifest(write_manifest(*plan.manifest), "m.manifest");
  REQUIRE(read.manifest);
  REQUIRE_FALSE(read.manifest->files.empty());
  REQUIRE_FALSE(read.manifest->files[0].classes.empty());
  const ManifestComClass& c = read.manifest->files[0].classes[0];
  CHECK(c.misc_status_content ==
        "recomposeonresize,cantlinkinside,insideout,activatewhenvisible,setclientsitefirst");
  CHECK_FALSE(c.misc_status_icon);
}
