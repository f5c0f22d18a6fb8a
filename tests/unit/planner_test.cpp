// The planner: which keys and values each description element becomes, with ownership.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "comreg/model/sddl.hpp"
#include "comreg/plan/plan.hpp"
#include "plan/value_json.hpp"
#include "support/description_builders.hpp"

using namespace comreg;
using namespace comreg::testing;

namespace {

const char* const clsid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}";
const char* const appid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}";

// "key[owned]" / "key[shared]" and "key|name=REG_X:display" lines, to compare whole plans.
std::vector<std::string> lines(const Plan& plan) {
  std::vector<std::string> out;
  for (const auto& op : plan.ops) {
    if (op.kind == OpKind::create_key) {
      out.push_back(op.key + (op.ownership == Ownership::owned ? "[owned]" : "[shared]"));
    } else {
      out.push_back(op.key + "|" + op.name + "=" + reg_type_name(op.value.type) + ":" +
                    op.value.display());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("Plan: in-process class with ProgIDs", "[plan]") {
  const auto d =
      make_description({make_server(ServerKind::inproc, "C:\\Contoso\\widgets.dll",
                                    {make_class(clsid, "Contoso Widget", "Contoso.Widget.1",
                                                "Contoso.Widget", Threading::apartment)})});
  const std::string k = std::string("CLSID\\") + clsid;
  CHECK(lines(make_plan(d, {})) ==
        std::vector<std::string>{
            k + "[owned]",
            k + "|=REG_SZ:\"Contoso Widget\"",
            k + "\\InprocServer32[owned]",
            k + "\\InprocServer32|=REG_SZ:\"C:\\\\Contoso\\\\widgets.dll\"",
            k + "\\InprocServer32|ThreadingModel=REG_SZ:\"Apartment\"",
            k + "\\ProgID[owned]",
            k + "\\ProgID|=REG_SZ:\"Contoso.Widget.1\"",
            k + "\\VersionIndependentProgID[owned]",
            k + "\\VersionIndependentProgID|=REG_SZ:\"Contoso.Widget\"",
            "Contoso.Widget.1[owned]",
            "Contoso.Widget.1|=REG_SZ:\"Contoso Widget\"",
            "Contoso.Widget.1\\CLSID[owned]",
            "Contoso.Widget.1\\CLSID|=REG_SZ:\"" + std::string(clsid) + "\"",
            "Contoso.Widget[owned]",
            "Contoso.Widget|=REG_SZ:\"Contoso Widget\"",
            "Contoso.Widget\\CLSID[owned]",
            "Contoso.Widget\\CLSID|=REG_SZ:\"" + std::string(clsid) + "\"",
            "Contoso.Widget\\CurVer[owned]",
            "Contoso.Widget\\CurVer|=REG_SZ:\"Contoso.Widget.1\"",
        });
}

TEST_CASE("Plan: local server command line is quoted and takes arguments", "[plan]") {
  auto d = make_description({make_server(ServerKind::local, "C:\\Program Files\\Contoso\\svc.exe",
                                         {make_class(clsid, "Svc")})});
  d.servers[0].arguments = "/automation";
  const auto plan = make_plan(d, {});
  REQUIRE(plan.ops.size() == 4);
  CHECK(plan.ops[2].key == std::string("CLSID\\") + clsid + "\\LocalServer32");
  CHECK(plan.ops[3].value == RegValue::sz("\"C:\\Program Files\\Contoso\\svc.exe\" /automation"));
  d.servers[0].path = "C:\\Contoso\\svc.exe";
  CHECK(make_plan(d, {}).ops[3].value == RegValue::sz("C:\\Contoso\\svc.exe /automation"));
}

TEST_CASE("Plan: environment references make REG_EXPAND_SZ", "[plan]") {
  auto d = make_description({make_server(ServerKind::inproc, "%ProgramFiles%\\Contoso\\w.dll",
                                         {make_class(clsid, "W")})});
  CHECK(make_plan(d, {}).ops[3].value.type == RegType::expand_sz);
  d.servers[0].path = "C:\\100%\\w.dll";  // a lone percent sign is not a reference
  CHECK(make_plan(d, {}).ops[3].value.type == RegType::sz);
}

TEST_CASE("Plan: handler, surrogate and remote servers", "[plan]") {
  auto d =
      make_description({make_server(ServerKind::handler, "ole32.dll", {make_class(clsid, "H")})});
  CHECK(make_plan(d, {}).ops[2].key == std::string("CLSID\\") + clsid + "\\InprocHandler32");

  auto s =
      make_description({make_server(ServerKind::surrogate, "C:\\s.dll", {make_class(clsid, "S")})});
  s.servers[0].classes[0].appid = appid;
  AppId a;
  a.appid = appid;
  s.appids.push_back(a);
  const auto lines_s = lines(make_plan(s, {}));
  CHECK(lines_s.back() == std::string("AppID\\") + appid + "|DllSurrogate=REG_SZ:\"\"");
  s.appids[0].dll_surrogate = "C:\\my host.exe";
  CHECK(lines(make_plan(s, {})).back() ==
        std::string("AppID\\") + appid + "|DllSurrogate=REG_SZ:\"C:\\\\my host.exe\"");

  auto r = make_description({make_server(ServerKind::remote, "", {make_class(clsid, "R")})});
  r.servers[0].classes[0].appid = appid;
  const auto lines_r = lines(make_plan(r, {}));
  REQUIRE(lines_r.size() == 3);
  CHECK(lines_r[2] == std::string("CLSID\\") + clsid + "|AppID=REG_SZ:\"" + appid + "\"");
}

TEST_CASE("Plan: AppID values, security descriptors and executable mapping", "[plan][sddl]") {
  auto d =
      make_description({make_server(ServerKind::local, "C:\\svc.exe", {make_class(clsid, "S")})});
  AppId a;
  a.appid = appid;
  a.name = "Svc";
  a.launch_permission = "O:BAG:BAD:(A;;0x1f;;;BA)(A;;0x1f;;;IU)(A;;0x1f;;;SY)";
  a.authentication_level = 2;
  a.run_as = "Interactive User";
  a.executables = {"svc.exe"};
  d.appids.push_back(a);
  const auto plan = make_plan(d, {});
  const std::string k = std::string("AppID\\") + appid;
  const auto l = lines(plan);
  const std::vector<std::string> tail(l.end() - 7, l.end());
  CHECK(tail[0] == k + "[owned]");
  CHECK(tail[1] == k + "|=REG_SZ:\"Svc\"");
  CHECK(tail[2] == k + "|RunAs=REG_SZ:\"Interactive User\"");
  CHECK(tail[3].rfind(k + "|LaunchPermission=REG_BINARY:01,00,04,80,5c,00", 0) == 0);
  CHECK(tail[4] == k + "|AuthenticationLevel=REG_DWORD:0x2");
  CHECK(tail[5] == "AppID\\svc.exe[owned]");
  CHECK(tail[6] == "AppID\\svc.exe|AppID=REG_SZ:\"" + std::string(appid) + "\"");
  const auto sd = sddl_to_security_descriptor(a.launch_permission);
  for (const auto& op : plan.ops) {
    if (op.name == "LaunchPermission") CHECK(op.value.bytes == sd.descriptor);
  }
}

TEST_CASE("Plan: type library keys in RegisterTypeLib's number formats", "[plan]") {
  auto d =
      make_description({make_server(ServerKind::inproc, "C:\\w.dll", {make_class(clsid, "W")})});
  TypeLib t;
  t.libid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0B}";
  t.major = 10;
  t.minor = 2;
  t.lcid = 0x409;
  t.name = "Widgets";
  t.win32 = "C:\\x86\\w.dll";
  t.win64 = "C:\\w.dll\\2";
  t.flags = typelib_control | typelib_has_disk_image;
  d.typelibs.push_back(t);
  Interface i;
  i.iid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0C}";
  i.name = "IWidget";
  i.typelib = t.libid;
  i.num_methods = 12;
  d.interfaces.push_back(i);
  Category c;
  c.catid = "{40FC6ED4-2438-11CF-A3DB-080036F12502}";
  c.description = "Controls";
  d.categories.push_back(c);
  const auto l = lines(make_plan(d, {}));
  const std::string base = "TypeLib\\" + t.libid;
  const std::vector<std::string> expected{
      base + "[shared]",
      base + "\\a.2[owned]",
      base + "\\a.2|=REG_SZ:\"Widgets\"",
      base + "\\a.2\\409[owned]",
      base + "\\a.2\\409\\win32[owned]",
      base + "\\a.2\\409\\win32|=REG_SZ:\"C:\\\\x86\\\\w.dll\"",
      base + "\\a.2\\409\\win64[owned]",
      base + "\\a.2\\409\\win64|=REG_SZ:\"C:\\\\w.dll\\\\2\"",
      base + "\\a.2\\FLAGS[owned]",
      base + "\\a.2\\FLAGS|=REG_SZ:\"10\"",
      base + "\\a.2\\HELPDIR[owned]",
      base + "\\a.2\\HELPDIR|=REG_SZ:\"\"",
      "Interface\\" + i.iid + "[owned]",
      "Interface\\" + i.iid + "|=REG_SZ:\"IWidget\"",
      "Interface\\" + i.iid + "\\NumMethods[owned]",
      "Interface\\" + i.iid + "\\NumMethods|=REG_SZ:\"12\"",
      "Interface\\" + i.iid + "\\TypeLib[owned]",
      "Interface\\" + i.iid + "\\TypeLib|=REG_SZ:\"" + t.libid + "\"",
      "Interface\\" + i.iid + "\\TypeLib|Version=REG_SZ:\"a.2\"",
      "Component Categories\\" + c.catid + "[shared]",
      "Component Categories\\" + c.catid + "|409=REG_SZ:\"Controls\"",
  };
  CHECK(std::vector<std::string>(l.end() - static_cast<long>(expected.size()), l.end()) ==
        expected);
}

TEST_CASE("Plan: an interface's proxy/stub keys, the 16-bit one only when described", "[plan]") {
  auto d = make_description({});
  Interface i;
  i.iid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0C}";
  i.name = "IWidget";
  i.proxy_stub = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0D}";
  d.interfaces.push_back(i);
  const std::string k = "Interface\\" + i.iid;
  const std::vector<std::string> thirty_two{
      k + "[owned]", k + "|=REG_SZ:\"IWidget\"", k + "\\ProxyStubClsid32[owned]",
      k + "\\ProxyStubClsid32|=REG_SZ:\"" + i.proxy_stub + "\""};
  CHECK(lines(make_plan(d, {})) == thirty_two);
  d.interfaces[0].proxy_stub16 = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0E}";
  std::vector<std::string> both = thirty_two;
  both.push_back(k + "\\ProxyStubClsid[owned]");
  both.push_back(k + "\\ProxyStubClsid|=REG_SZ:\"{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0E}\"");
  CHECK(lines(make_plan(d, {})) == both);
}

