// The loader on whole descriptions: the fixed example means exactly what it says.
#include <catch2/catch.hpp>

#include "support/diagnostic_matchers.hpp"
#include "support/test_files.hpp"

using namespace comreg;

TEST_CASE("Loader: the README example means exactly what it says", "[loader]") {
  const std::string text = testing::read_file(testing::source_path("samples/contoso-widgets.json"));
  LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Contoso";
  const auto r = load_description(text, "contoso-widgets.json", options);
  CHECK(r.diagnostics.empty());
  REQUIRE(r.description);
  const Description& d = *r.description;
  CHECK(d.format_version == 1);
  CHECK(d.assembly.name == "Contoso.Widgets");
  CHECK(d.assembly.version == "1.2.0.0");
  CHECK(d.assembly.arch == Arch::amd64);
  REQUIRE(d.servers.size() == 2);
  CHECK(d.servers[0].kind == ServerKind::inproc);
  CHECK(d.servers[0].path == "C:\\Program Files\\Contoso\\widgets.dll");
  CHECK(d.servers[0].arch == Arch::amd64);
  REQUIRE(d.servers[0].classes.size() == 1);
  const ComClass& widget = d.servers[0].classes[0];
  CHECK(widget.clsid == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}");
  CHECK(widget.name == "Contoso Widget");
  CHECK(widget.progid == "Contoso.Widget.1");
  CHECK(widget.version_independent_progid == "Contoso.Widget");
  CHECK(widget.threading == Threading::apartment);
  CHECK(widget.at.pointer == "/servers/0/classes/0");
  CHECK(widget.at.line == 7);
  CHECK(d.servers[1].kind == ServerKind::local);
  CHECK(d.servers[1].path == "C:\\Program Files\\Contoso\\widgetsvc.exe");
  const ComClass& service = d.servers[1].classes[0];
  CHECK(service.threading == Threading::none);
  CHECK(service.appid == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}");
  REQUIRE(d.appids.size() == 1);
  CHECK(d.appids[0].name == "Contoso Widget Service");
  CHECK_FALSE(d.appids[0].dll_surrogate);
  CHECK(d.find_appid(service.appid) == &d.appids[0]);
}

TEST_CASE("Loader: every sample validates", "[loader]") {
  for (const char* sample : {"contoso-widgets", "inproc-typelib", "local-server", "surrogate",
                             "activex-control", "remote-client"}) {
    CAPTURE(sample);
    const std::string file = std::string("samples/") + sample + ".json";
    const auto r = testing::load_text(testing::read_file(testing::source_path(file)));
    INFO(format_diagnostics_json(r.diagnostics));
    CHECK(r.diagnostics.empty());
    CHECK(r.description);
  }
}

TEST_CASE("Loader: $comment anywhere and $schema at the top are accepted", "[loader]") {
  const auto r = testing::load_text(R"({
    "$schema": "../schemas/comreg.schema.json", "$comment": "top",
    "comreg": 1,
    "assembly": { "name": "A", "version": "1.0.0.0", "$comment": "x" },
    "servers": [ { "$comment": "s", "kind": "inproc", "path": "C:\\a.dll",
                   "classes": [ { "$comment": "c", "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}" } ] } ]
  })");
  CHECK(r.diagnostics.empty());
  CHECK(r.description);
}
