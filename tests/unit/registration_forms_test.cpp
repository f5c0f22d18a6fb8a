// The forms real registrations need (issue 15): one CLSID listed under an in-process and a
// local server, .NET classes (clr), ProgID keys owned by another class, type libraries without
// FLAGS or HELPDIR, descriptions without servers. Each: what the loader accepts or refuses,
// what the planner writes, and that the writer gives the same description back.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/plan/plan.hpp"
#include "support/description_equal.hpp"

using namespace comreg;

namespace {

const std::string head =
    R"({ "comreg": 1, "assembly": { "name": "Fabrikam.Forms", "version": "1.0.0.0" }, )";

// "key" and "key|name=display" lines of a plan.
std::vector<std::string> lines(const Plan& plan) {
  std::vector<std::string> out;
  for (const auto& op : plan.ops) {
    if (op.kind == OpKind::create_key) {
      out.push_back(op.key);
    } else {
      out.push_back(op.key + "|" + op.name + "=" + op.value.text);  // the string, unquoted
    }
  }
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& line) {
  return std::find(v.begin(), v.end(), line) != v.end();
}

std::vector<std::string> codes(const Diagnostics& ds, Severity severity) {
  std::vector<std::string> out;
  for (const auto& d : ds) {
    if (d.severity == severity) out.push_back(d.code + " " + d.location.pointer);
  }
  return out;
}

Description loaded(const std::string& text) {
  const LoadResult r = load_description(text, "forms.json");
  INFO(format_diagnostics_json(r.diagnostics));
  REQUIRE(r.description);
  // The writer gives back what was read.
  const LoadResult again = load_description(description_to_json(*r.description), "again.json");
  REQUIRE(again.description);
  CHECK(testing::describe_differences(*r.description, *again.description) == "");
  return *r.description;
}

const char* const dual = R"("servers": [
  { "kind": "inproc", "path": "C:\\Fabrikam\\draw.dll", "classes": [
    { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}", "name": "Drawing",
      "progid": "Fabrikam.Drawing.1", "threading": "Apartment" } ] },
  { "kind": "local", "path": "C:\\Fabrikam\\draw.exe", "arguments": "/automation", "classes": [
    { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}" LOCAL } ] } ] })";

std::string dual_with(const std::string& local_members) {
  std::string s = dual;
  s.replace(s.find(" LOCAL"), 6, local_members);
  return head + s;
}

}  // namespace

TEST_CASE("Forms: a CLSID listed under an in-process and a local server is one class",
          "[plan][description]") {
  const Description d = loaded(dual_with(R"(, "name": "Drawing")"));
  const auto plan = lines(make_plan(d, {Scope::machine, View::v64}));
  const std::string k = "CLSID\\{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}";
  CHECK(std::count(plan.begin(), plan.end(), k) == 1);
  CHECK(has(plan, k + "\\InprocServer32|=C:\\Fabrikam\\draw.dll"));
  CHECK(has(plan, k + "\\InprocServer32|ThreadingModel=Apartment"));
  CHECK(has(plan, k + "\\LocalServer32|=C:\\Fabrikam\\draw.exe /automation"));
  CHECK(std::count(plan.begin(), plan.end(), k + "\\ProgID|=Fabrikam.Drawing.1") == 1);
  CHECK(std::count(plan.begin(), plan.end(), "Fabrikam.Drawing.1\\CLSID") == 1);
  // The members the first listing lacks come from the other.
  const Description more = loaded(dual_with(R"(, "version": "1.0", "programmable": true)"));
  const auto more_plan = lines(make_plan(more, {Scope::machine, View::v64}));
  CHECK(has(more_plan, k + "\\Version|=1.0"));
  CHECK(has(more_plan, k + "\\Programmable"));
}

TEST_CASE("Forms: listings of one CLSID that disagree are refused, each member at its pointer",
          "[description]") {
  const LoadResult r =
      load_description(dual_with(R"(, "name": "Other", "progid": "Fabrikam.Other.1")"), "f.json");
  CHECK_FALSE(r.description);
  const auto errors = codes(r.diagnostics, Severity::error);
  CHECK(errors == std::vector<std::string>{"conflicting-listing /servers/1/classes/0/name",
                                           "conflicting-listing /servers/1/classes/0/progid"});
  CHECK(r.diagnostics.items()[0].message.find("/servers/0/classes/0") != std::string::npos);
  // threading stays an in-process member: under the local listing it is misplaced.
  const LoadResult t = load_description(dual_with(R"(, "threading": "Apartment")"), "f.json");
  CHECK(codes(t.diagnostics, Severity::error) ==
        std::vector<std::string>{"misplaced-field /servers/1/classes/0/threading"});
}

TEST_CASE("Forms: a CLSID twice under servers of one key, or a surrogate's, stays a duplicate",
          "[description]") {
  const std::string two_dlls = head + R"("servers": [
    { "kind": "inproc", "path": "C:\\a.dll", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}" } ] },
    { "kind": "inproc", "path": "C:\\b.dll", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}" } ] } ] })";
  CHECK(codes(load_description(two_dlls, "f.json").diagnostics, Severity::error) ==
        std::vector<std::string>{"duplicate-clsid /servers/1/classes/0/clsid"});
  const std::string three = head + R"("servers": [
    { "kind": "inproc", "path": "C:\\a.dll", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}" } ] },
    { "kind": "local", "path": "C:\\a.exe", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}" } ] },
    { "kind": "local", "path": "C:\\b.exe", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}" } ] } ] })";
  CHECK(codes(load_description(three, "f.json").diagnostics, Severity::error) ==
        std::vector<std::string>{"duplicate-clsid /servers/2/classes/0/clsid"});
  const std::string handler = head + R"("servers": [
    { "kind": "handler", "path": "ole32.dll", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}" } ] },
    { "kind": "local", "path": "C:\\a.exe", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}", "insertable": true } ] } ] })";
  const auto plan = lines(make_plan(loaded(handler), {Scope::machine, View::v64}));
  CHECK(has(plan, "CLSID\\{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}\\InprocHandler32|=ole32.dll"));
  CHECK(has(plan, "CLSID\\{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}\\LocalServer32|=C:\\a.exe"));
  CHECK(has(plan, "CLSID\\{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}\\Insertable"));
}

TEST_CASE("Forms: a .NET class is planned as regasm writes it", "[plan][description]") {
  const std::string text = head + R"("servers": [
    { "kind": "inproc", "path": "mscoree.dll", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E31}", "name": "Fabrikam.Calc",
        "threading": "Both",
        "clr": { "class": "Fabrikam.Calc",
                 "assembly": "Fabrikam, Version=1.2.0.0, Culture=neutral, PublicKeyToken=null",
                 "runtimeVersion": "v4.0.30319", "codeBase": "file:///C:/F/Fabrikam.dll" } } ] } ] })";
  const auto plan = lines(make_plan(loaded(text), {Scope::machine, View::v64}));
  const std::string k = "CLSID\\{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E31}\\InprocServer32";
  for (const std::string& key : {k, k + "\\1.2.0.0"}) {
    CAPTURE(key);
    CHECK(has(plan, key + "|Class=Fabrikam.Calc"));
    CHECK(has(plan,
              key + "|Assembly=Fabrikam, Version=1.2.0.0, Culture=neutral, PublicKeyToken=null"));
    CHECK(has(plan, key + "|RuntimeVersion=v4.0.30319"));
    CHECK(has(plan, key + "|CodeBase=file:///C:/F/Fabrikam.dll"));
  }
  CHECK(has(plan, k + "|=mscoree.dll"));
  // Without a Version in the assembly name there is no version subkey; class and assembly
  // are required; clr belongs to in-process servers.
  const std::string bare = head + R"("servers": [
    { "kind": "inproc", "path": "mscoree.dll", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E31}",
        "clr": { "class": "Fabrikam.Calc", "assembly": "Fabrikam" } } ] } ] })";
  const auto bare_plan = lines(make_plan(loaded(bare), {Scope::machine, View::v64}));
  CHECK(std::none_of(bare_plan.begin(), bare_plan.end(),
                     [&](const std::string& l) { return l.starts_with(k + "\\"); }));
  const std::string wrong = head + R"("servers": [
    { "kind": "local", "path": "C:\\calc.exe", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E31}", "clr": { "class": "C" } } ] } ] })";
  CHECK(codes(load_description(wrong, "f.json").diagnostics, Severity::error) ==
        std::vector<std::string>{"missing-field /servers/0/classes/0/clr",
                                 "misplaced-field /servers/0/classes/0/clr"});
}