TEST_CASE("Plan: a class's own values and subkeys, parents first, a parent not listed empty",
          "[plan]") {
  auto d =
      make_description({make_server(ServerKind::inproc, "C:\\w.dll", {make_class(clsid, "W")})});
  auto& c = d.servers[0].classes[0];
  c.values = {{"Author", RegValue::sz("Contoso")}, {"Merit", RegValue::dword(0x200000)}};
  // Listed child before parent, and a parent (Patterns) not listed at all.
  c.subkeys = {{"Formats\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0B}", {}},
               {"Formats", {{"", RegValue::sz("formats")}}},
               {"Patterns\\0", {{"Mask", RegValue::binary({0xFF, 0x00})}}}};
  const std::string k = std::string("CLSID\\") + clsid;
  const std::vector<std::string> expected{
      k + "[owned]",
      k + "|=REG_SZ:\"W\"",
      k + "|Author=REG_SZ:\"Contoso\"",
      k + "|Merit=REG_DWORD:0x200000",
      k + "\\InprocServer32[owned]",
      k + "\\InprocServer32|=REG_SZ:\"C:\\\\w.dll\"",
      k + "\\Formats[owned]",
      k + "\\Formats|=REG_SZ:\"formats\"",
      k + "\\Formats\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0B}[owned]",
      k + "\\Patterns[owned]",
      k + "\\Patterns\\0[owned]",
      k + "\\Patterns\\0|Mask=REG_BINARY:ff,00"};
  CHECK(lines(make_plan(d, {})) == expected);
}

