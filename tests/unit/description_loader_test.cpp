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

// The example of the format's specification, verbatim: users depend on these names.
const char* const fixed_example = R"({
  "comreg": 1,
  "assembly": { "name": "Contoso.Widgets", "version": "1.2.0.0", "arch": "amd64" },
  "servers": [
    { "kind": "inproc", "path": "${installdir}\\widgets.dll",
      "classes": [
        { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}", "name": "Contoso Widget",
          "progid": "Contoso.Widget.1", "versionIndependentProgid": "Contoso.Widget",
          "threading": "Apartment" } ] },
    { "kind": "local", "path": "${installdir}\\widgetsvc.exe",
      "classes": [
        { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}", "name": "Contoso Widget Service",
          "progid": "Contoso.WidgetService.1", "versionIndependentProgid": "Contoso.WidgetService",
          "appid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}" } ] }
  ],
  "appids": [ { "appid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}", "name": "Contoso Widget Service" } ]
})";

TEST_CASE("Loader: the specification's example means exactly what it says", "[loader]") {
  LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Contoso";
  const auto r = load_description(fixed_example, "example.json", options);
  INFO(format_diagnostics_json(r.diagnostics));
  CHECK(r.diagnostics.empty());
  REQUIRE(r.description);
  const Description& d = *r.description;
  CHECK(d.file == "example.json");
  CHECK(d.assembly.name == "Contoso.Widgets");
  CHECK(d.assembly.version == "1.2.0.0");
  CHECK(d.assembly.arch == Arch::amd64);
  CHECK(d.assembly.public_key_token.empty());
  CHECK(d.assembly.at.pointer == "/assembly");
  CHECK(d.assembly.at.line == 3);
  CHECK(d.assembly.at.column == 15);
  REQUIRE(d.servers.size() == 2);
  const Server& dll = d.servers[0];
  CHECK(dll.kind == ServerKind::inproc);
  CHECK(dll.path == "C:\\Program Files\\Contoso\\widgets.dll");
  CHECK(dll.arguments.empty());
  CHECK(dll.arch == Arch::amd64);
  CHECK(dll.at.pointer == "/servers/0");
  CHECK(dll.at.line == 5);
  CHECK(dll.at.column == 5);
  REQUIRE(dll.classes.size() == 1);
  const ComClass& widget = dll.classes[0];
  CHECK(widget.clsid == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}");
  CHECK(widget.name == "Contoso Widget");
  CHECK(widget.progid == "Contoso.Widget.1");
  CHECK(widget.version_independent_progid == "Contoso.Widget");
  CHECK(widget.threading == Threading::apartment);
  CHECK(widget.appid.empty());
  CHECK(widget.typelib.empty());
  CHECK_FALSE(widget.misc_status);
  CHECK_FALSE(widget.license);
  CHECK_FALSE(widget.programmable);
  CHECK(widget.at.pointer == "/servers/0/classes/0");
  CHECK(widget.at.line == 7);
  CHECK(widget.at.column == 9);
  const Server& exe = d.servers[1];
  CHECK(exe.kind == ServerKind::local);
  CHECK(exe.path == "C:\\Program Files\\Contoso\\widgetsvc.exe");
  REQUIRE(exe.classes.size() == 1);
  const ComClass& service = exe.classes[0];
  CHECK(service.clsid == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C02}");
  CHECK(service.name == "Contoso Widget Service");
  CHECK(service.progid == "Contoso.WidgetService.1");
  CHECK(service.version_independent_progid == "Contoso.WidgetService");
  CHECK(service.threading == Threading::none);
  CHECK(service.appid == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}");
  REQUIRE(d.appids.size() == 1);
  const AppId& appid = d.appids[0];
  CHECK(appid.appid == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}");
  CHECK(appid.name == "Contoso Widget Service");
  CHECK_FALSE(appid.dll_surrogate);
  CHECK_FALSE(appid.authentication_level);
  CHECK(appid.executables.empty());
  CHECK(appid.at.pointer == "/appids/0");
  CHECK(d.find_appid(service.appid) == &appid);
  CHECK(d.typelibs.empty());
  CHECK(d.interfaces.empty());
  CHECK(d.categories.empty());
}

TEST_CASE("Loader: undefined placeholders can be kept", "[loader][placeholder]") {
  LoadOptions options;
  options.undefined_placeholder = UndefinedPlaceholder::keep;
  const auto r = load_description(fixed_example, "example.json", options);
  CHECK(r.diagnostics.empty());
  REQUIRE(r.description);
  CHECK(r.description->servers[0].path == "${installdir}\\widgets.dll");
  const auto strict = load_description(fixed_example, "example.json");
  CHECK_FALSE(strict.description);
  CHECK(strict.diagnostics.size() == 2);  // both paths
}