TEST_CASE("Forms: a ProgID key owned by another class is named, not written",
          "[plan][description]") {
  const std::string text = head + R"("servers": [
    { "kind": "inproc", "path": "C:\\chart1.dll", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E22}", "progid": "Fabrikam.Chart.1",
        "versionIndependentProgid": "Fabrikam.Chart", "versionIndependentProgidKey": false } ] },
    { "kind": "inproc", "path": "C:\\chart2.dll", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E23}", "progid": "Fabrikam.Chart.2",
        "versionIndependentProgid": "Fabrikam.Chart" } ] } ] })";
  const LoadResult r = load_description(text, "f.json");
  CHECK(r.diagnostics.empty());
  const auto plan = lines(make_plan(loaded(text), {Scope::machine, View::v64}));
  CHECK(std::count(plan.begin(), plan.end(), "Fabrikam.Chart") == 1);
  CHECK(has(plan, "Fabrikam.Chart\\CLSID|={3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E23}"));
  CHECK(has(plan, "Fabrikam.Chart.1\\CLSID|={3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E22}"));
  CHECK(has(plan,
            "CLSID\\{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E22}\\VersionIndependentProgID|="
            "Fabrikam.Chart"));
  // Both owning it is still a duplicate.
  std::string both = text;
  both.erase(both.find(R"(, "versionIndependentProgidKey": false)"), 38);
  CHECK(codes(load_description(both, "f.json").diagnostics, Severity::error) ==
        std::vector<std::string>{"duplicate-progid /servers/1/classes/0/versionIndependentProgid"});
}