TEST_CASE("Plan: control class keys", "[plan]") {
  auto d = make_description(
      {make_server(ServerKind::inproc, "C:\\g.ocx", {make_class(clsid, "G", "Gauge.1")})});
  auto& c = d.servers[0].classes[0];
  c.control = c.insertable = c.programmable = true;
  c.implemented_categories = {"{40FC6ED4-2438-11CF-A3DB-080036F12502}"};
  c.misc_status = MiscStatus{0u, {{1, 132497u}}};
  c.toolbox_bitmap = "C:\\g.ocx,1";
  c.license = License{"{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0D}", "key"};
  const auto l = lines(make_plan(d, {}));
  const std::string k = std::string("CLSID\\") + clsid;
  for (const std::string& expected :
       {k + "\\Implemented Categories[owned]",
        k + "\\Implemented Categories\\{40FC6ED4-2438-11CF-A3DB-080036F12502}[owned]",
        k + "\\Programmable[owned]", k + "\\Control[owned]", k + "\\Insertable[owned]",
        k + "\\MiscStatus|=REG_SZ:\"0\"", k + "\\MiscStatus\\1|=REG_SZ:\"132497\"",
        k + "\\ToolboxBitmap32|=REG_SZ:\"C:\\\\g.ocx,1\"",
        std::string("Gauge.1\\Insertable[owned]"),
        std::string("Licenses\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0D}|=REG_SZ:\"key\"")}) {
    CAPTURE(expected);
    CHECK(std::find(l.begin(), l.end(), expected) != l.end());
  }
}