TEST_CASE("Loader: every field is read and placeholders resolved in each path-like one",
          "[loader]") {
  const auto r = testing::load_text(R"J({
  "comreg": 1,
  "assembly": { "name": "A.B", "version": "1.0.0.0", "arch": "x86",
                "publicKeyToken": "6595B64144CCF1DF", "language": "en-us" },
  "servers": [
    { "kind": "local", "path": "${installdir}\\s.exe", "arguments": "-k ${installdir}",
      "arch": "arm64",
      "classes": [ { "clsid": "0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01", "version": "1.0",
        "appid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}",
        "typelib": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C04}",
        "implementedCategories": ["{40fc6ed4-2438-11cf-a3db-080036f12502}"],
        "requiredCategories": ["{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C05}"],
        "programmable": true, "control": true, "insertable": false,
        "miscStatus": { "default": 1, "content": 2, "icon": 3 },
        "toolboxBitmap": "${installdir}\\s.exe,101", "defaultIcon": "${installdir}\\s.ico,0",
        "treatAs": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C06}",
        "autoConvertTo": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C07}",
        "license": { "id": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C08}", "key": "secret" } } ] },
    { "kind": "surrogate", "path": "C:\\x.dll", "classes": [
      { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0A}", "appid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}",
        "miscStatus": 131473 } ] }
  ],
  "appids": [ { "appid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}", "dllSurrogate": "${installdir}\\host.exe",
                "localService": "Svc", "serviceParameters": "-s", "runAs": "Interactive User",
                "accessPermission": "O:BAG:BAD:(A;;CCDCLC;;;SY)", "authenticationLevel": 6,
                "remoteServerName": "srv", "appIdFlags": 4294967295, "preferredServerBitness": 3,
                "executables": ["s.exe"] } ],
  "typelibs": [ { "libid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C04}", "version": "2.10", "lcid": 9,
                  "name": "Lib", "win32": "${installdir}\\32.tlb", "win64": "${installdir}\\64.tlb",
                  "flags": ["control", "hasdiskimage"], "helpdir": "${installdir}\\help" } ],
  "interfaces": [ { "iid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C09}", "name": "IA",
                    "proxyStub": "{00020424-0000-0000-C000-000000000046}", "numMethods": 7,
                    "baseInterface": "{00020400-0000-0000-c000-000000000046}",
                    "typelib": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C04}" } ],
  "categories": [ { "catid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C05}", "description": "Cat" },
                  { "catid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0B}", "description": "Dog", "lcid": 7 } ]
})J");
  INFO(format_diagnostics_json(r.diagnostics));
  CHECK(r.diagnostics.empty());
  REQUIRE(r.description);
  const Description& d = *r.description;
  CHECK(d.assembly.arch == Arch::x86);
  CHECK(d.assembly.public_key_token == "6595b64144ccf1df");
  CHECK(d.assembly.language == "en-us");
  const std::string dir = "C:\\Program Files\\Contoso";
  const Server& s = d.servers[0];
  CHECK(s.path == dir + "\\s.exe");
  CHECK(s.arguments == "-k " + dir);
  CHECK(s.arch == Arch::arm64);
  CHECK(d.servers[1].arch == Arch::x86);  // the assembly's
  const ComClass& c = s.classes[0];
  CHECK(c.clsid == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}");
  CHECK(c.version == "1.0");
  CHECK(c.implemented_categories ==
        std::vector<std::string>{"{40FC6ED4-2438-11CF-A3DB-080036F12502}"});
  CHECK(c.required_categories ==
        std::vector<std::string>{"{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C05}"});
  CHECK(c.programmable);
  CHECK(c.control);
  CHECK_FALSE(c.insertable);
  REQUIRE(c.misc_status);
  CHECK(c.misc_status->value == 1u);
  CHECK(c.misc_status->aspects ==
        std::vector<std::pair<std::uint32_t, std::uint32_t>>{{1, 2}, {4, 3}});
  CHECK(c.toolbox_bitmap == dir + "\\s.exe,101");
  CHECK(c.default_icon == dir + "\\s.ico,0");
  CHECK(c.treat_as == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C06}");
  CHECK(c.auto_convert_to == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C07}");
  REQUIRE(c.license);
  CHECK(c.license->id == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C08}");
  CHECK(c.license->key == "secret");
  CHECK(d.servers[1].classes[0].misc_status->value == 131473u);
  CHECK(d.servers[1].classes[0].misc_status->aspects.empty());
  const AppId& a = d.appids[0];
  CHECK(a.dll_surrogate == dir + "\\host.exe");
  CHECK(a.local_service == "Svc");
  CHECK(a.service_parameters == "-s");
  CHECK(a.run_as == "Interactive User");
  CHECK(a.access_permission == "O:BAG:BAD:(A;;CCDCLC;;;SY)");
  CHECK(a.launch_permission.empty());
  CHECK(a.authentication_level == 6u);
  CHECK(a.remote_server_name == "srv");
  CHECK(a.appid_flags == 4294967295u);
  CHECK(a.preferred_server_bitness == 3u);
  CHECK(a.executables == std::vector<std::string>{"s.exe"});
  const TypeLib& t = d.typelibs[0];
  CHECK(t.major == 2);
  CHECK(t.minor == 10);
  CHECK(t.lcid == 9);
  CHECK(t.name == "Lib");
  CHECK(t.win32 == dir + "\\32.tlb");
  CHECK(t.win64 == dir + "\\64.tlb");
  CHECK(t.flags == (typelib_control | typelib_has_disk_image));
  CHECK(t.helpdir == dir + "\\help");
  const Interface& i = d.interfaces[0];
  CHECK(i.proxy_stub == "{00020424-0000-0000-C000-000000000046}");
  CHECK(i.num_methods == 7u);
  CHECK(i.base_interface == "{00020400-0000-0000-C000-000000000046}");
  CHECK(i.typelib == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C04}");
  CHECK(d.categories[0].lcid == 0x409);
  CHECK(d.categories[1].lcid == 7);
  CHECK(d.categories[1].description == "Dog");
}

TEST_CASE("Loader: a one-megabyte string where no registry value is made of it", "[loader]") {
  const std::string big(1 << 20, 'x');
  const auto r =
      testing::load_text(std::string(fixed_example).insert(1, "\"$comment\": \"" + big + "\","));
  CHECK(r.diagnostics.empty());  // a $comment is not written anywhere
  CHECK(r.description);
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