TEST_CASE("Forms: a ProgID equal to its version-independent ProgID is one key, with legacyNames",
          "[plan][description]") {
  const std::string text = head + R"("servers": [
    { "kind": "inproc", "path": "C:\\viewer.dll", "classes": [
      { "clsid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E21}", "progid": "Fabrikam.Viewer",
        "versionIndependentProgid": "Fabrikam.Viewer" LEGACY } ] } ] })";
  std::string strict = text;
  strict.replace(strict.find(" LEGACY"), 7, "");
  CHECK(codes(load_description(strict, "f.json").diagnostics, Severity::error) ==
        std::vector<std::string>{"same-progid /servers/0/classes/0/versionIndependentProgid"});
  std::string legacy = text;
  legacy.replace(legacy.find(" LEGACY"), 7, R"(, "legacyNames": true)");
  const LoadResult r = load_description(legacy, "f.json");
  CHECK(codes(r.diagnostics, Severity::warning) ==
        std::vector<std::string>{"same-progid /servers/0/classes/0/versionIndependentProgid"});
  const auto plan = lines(make_plan(loaded(legacy), {Scope::machine, View::v64}));
  CHECK(std::count(plan.begin(), plan.end(), "Fabrikam.Viewer") == 1);
  CHECK_FALSE(has(plan, "Fabrikam.Viewer\\CurVer"));
}

TEST_CASE("Forms: FLAGS and HELPDIR are written unless null", "[plan][description]") {
  const std::string text = head + R"("servers": [], "typelibs": [
    { "libid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E40}", "version": "1.0", "win32": "C:\\a.tlb" },
    { "libid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E40}", "version": "1.1", "win32": "C:\\b.tlb",
      "flags": null, "helpdir": null } ] })";
  const Description d = loaded(text);
  CHECK(d.typelibs[0].flags == 0u);
  CHECK(d.typelibs[0].helpdir == std::string());
  CHECK_FALSE(d.typelibs[1].flags);
  CHECK_FALSE(d.typelibs[1].helpdir);
  const auto plan = lines(make_plan(d, {Scope::machine, View::v64}));
  const std::string t = "TypeLib\\{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E40}";
  CHECK(has(plan, t + "\\1.0\\FLAGS|=0"));
  CHECK(has(plan, t + "\\1.0\\HELPDIR|="));
  CHECK_FALSE(has(plan, t + "\\1.1\\FLAGS"));
  CHECK_FALSE(has(plan, t + "\\1.1\\HELPDIR"));
}

TEST_CASE("Forms: type libraries and interfaces need no server but nothing at all does",
          "[description]") {
  const std::string interfaces = head + R"("servers": [],
    "typelibs": [ { "libid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E50}", "version": "2.0",
                    "win64": "C:\\events.tlb" } ],
    "interfaces": [ { "iid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E51}", "name": "IEvents",
                      "proxyStub": "{00020424-0000-0000-C000-000000000046}",
                      "typelib": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E50}" } ] })";
  const LoadResult r = load_description(interfaces, "f.json");
  CHECK(codes(r.diagnostics, Severity::error).empty());
  const std::string nothing = head + R"("servers": [], "appids": [
    { "appid": "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E53}" } ] })";
  CHECK(codes(load_description(nothing, "f.json").diagnostics, Severity::error) ==
        std::vector<std::string>{"empty-value /servers"});
}