TEST_CASE("Plan: 32-bit view redirects CLSID and Interface only", "[plan]") {
  CHECK(physical_key("CLSID\\{X}\\InprocServer32", View::v32) ==
        "Wow6432Node\\CLSID\\{X}\\InprocServer32");
  CHECK(physical_key("Interface\\{I}", View::v32) == "Wow6432Node\\Interface\\{I}");
  CHECK(physical_key("clsid\\{X}", View::v32) == "Wow6432Node\\clsid\\{X}");
  CHECK(physical_key("CLSIDFoo.Bar", View::v32) == "CLSIDFoo.Bar");
  CHECK(physical_key("AppID\\{A}", View::v32) == "AppID\\{A}");
  CHECK(physical_key("TypeLib\\{L}", View::v32) == "TypeLib\\{L}");
  CHECK(physical_key("CLSID\\{X}", View::v64) == "CLSID\\{X}");
  CHECK(classes_root(Scope::user) == "HKEY_CURRENT_USER\\Software\\Classes");
  CHECK(classes_root(Scope::machine) == "HKEY_LOCAL_MACHINE\\Software\\Classes");
}

TEST_CASE("Plan: owned roots are the trees uninstall deletes", "[plan]") {
  auto d = make_description(
      {make_server(ServerKind::inproc, "C:\\w.dll",
                   {make_class(clsid, "W", "Contoso.Widget.1", "Contoso.Widget")})});
  TypeLib t;
  t.libid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0B}";
  t.win64 = "C:\\w.dll";
  d.typelibs.push_back(t);
  CHECK(owned_roots(make_plan(d, {})) ==
        std::vector<std::string>{std::string("CLSID\\") + clsid, "Contoso.Widget.1",
                                 "Contoso.Widget", "TypeLib\\" + t.libid + "\\1.0"});
}

TEST_CASE("Plan: keys another product may share are marked unless exclusive", "[plan]") {
  auto d = make_description(
      {make_server(ServerKind::local, "C:\\w.exe",
                   {make_class(clsid, "W", "Contoso.Widget.1", "Contoso.Widget")})});
  d.servers[0].classes[0].appid = appid;
  AppId a;
  a.appid = appid;
  a.executables = {"w.exe"};
  d.appids.push_back(a);
  TypeLib t;
  t.libid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0B}";
  t.win64 = "C:\\w.dll";
  d.typelibs.push_back(t);
  Interface i;
  i.iid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0C}";
  i.name = "IW";
  i.proxy_stub = clsid;
  d.interfaces.push_back(i);
  Category c;
  c.catid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0D}";
  c.description = "Widgets";
  d.categories.push_back(c);
  const auto shareable = [](const Plan& plan) {
    std::vector<std::string> out;
    for (const auto& op : plan.ops) {
      if (op.shareable) out.push_back(op.key);
    }
    return out;
  };
  const std::vector<std::string> all{"Contoso.Widget",      std::string("AppID\\") + appid,
                                     "AppID\\w.exe",        "TypeLib\\" + t.libid + "\\1.0",
                                     "Interface\\" + i.iid, "Component Categories\\" + c.catid};
  const Plan plan = make_plan(d, {});
  CHECK(shareable(plan) == all);
  CHECK(shareable(make_plan(d, {})) == all);  // deterministic
  // The flag is data for the static writers only: ownership and owned roots are as before.
  std::vector<std::string> before = lines(plan);
  d.servers[0].classes[0].exclusive_version_independent_progid = true;
  d.appids[0].exclusive = true;
  d.typelibs[0].exclusive = true;
  d.interfaces[0].exclusive = true;
  d.categories[0].exclusive = true;
  const Plan exclusive = make_plan(d, {});
  CHECK(shareable(exclusive).empty());
  CHECK(lines(exclusive) == before);
  CHECK(owned_roots(exclusive) == owned_roots(plan));
}

TEST_CASE("Plan: renderings are deterministic and exact", "[plan]") {
  const auto d = make_description({make_server(ServerKind::inproc, "C:\\w.dll",
                                               {make_class(clsid, "W", "", "", Threading::both)})});
  const auto plan = make_plan(d, {Scope::machine, View::v32});
  CHECK(plan_to_text(plan) ==
        "# comreg plan: scope=machine view=32 root=HKEY_LOCAL_MACHINE\\Software\\Classes\n"
        "# 2 keys (2 owned, 0 shared), 3 values\n"
        "key owned  Wow6432Node\\CLSID\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\n"
        "    @                        REG_SZ         \"W\"\n"
        "key owned  Wow6432Node\\CLSID\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\\InprocServer32\n"
        "    @                        REG_SZ         \"C:\\\\w.dll\"\n"
        "    \"ThreadingModel\"         REG_SZ         \"Both\"\n");
  const std::string json = plan_to_json(plan);
  CHECK(
      json.find(
          "\"physicalKey\": \"Wow6432Node\\\\CLSID\\\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\"") !=
      std::string::npos);
  CHECK(json.find("\"scope\": \"machine\"") != std::string::npos);
  CHECK(json == plan_to_json(make_plan(d, {Scope::machine, View::v32})));
}

TEST_CASE("Plan: the streamed JSON is nlohmann's dump(2) of the same document, byte for byte",
          "[plan]") {
  Plan plan;
  plan.options = {Scope::machine, View::v32};
  plan.origins = {"", "/servers/0/classes/0", "/odd \"origin\" \\ \x01"};
  const auto op = [&](OpKind kind, std::string key, std::string name, RegValue value,
                      std::uint32_t origin) {
    Operation o;
    o.kind = kind;
    o.key = std::move(key);
    o.name = std::move(name);
    o.value = std::move(value);
    o.origin = origin;
    o.ownership = origin == 1 ? Ownership::owned : Ownership::shared;
    plan.ops.push_back(std::move(o));
  };
  // Every value shape, and every character nlohmann escapes (and some it does not: DEL, '/',
  // UTF-8).
  op(OpKind::create_key, "CLSID\\{X}", {}, {}, 1);
  op(OpKind::set_value, "CLSID\\{X}", "", RegValue::sz("quote \" back \\ /slash\x7f"), 1);
  op(OpKind::set_value, "CLSID\\{X}", "ctl\b\f\n\r\t\x01\x1f",
     RegValue::expand_sz("%SystemRoot%\\\xc3\xa9\xe2\x82\xac"), 2);
  op(OpKind::set_value, "CLSID\\{X}", "d", RegValue::dword(4294967295u), 0);
  op(OpKind::set_value, "CLSID\\{X}", "q", RegValue::qword(18446744073709551615ull), 0);
  op(OpKind::set_value, "CLSID\\{X}", "m", RegValue::multi_sz({"a", "", "b\tc"}), 0);
  op(OpKind::set_value, "CLSID\\{X}", "m0", RegValue::multi_sz({}), 0);
  op(OpKind::set_value, "CLSID\\{X}", "b", RegValue::binary({0x00, 0xab, 0xff}), 0);
  op(OpKind::set_value, "CLSID\\{X}", "b0", RegValue::binary({}), 0);
  op(OpKind::create_key, "Wow6432Node\\x", {}, {}, 2);

  // The document the writer replaced, built as it was built.
  const auto reference = [](const Plan& p) {
    using nlohmann::ordered_json;
    ordered_json ops = ordered_json::array();
    for (const auto& o : p.ops) {
      ordered_json j;
      const bool key = o.kind == OpKind::create_key;
      j["op"] = key ? "createKey" : "setValue";
      j["key"] = o.key;
      j["physicalKey"] = physical_key(o.key, p.options.view);
      if (key) {
        j["ownership"] = o.ownership == Ownership::owned ? "owned" : "shared";
      } else {
        j["name"] = o.name;
        j["type"] = reg_type_name(o.value.type);
        j["value"] = value_data_json(o.value);
      }
      j["origin"] = p.origin_of(o);
      ops.push_back(std::move(j));
    }
    ordered_json doc;
    doc["scope"] = to_string(p.options.scope);
    doc["view"] = to_string(p.options.view);
    doc["root"] = classes_root(p.options.scope);
    doc["operations"] = std::move(ops);
    return doc.dump(2) + "\n";
  };
  CHECK(plan_to_json(plan) == reference(plan));
  const Plan empty;
  CHECK(plan_to_json(empty) == reference(empty));
  // Text that is not UTF-8 fails as the document's dump failed.
  op(OpKind::create_key, "bad\xff", {}, {}, 0);
  CHECK_THROWS_AS(plan_to_json(plan), nlohmann::json::type_error);
}

TEST_CASE("Plan: the text and JSON written into a sink are the same, in several chunks", "[plan]") {
  // 8,000 classes make a text of about 1.5 MB (JSON 6 MB): the sink must receive it in pieces.
  std::vector<ComClass> classes;
  for (int i = 0; i < 8000; ++i) {
    char id[40];
    std::snprintf(id, sizeof id, "{0F5D1C8E-4B7A-4F2E-9C3D-%012X}", static_cast<unsigned>(i));
    classes.push_back(
        make_class(id, "Widget \"" + std::to_string(i) + "\"", "", "", Threading::both));
  }
  const auto d = make_description({make_server(ServerKind::inproc, "C:\\w.dll", classes)});
  for (const View view : {View::v64, View::v32}) {
    const auto plan = make_plan(d, {Scope::machine, view});
    struct Chunks final : ByteSink {
      void write(std::string_view bytes) override {
        text.append(bytes);
        ++count;
      }
      std::string text;
      int count = 0;
    } chunks;
    plan_to_text(plan, chunks);
    CHECK(chunks.text == plan_to_text(plan));
    CHECK(chunks.count > 1);
    chunks = {};
    plan_to_json(plan, chunks);
    CHECK(chunks.text == plan_to_json(plan));
    CHECK(chunks.count > 1);
  }
  struct Whole final : ByteSink {
    void write(std::string_view bytes) override { text.append(bytes); }
    std::string text;
  } whole;
  const Plan empty;
  plan_to_json(empty, whole);
  CHECK(whole.text == plan_to_json(empty));
}
