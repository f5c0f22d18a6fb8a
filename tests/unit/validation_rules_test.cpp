// One test per validation rule: a small bad description, and the exact diagnostic it gets —
// code, message, line:column in the file, JSON pointer, and a hint.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "support/diagnostic_matchers.hpp"

using comreg::testing::load_text;
using comreg::testing::require_diagnostic;

namespace {

// A valid description around one server's `kind`/`path` and one class body, plus extra
// top-level members (",\n  \"appids\": […]").
std::string doc(std::string_view cls, std::string_view extra = "",
                std::string_view server = R"("kind": "inproc", "path": "${installdir}\\w.dll")") {
  std::string s = R"({
  "comreg": 1,
  "assembly": { "name": "Contoso.Widgets", "version": "1.2.0.0", "arch": "amd64" },
  "servers": [
    { )";
  s += server;
  s += R"(,
      "classes": [
        { )";
  s += cls;
  s += R"( } ] } ])";
  s += extra;
  s += "\n}\n";
  return s;
}

const char* const clsid = R"("clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}")";

}  // namespace

TEST_CASE("Validation: a valid description has no diagnostics", "[validation]") {
  const auto r = load_text(doc(std::string(clsid) + R"(, "progid": "Contoso.Widget.1")"));
  CHECK(r.diagnostics.empty());
  REQUIRE(r.description);
}

TEST_CASE("Validation: malformed JSON", "[validation]") {
  const std::string text = "{\n  \"comreg\": 1,\n  \"servers\": [ { \"kind\": \"inproc\" ]\n}\n";
  const auto r = load_text(text);
  require_diagnostic(r, "json-syntax", "expected ',' or '}' after an object member, found ']'",
                     text, "]\n}", "/servers/0");
}

TEST_CASE("Validation: trailing comma", "[validation]") {
  const std::string text = "{ \"comreg\": 1, }";
  require_diagnostic(load_text(text), "json-syntax",
                     "expected a member name in double quotes, found '}'", text, "}", "");
}

TEST_CASE("Validation: truncated file", "[validation]") {
  const std::string text = "{ \"comreg\": 1, \"servers\": [";
  const auto r = load_text(text);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics.items()[0].code == "json-syntax");
  CHECK(r.diagnostics.items()[0].message == "expected a value, found end of file");
  CHECK(r.diagnostics.items()[0].location.column == 28);
}

TEST_CASE("Validation: duplicate member", "[validation]") {
  const std::string text = doc(std::string(clsid) + R"(, "name": "A", "name": "B")");
  require_diagnostic(load_text(text), "duplicate-key", "duplicate member 'name'", text,
                     R"("name": "B")", "/servers/0/classes/0/name");
}

TEST_CASE("Validation: nesting deeper than the limit is refused without recursion",
          "[validation]") {
  const std::string text = std::string(1'000'000, '[') + std::string(1'000'000, ']');
  const auto r = load_text(text);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics.items()[0].code == "too-deep");
  CHECK(r.diagnostics.items()[0].message == "nesting deeper than 64 levels");
  CHECK(r.diagnostics.items()[0].location.column == 65);
}

TEST_CASE("Validation: invalid UTF-8 in a string", "[validation]") {
  const std::string text = doc(std::string(clsid) + ", \"name\": \"bad \xC3\x28 byte\"");
  require_diagnostic(load_text(text), "invalid-utf8", "invalid UTF-8 byte 0xC3", text, "\xC3",
                     "/servers/0/classes/0/name");
}

TEST_CASE("Validation: unknown member with a suggestion", "[validation]") {
  const std::string text = doc(std::string(clsid) + R"(, "threadingModel": "Both")");
  const auto& d =
      require_diagnostic(load_text(text), "unknown-field", "unknown member 'threadingModel'", text,
                         R"("threadingModel")", "/servers/0/classes/0/threadingModel");
  CHECK(d.hint == "did you mean 'threading'?");
}

TEST_CASE("Validation: wrong type", "[validation]") {
  const std::string text = doc(std::string(clsid) + R"(, "name": 42)");
  require_diagnostic(load_text(text), "wrong-type", "'name' must be a string, found number 42",
                     text, "42", "/servers/0/classes/0/name");
}

TEST_CASE("Validation: missing required member", "[validation]") {
  const std::string text = doc(R"("name": "Widget")");
  require_diagnostic(load_text(text), "missing-field", "missing required member 'clsid'", text,
                     R"({ "name": "Widget")", "/servers/0/classes/0");
}

TEST_CASE("Validation: unsupported format version", "[validation]") {
  std::string text = doc(clsid);
  text.replace(text.find("\"comreg\": 1"), 11, "\"comreg\": 2");
  require_diagnostic(load_text(text), "unsupported-version", "format version 2 is not supported",
                     text, "2,", "/comreg");
}

TEST_CASE("Validation: GUID syntax", "[validation]") {
  const std::string text = doc(R"("clsid": "{0F5D1C8E-4B7A-4F2E-9C3D}")");
  require_diagnostic(load_text(text), "bad-guid", "invalid GUID '{0F5D1C8E-4B7A-4F2E-9C3D}'", text,
                     R"("{0F5D)", "/servers/0/classes/0/clsid");
}

TEST_CASE("Validation: an interface's 16-bit proxy/stub is a GUID", "[validation]") {
  const std::string text = R"({
  "comreg": 1,
  "assembly": { "name": "Contoso.Widgets", "version": "1.2.0.0" },
  "interfaces": [ { "iid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C05}", "name": "IWidget",
                    "proxyStub16": "{0F5D1C8E-4B7A}" } ]
})";
  require_diagnostic(load_text(text), "bad-guid", "invalid GUID '{0F5D1C8E-4B7A}'", text,
                     R"("{0F5D1C8E-4B7A}")", "/interfaces/0/proxyStub16");
}

TEST_CASE("Validation: GUIDs without braces and in lower case are normalized", "[validation]") {
  const auto r = load_text(doc(R"("clsid": "0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01")"));
  REQUIRE(r.description);
  CHECK(r.description->servers[0].classes[0].clsid == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}");
}

TEST_CASE("Validation: server kind", "[validation]") {
  const std::string text = doc(clsid, "", R"("kind": "inprocess", "path": "C:\\w.dll")");
  const auto& d = require_diagnostic(load_text(text), "bad-kind", "unknown server kind 'inprocess'",
                                     text, R"("inprocess")", "/servers/0/kind");
  CHECK(d.hint == "did you mean 'inproc'?");
}

TEST_CASE("Validation: architecture", "[validation]") {
  const std::string text =
      doc(clsid, "", R"("kind": "inproc", "path": "C:\\w.dll", "arch": "x64")");
  require_diagnostic(load_text(text), "bad-arch", "unknown architecture 'x64'", text, R"("x64")",
                     "/servers/0/arch");
}

TEST_CASE("Validation: threading model values are exact", "[validation]") {
  const std::string text = doc(std::string(clsid) + R"(, "threading": "apartment")");
  const auto& d =
      require_diagnostic(load_text(text), "bad-threading", "unknown threading model 'apartment'",
                         text, R"("apartment")", "/servers/0/classes/0/threading");
  CHECK(d.hint == "did you mean 'Apartment'? (COM compares the exact case)");
}

TEST_CASE("Validation: threading on a local server is misplaced", "[validation]") {
  const std::string text = doc(std::string(clsid) + R"(, "threading": "Free")", "",
                               R"("kind": "local", "path": "C:\\w.exe")");
  require_diagnostic(load_text(text), "misplaced-field",
                     "'threading' applies only to in-process servers", text, R"("Free")",
                     "/servers/0/classes/0/threading");
}

TEST_CASE("Validation: arguments only for local servers", "[validation]") {
  const std::string text =
      doc(clsid, "", R"("kind": "inproc", "path": "C:\\w.dll", "arguments": "/x")");
  require_diagnostic(load_text(text), "misplaced-field",
                     "'arguments' applies only to local servers", text, R"("/x")",
                     "/servers/0/arguments");
}

TEST_CASE("Validation: arguments written into a local server's path", "[validation]") {
  const std::pair<const char*, const char*> refused[] = {
      {R"(C:\\x\\srv.exe /automation)",
       "'C:\\x\\srv.exe /automation' has the arguments "
       "'/automation'"},
      {R"(\"C:\\x\\srv.exe\" -Embedding)",
       "'\"C:\\x\\srv.exe\" -Embedding' has the arguments "
       "'-Embedding'"},
      {R"(C:\\Program Files\\x\\SRV.EXE  -x)", "has the arguments '-x'"},
  };
  for (const auto& [path, message] : refused) {
    CAPTURE(path);
    const std::string text =
        doc(clsid, "", std::string(R"("kind": "local", "path": ")") + path + "\"");
    const auto r = load_text(text);
    REQUIRE(r.diagnostics.size() == 1);
    const auto& d = r.diagnostics.items()[0];
    CHECK(d.code == "arguments-in-path");
    CHECK(d.severity == comreg::Severity::error);
    CHECK(d.message.find(message) != std::string::npos);
    CHECK(d.location.pointer == "/servers/0/path");
    CHECK(d.hint == "put arguments in /servers/0/arguments");
  }
  const char* accepted[] = {
      R"(C:\\Program Files\\x\\srv.exe)",      // spaces, no arguments
      R"(\"C:\\Program Files\\x\\srv.exe\")",  // quoted whole
      R"(C:\\x\\srv.exe )",                    // a trailing blank is not an argument
      R"(C:\\my.exes\\srv.exe)",               // ".exe" inside a name
      R"(${installdir}\\srv.exe)",
  };
  for (const char* path : accepted) {
    CAPTURE(path);
    const auto r = load_text(doc(
        clsid, "",
        std::string(R"("kind": "local", "path": ")") + path + R"(", "arguments": "/automation")"));
    CHECK(r.diagnostics.empty());
  }
  // Only local servers have a command line; a DLL path is a path.
  CHECK(load_text(doc(clsid, "", R"("kind": "inproc", "path": "C:\\x\\a.exe b.dll")"))
            .diagnostics.empty());
}

TEST_CASE("Validation: assembly version has four parts", "[validation]") {
  std::string text = doc(clsid);
  text.replace(text.find("1.2.0.0"), 7, "1.2.0");
  require_diagnostic(load_text(text), "bad-version",
                     "assembly version '1.2.0' is not four numbers a.b.c.d", text, R"("1.2.0")",
                     "/assembly/version");
}

TEST_CASE("Validation: type library version is major.minor", "[validation]") {
  const std::string text = doc(clsid, R"(,
  "typelibs": [ { "libid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "version": "1.0.0", "win64": "C:\\w.dll" } ])");
  require_diagnostic(load_text(text), "bad-version",
                     "type library version '1.0.0' is not major.minor", text, R"("1.0.0")",
                     "/typelibs/0/version");
}

TEST_CASE("Validation: duplicate CLSID across servers", "[validation]") {
  // Two DLLs (an in-process and a local listing of one class is allowed: registration_forms).
  std::string text = doc(clsid);
  const std::string second = R"(,
    { "kind": "inproc", "path": "C:\\s.dll", "classes": [ { "clsid": "{0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01}" } ] } ])";
  text.replace(text.rfind(" ]"), 2, second);
  require_diagnostic(load_text(text), "duplicate-clsid",
                     "CLSID {0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01} is already used at "
                     "/servers/0/classes/0/clsid",
                     text, R"("{0f5d1c8e)", "/servers/1/classes/0/clsid");
}

TEST_CASE("Validation: duplicate ProgID, case-insensitively, across both kinds", "[validation]") {
  const std::string text =
      doc(std::string(clsid) +
          R"(, "progid": "Contoso.Widget.1", "versionIndependentProgid": "CONTOSO.WIDGET.1")");
  // Within one class this is same-progid (and only that); across classes, duplicate-progid.
  const auto r = load_text(text);
  CHECK_FALSE(r.description);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics.items()[0].code == "same-progid");

  std::string two = doc(std::string(clsid) + R"(, "progid": "Contoso.Widget.1")");
  two.replace(
      two.rfind(" } ] } ]"), 8,
      R"( }, { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0A}", "progid": "contoso.widget.1" } ] } ])");
  require_diagnostic(load_text(two), "duplicate-progid",
                     "ProgID 'contoso.widget.1' is already used at /servers/0/classes/0/progid",
                     two, R"("contoso.widget.1")", "/servers/0/classes/1/progid");
}

TEST_CASE("Validation: version-independent ProgID equal to the ProgID", "[validation]") {
  const std::string text =
      doc(std::string(clsid) +
          R"(, "progid": "Contoso.Widget", "versionIndependentProgid": "Contoso.Widget")");
  require_diagnostic(load_text(text), "same-progid",
                     "versionIndependentProgid equals progid 'Contoso.Widget'", text,
                     R"("Contoso.Widget" })", "/servers/0/classes/0/versionIndependentProgid");
}

TEST_CASE("Validation: duplicate IID", "[validation]") {
  const std::string text = doc(clsid, R"(,
  "interfaces": [ { "iid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "name": "IA" },
                  { "iid": "{9b0c1a2e-1111-4f2e-9c3d-2a6b8e1f7c09}", "name": "IB" } ])");
  require_diagnostic(
      load_text(text), "duplicate-iid",
      "IID {9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09} is already used at /interfaces/0/iid", text,
      R"("{9b0c1a2e)", "/interfaces/1/iid");
}

TEST_CASE("Validation: duplicate AppID, LIBID+version, CATID and executable", "[validation]") {
  const std::string appids = doc(clsid, R"(,
  "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "executables": ["svc.exe"] },
              { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "executables": ["SVC.EXE"] } ])");
  const auto r = load_text(appids);
  require_diagnostic(
      r, "duplicate-appid",
      "AppID {9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09} is already used at /appids/0/appid", appids,
      R"("{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "executables": ["SVC)", "/appids/1/appid");
  require_diagnostic(r, "duplicate-executable",
                     "executable 'SVC.EXE' is already used at /appids/0/executables/0", appids,
                     R"("SVC.EXE")", "/appids/1/executables/0");

  const std::string libs = doc(clsid, R"(,
  "typelibs": [ { "libid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "version": "1.0", "win64": "a.tlb" },
                { "libid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "version": "1.0", "win32": "b.tlb" },
                { "libid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "version": "2.0", "win64": "c.tlb" } ])");
  require_diagnostic(load_text(libs), "duplicate-libid",
                     "type library {9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09} version 1.0 is already "
                     "used at /typelibs/0/libid",
                     libs, R"("{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "version": "1.0", "win32")",
                     "/typelibs/1/libid");

  const std::string cats = doc(clsid, R"(,
  "categories": [ { "catid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "description": "A" },
                  { "catid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "description": "B" } ])");
  require_diagnostic(load_text(cats), "duplicate-catid",
                     "CATID {9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09} is already used at "
                     "/categories/0/catid",
                     cats, R"("{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "description": "B")",
                     "/categories/1/catid");
}

TEST_CASE("Validation: class references an AppID that is not described", "[validation]") {
  const std::string text =
      doc(std::string(clsid) + R"(, "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}")");
  require_diagnostic(load_text(text), "unknown-appid",
                     "AppID {9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09} is not described in 'appids'",
                     text, R"("{9B0C1A2E)", "/servers/0/classes/0/appid");
}

TEST_CASE("Validation: class and interface reference a type library that is not described",
          "[validation]") {
  const std::string text =
      doc(std::string(clsid) + R"(, "typelib": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}")",
          R"(,
  "interfaces": [ { "iid": "{9B0C1A2E-2222-4F2E-9C3D-2A6B8E1F7C09}", "name": "IA", "typelib": "{9B0C1A2E-3333-4F2E-9C3D-2A6B8E1F7C09}" } ])");
  const auto r = load_text(text);
  std::size_t unknown = 0;
  for (const auto& d : r.diagnostics) unknown += d.code == "unknown-typelib";
  CHECK(unknown == 2);
  const auto& first = r.diagnostics.items()[0];
  CHECK(first.message ==
        "type library {9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09} is not described in 'typelibs'");
  CHECK(first.location.pointer == "/servers/0/classes/0/typelib");
  CHECK(r.diagnostics.items()[1].location.pointer == "/interfaces/0/typelib");
}

TEST_CASE("Validation: surrogate and remote classes need an AppID", "[validation]") {
  const std::string text = doc(clsid, "", R"("kind": "surrogate", "path": "C:\\w.dll")");
  require_diagnostic(load_text(text), "missing-appid",
                     "a class of a surrogate server needs an 'appid'", text, R"({ "clsid")",
                     "/servers/0/classes/0");
  const std::string remote =
      doc(std::string(clsid) + R"(, "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}")",
          R"(,
  "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}" } ])",
          R"("kind": "remote")");
  require_diagnostic(load_text(remote), "missing-remote-server-name",
                     "AppID {9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09} of a remote class has no "
                     "'remoteServerName'",
                     remote, R"("{9B0C1A2E)", "/servers/0/classes/0/appid");
}

TEST_CASE("Validation: ProgID rules", "[validation][progid]") {
  struct Case {
    const char* progid;
    const char* code;
    const char* message;
  };
  const Case cases[] = {
      {"Contoso.AVeryLongComponentNameThatGoesOn.1", "bad-progid",
       "ProgID 'Contoso.AVeryLongComponentNameThatGoesOn.1' is 42 characters long; the limit is "
       "39"},
      {"1Contoso.Widget", "bad-progid", "ProgID '1Contoso.Widget' starts with a digit"},
      {"Contoso_Widget.1", "bad-progid",
       "ProgID 'Contoso_Widget.1' contains '_' at position 8; only ASCII letters, digits and "
       "periods are allowed"},
      {"Contoso Widget", "bad-progid",
       "ProgID 'Contoso Widget' contains ' ' at position 8; only ASCII letters, digits and "
       "periods are allowed"},
      {"clsid", "reserved-progid",
       "ProgID 'clsid' is the name of the key HKCR\\CLSID, which already means something to "
       "Windows"},
      {"AppID", "reserved-progid",
       "ProgID 'AppID' is the name of the key HKCR\\AppID, which already means something to "
       "Windows"},
      {"Interface", "reserved-progid",
       "ProgID 'Interface' is the name of the key HKCR\\Interface, which already means "
       "something to Windows"},
      {"TypeLib", "reserved-progid",
       "ProgID 'TypeLib' is the name of the key HKCR\\TypeLib, which already means something "
       "to Windows"},
      {"*", "reserved-progid",
       "ProgID '*' is the name of the key HKCR\\*, which already means something to Windows"},
      {".txt", "reserved-progid",
       "ProgID '.txt' begins with '.', the form of a file extension key"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.progid);
    const std::string text = doc(std::string(clsid) + ", \"progid\": \"" + c.progid + "\"");
    require_diagnostic(load_text(text), c.code, c.message, text,
                       "\"" + std::string(c.progid) + "\" }", "/servers/0/classes/0/progid");
  }
  // 39 characters is still fine.
  CHECK(load_text(
            doc(std::string(clsid) + R"(, "progid": "Contoso.AVeryLongComponentNameThatGo.12")"))
            .description);
}

TEST_CASE("Validation: control characters in any string are refused", "[validation][injection]") {
  const char* const fields[] = {"name", "progid", "version", "toolboxBitmap"};
  for (const char* field : fields) {
    for (const char* ctl : {"\\n", "\\r", "\\u0000"}) {
      CAPTURE(field, ctl);
      const std::string text = doc(std::string(clsid) + ", \"" + field + "\": \"A" + ctl + "B\"");
      const auto r = load_text(text);
      REQUIRE_FALSE(r.description);
      REQUIRE(r.diagnostics.size() == 1);
      CHECK(r.diagnostics.items()[0].code == "control-character");
      CHECK(r.diagnostics.items()[0].location.pointer ==
            std::string("/servers/0/classes/0/") + field);
    }
  }
  const std::string path =
      doc(clsid, "", R"("kind": "inproc", "path": "C:\\w.dll\n[HKEY_LOCAL_MACHINE\\x]")");
  require_diagnostic(load_text(path), "control-character",
                     "control character LF at character 9 of 'C:\\w.dll\\n[HKEY_LOCAL_MACHINE\\x]'",
                     path, R"("C:\\w)", "/servers/0/path");
  // A defined value is checked after substitution too.
  comreg::LoadOptions options;
  options.defines["installdir"] = "C:\\x\r\n[HKEY_LOCAL_MACHINE\\evil]";
  const auto r = comreg::load_description(doc(clsid), "test.json", options);
  REQUIRE_FALSE(r.description);
  CHECK(r.diagnostics.items()[0].code == "control-character");
}

TEST_CASE("Validation: non-characters, which XML cannot carry, are refused",
          "[validation][injection]") {
  // U+FFFE, U+FFFF, U+FDD0, U+FDEF, U+1FFFE, U+10FFFF: as JSON escapes and as raw UTF-8.
  for (const char* nc : {"\\uFFFE", "\\uffff", "\\uFDD0", "\\uFDEF", "\\uD83F\\uDFFE",
                         "\\uDBFF\\uDFFF", "\xEF\xBF\xBE", "\xF4\x8F\xBF\xBF"}) {
    CAPTURE(nc);
    const std::string text = doc(std::string(clsid) + ", \"name\": \"A" + nc + "B\"");
    const auto r = load_text(text);
    REQUIRE_FALSE(r.description);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics.items()[0].code == "noncharacter");
    CHECK(r.diagnostics.items()[0].location.pointer == "/servers/0/classes/0/name");
    CHECK(r.diagnostics.items()[0].message.find("at character 2") != std::string::npos);
  }
  // Their neighbours are ordinary characters.
  for (const char* fine : {"\\uFDCF", "\\uFDF0", "\\uFFFD", "\\uD83F\\uDFFD", "\\u00E9"}) {
    CAPTURE(fine);
    CHECK(load_text(doc(std::string(clsid) + ", \"name\": \"A" + fine + "B\"")).description);
  }
}

TEST_CASE("Validation: registry limits", "[validation]") {
  const std::string exe(256, 'a');
  const std::string text = doc(clsid, R"J(,
  "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "executables": [")J" +
                                          exe + R"J("] } ])J");
  require_diagnostic(
      load_text(text), "key-too-long",
      "executable name is 256 characters long; registry key names are limited to 255", text,
      "\"aaaa", "/appids/0/executables/0");
  const std::string big =
      doc(std::string(clsid) + ", \"name\": \"" + std::string(1 << 20, 'x') + "\"");
  require_diagnostic(load_text(big), "value-too-long",
                     "'name' is 1048576 characters long; registry strings are limited to 16383",
                     big, "\"xxxx", "/servers/0/classes/0/name");
}

TEST_CASE("Validation: placeholders", "[validation][placeholder]") {
  const std::string text = doc(clsid, "", R"("kind": "inproc", "path": "${instaldir}\\w.dll")");
  const auto& d = require_diagnostic(load_text(text), "undefined-placeholder",
                                     "placeholder '${instaldir}' is not defined", text,
                                     R"("${instaldir})", "/servers/0/path");
  CHECK(d.hint ==
        "pass --define instaldir=VALUE (for example instaldir=C:\\Program Files\\Vendor)");

  const std::string bad = doc(clsid, "", R"("kind": "inproc", "path": "${install dir}\\w.dll")");
  require_diagnostic(load_text(bad), "bad-placeholder",
                     "malformed placeholder in '${install dir}\\w.dll'", bad, R"("${install)",
                     "/servers/0/path");

  comreg::LoadOptions keep;
  keep.undefined_placeholder = comreg::UndefinedPlaceholder::keep;
  const auto kept = comreg::load_description(text, "test.json", keep);
  REQUIRE(kept.description);
  CHECK(kept.description->servers[0].path == "${instaldir}\\w.dll");
}

TEST_CASE("Validation: SDDL", "[validation][sddl]") {
  const std::string text = doc(clsid, R"J(,
  "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "launchPermission": "O:BAD:(A;;ZZ;;;SY)" } ])J");
  require_diagnostic(
      load_text(text), "bad-sddl",
      "invalid SDDL in 'launchPermission' at character 11: unknown access right 'ZZ'", text,
      R"("O:BAD)", "/appids/0/launchPermission");
}

TEST_CASE("Validation: integers out of range", "[validation]") {
  const std::string text = doc(clsid, R"(,
  "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "authenticationLevel": 7 } ])");
  require_diagnostic(load_text(text), "out-of-range",
                     "'authenticationLevel' is 7; expected an integer from 1 to 6", text, "7 }",
                     "/appids/0/authenticationLevel");
  const std::string neg = doc(clsid, R"(,
  "interfaces": [ { "iid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "name": "I", "numMethods": -1 } ])");
  require_diagnostic(load_text(neg), "out-of-range",
                     "'numMethods' is -1; expected an integer from 3 to 65535", neg, "-1 }",
                     "/interfaces/0/numMethods");
}

TEST_CASE("Validation: empty values", "[validation]") {
  std::string text = doc(clsid);
  text.replace(text.find("\"Contoso.Widgets\""), 17, "\"\"");
  require_diagnostic(load_text(text), "empty-value", "'name' must not be empty", text, "\"\",",
                     "/assembly/name");
}

TEST_CASE("Validation: executable names are bare file names", "[validation]") {
  const std::string text = doc(clsid, R"(,
  "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "executables": ["C:\\bin\\svc.exe"] } ])");
  require_diagnostic(load_text(text), "bad-executable-name",
                     "'C:\\bin\\svc.exe' is not a bare file name", text, R"("C:\\bin)",
                     "/appids/0/executables/0");
}

TEST_CASE("Validation: type library flags and paths", "[validation]") {
  const std::string text = doc(clsid, R"(,
  "typelibs": [ { "libid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "version": "1.0", "flags": ["licensed"] } ])");
  const auto r = load_text(text);
  require_diagnostic(r, "bad-flag", "unknown type library flag 'licensed'", text, R"("licensed")",
                     "/typelibs/0/flags/0");
  require_diagnostic(r, "missing-field", "a type library needs 'win32' or 'win64' (or both)", text,
                     R"({ "libid")", "/typelibs/0");
}

// What keeps a value from being read comes first, then the rules on what was read (the
// validator's), each in document order.
TEST_CASE("Validation: every problem is reported in one pass", "[validation]") {
  const std::string text = R"({
  "comreg": 1,
  "assembly": { "name": "Contoso.Widgets", "version": "1.2.0.0" },
  "servers": [
    { "kind": "inproc", "path": "C:\\w.dll", "classes": [
      { "clsid": "bad", "threading": "Single" },
      { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}", "progid": "1x", "colour": "red" } ] }
  ]
})";
  const auto r = load_text(text);
  std::vector<std::string> codes;
  for (const auto& d : r.diagnostics) codes.push_back(d.code);
  CHECK(codes ==
        std::vector<std::string>{"bad-threading", "unknown-field", "bad-guid", "bad-progid"});
  CHECK_FALSE(r.description);
}

TEST_CASE("Validation: integers that are not integers, or too large", "[validation]") {
  const std::string fraction = doc(clsid, R"(,
  "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "authenticationLevel": 2.5 } ])");
  require_diagnostic(load_text(fraction), "wrong-type",
                     "'authenticationLevel' must be an integer, found 2.5", fraction, "2.5",
                     "/appids/0/authenticationLevel");
  const std::string exponent = doc(clsid, R"(,
  "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "appIdFlags": 1e3 } ])");
  require_diagnostic(load_text(exponent), "wrong-type",
                     "'appIdFlags' must be an integer, found 1e3", exponent, "1e3",
                     "/appids/0/appIdFlags");
  const std::string big = doc(clsid, R"(,
  "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "appIdFlags": 4294967296 } ])");
  require_diagnostic(load_text(big), "out-of-range",
                     "'appIdFlags' is 4294967296; expected an integer from 0 to 4294967295", big,
                     "4294967296", "/appids/0/appIdFlags");
  const std::string huge =
      doc(std::string(clsid) + R"(, "miscStatus": 123456789012345678901234567890)");
  require_diagnostic(load_text(huge), "out-of-range",
                     "'miscStatus' is 123456789012345678901234567890; expected an integer from 0 "
                     "to 4294967295",
                     huge, "1234567890123", "/servers/0/classes/0/miscStatus");
  const std::string aspect = doc(std::string(clsid) + R"(, "miscStatus": { "icon": -1 })");
  require_diagnostic(load_text(aspect), "out-of-range",
                     "'icon' is -1; expected an integer from 0 to 4294967295", aspect, "-1",
                     "/servers/0/classes/0/miscStatus/icon");
  const std::string quoted = doc(clsid, R"(,
  "typelibs": [ { "libid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "version": "1.0", "win64": "a.tlb", "lcid": "1033" } ])");
  require_diagnostic(load_text(quoted), "wrong-type",
                     "'lcid' must be a number, found string '1033'", quoted, R"("1033")",
                     "/typelibs/0/lcid");
}

TEST_CASE("Validation: the format version is an integer", "[validation]") {
  std::string text = doc(clsid);
  text.replace(text.find("\"comreg\": 1"), 11, "\"comreg\": 1.0");
  require_diagnostic(load_text(text), "wrong-type", "'comreg' must be an integer, found 1.0", text,
                     "1.0", "/comreg");
  std::string missing = doc(clsid);
  missing.replace(missing.find("\"comreg\": 1,"), 12, "");
  require_diagnostic(load_text(missing), "missing-field", "missing required member 'comreg'",
                     missing, "{", "");
}

TEST_CASE("Validation: the document is an object with the required members", "[validation]") {
  const std::string array = "[1, 2]";
  require_diagnostic(load_text(array), "wrong-type",
                     "expected a description (an object), found array", array, "[", "");
  const std::string text = R"({ "comreg": 1, "servers": [] })";
  const auto r = load_text(text);
  require_diagnostic(r, "missing-field", "missing required member 'assembly'", text, "{", "");
  require_diagnostic(r, "empty-value", "'servers' is empty", text, "[]", "/servers");
  const std::string schema = doc(clsid, R"(,
  "$schema": 7)");
  require_diagnostic(load_text(schema), "wrong-type", "'$schema' must be a string, found number 7",
                     schema, "7\n", "/$schema");
}

TEST_CASE("Validation: a server without classes", "[validation]") {
  const std::string text = R"({ "comreg": 1, "assembly": { "name": "A", "version": "1.0.0.0" },
  "servers": [ { "kind": "inproc", "path": "C:\\a.dll", "classes": [] } ] })";
  require_diagnostic(load_text(text), "empty-value", "'classes' is empty", text, "[] }",
                     "/servers/0/classes");
}

TEST_CASE("Validation: assembly name and public key token", "[validation]") {
  std::string text = doc(clsid);
  text.replace(text.find("\"Contoso.Widgets\""), 17, "\"Contoso Widgets\"");
  require_diagnostic(load_text(text), "bad-assembly-name",
                     "assembly name 'Contoso Widgets' is not a valid file name", text,
                     "\"Contoso Widgets\"", "/assembly/name");
  std::string token = doc(clsid);
  token.replace(token.find("\"arch\": \"amd64\""), 15, "\"publicKeyToken\": \"6595b64144ccf1dg\"");
  require_diagnostic(load_text(token), "bad-public-key-token",
                     "publicKeyToken '6595b64144ccf1dg' is not 16 hex digits", token, "\"6595b",
                     "/assembly/publicKeyToken");
}

TEST_CASE("Validation: duplicate licence id", "[validation]") {
  std::string text =
      doc(std::string(clsid) +
          R"(, "license": { "id": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "key": "k" })");
  text.replace(
      text.rfind(" } ] } ]"), 8,
      R"( }, { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0A}", "license": { "id": "9b0c1a2e-1111-4f2e-9c3d-2a6b8e1f7c09", "key": "k" } } ] } ])");
  require_diagnostic(load_text(text), "duplicate-license",
                     "licence id {9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09} is already used at "
                     "/servers/0/classes/0/license/id",
                     text, R"("9b0c1a2e)", "/servers/0/classes/1/license/id");
}

TEST_CASE("Validation: a placeholder without its closing brace", "[validation][placeholder]") {
  const std::string text = doc(clsid, "", R"("kind": "inproc", "path": "${installdir\\w.dll")");
  const auto& d = require_diagnostic(load_text(text), "bad-placeholder",
                                     "malformed placeholder in '${installdir\\w.dll'", text,
                                     R"("${installdir\\)", "/servers/0/path");
  CHECK(d.hint == "close the placeholder with '}': ${name}");
}

TEST_CASE("Validation: placeholders are resolved only in path-like fields",
          "[validation][placeholder]") {
  const std::string text = doc(std::string(clsid) + R"(, "name": "${installdir}")", "",
                               R"("kind": "inproc", "path": "C:\\w.dll")");
  comreg::LoadOptions options;  // no defines: a name is not a path, so nothing is undefined
  const auto r = comreg::load_description(text, "test.json", options);
  CHECK(r.diagnostics.empty());
  REQUIRE(r.description);
  CHECK(r.description->servers[0].classes[0].name == "${installdir}");
}

TEST_CASE("Validation: SDDL that does not parse", "[validation][sddl]") {
  const std::string text = doc(clsid, R"J(,
  "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "accessPermission": "D:(A;;ZZ;;;QQ" } ])J");
  require_diagnostic(load_text(text), "bad-sddl",
                     "invalid SDDL in 'accessPermission' at character 7: unknown access right 'ZZ'",
                     text, R"("D:(A)", "/appids/0/accessPermission");
}

TEST_CASE("Validation: control characters in every kind of string field",
          "[validation][injection]") {
  struct Case {
    std::string class_members;  // added to the class
    std::string extra;          // added at the top level
    std::string server;         // the server's kind and path
    const char* pointer;
  };
  const std::string inproc = R"("kind": "inproc", "path": "C:\\w.dll")";
  const std::string appid =
      R"(, "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", )";
  const Case cases[] = {
      {R"(, "name": "a\u001bb")", "", inproc, "/servers/0/classes/0/name"},
      {R"(, "threading": "Both\n")", "", inproc, "/servers/0/classes/0/threading"},
      {R"(, "treatAs": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\r")", "", inproc,
       "/servers/0/classes/0/treatAs"},
      {R"(, "implementedCategories": ["\u0000"])", "", inproc,
       "/servers/0/classes/0/implementedCategories/0"},
      {R"(, "defaultIcon": "C:\\w.dll,\n1")", "", inproc, "/servers/0/classes/0/defaultIcon"},
      {R"(, "license": { "id": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "key": "k\u007f\u0001" })",
       "", inproc, "/servers/0/classes/0/license/key"},
      {"", "", R"("kind": "local", "path": "C:\\w.exe", "arguments": "-x\r\n")",
       "/servers/0/arguments"},
      {"", "", R"("kind": "inproc\f", "path": "C:\\w.dll")", "/servers/0/kind"},
      {"", appid + R"("executables": ["a\nb.exe"] } ])", inproc, "/appids/0/executables/0"},
      {"", appid + R"("runAs": "Interactive User\u000b" } ])", inproc, "/appids/0/runAs"},
      {"",
       R"(, "typelibs": [ { "libid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}", "version": "1.0", "win64": "a.tlb", "flags": ["hidden\n"] } ])",
       inproc, "/typelibs/0/flags/0"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.class_members, c.extra, c.server);
    const std::string text = doc(std::string(clsid) + c.class_members, c.extra, c.server);
    const auto r = load_text(text);
    INFO(comreg::format_diagnostics_json(r.diagnostics));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics.items()[0].code == "control-character");
    CHECK(r.diagnostics.items()[0].location.pointer == c.pointer);
    CHECK_FALSE(r.description);
  }
  // The exact message quotes the value with the character escaped.
  const std::string text = doc(std::string(clsid) + R"(, "name": "a\u001bb")");
  require_diagnostic(load_text(text), "control-character",
                     "control character ESC at character 2 of 'a\\u001Bb'", text, R"("a\u001b)",
                     "/servers/0/classes/0/name");
  // A TAB is allowed.
  CHECK(load_text(doc(std::string(clsid) + R"(, "name": "a\tb")")).description);
}

TEST_CASE("Validation: a control character brought in by a --define", "[validation][injection]") {
  const std::string text = doc(clsid);
  comreg::LoadOptions options;
  options.defines["installdir"] = "C:\\x\r\n[HKEY_LOCAL_MACHINE\\evil]";
  const auto r = comreg::load_description(text, "test.json", options);
  require_diagnostic(r, "control-character",
                     "control character CR at character 5 of "
                     "'C:\\x\\r\\n[HKEY_LOCAL_MACHINE\\evil]\\w.dll' (from a --define value)",
                     text, R"("${installdir})", "/servers/0/path");
}

TEST_CASE("Validation: a bad GUID in class 1 and an unknown field in class 7 are both reported",
          "[validation]") {
  std::string classes;
  for (int i = 1; i <= 7; ++i) {
    char guid[64];
    std::snprintf(guid, sizeof guid, "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C%02d}", i);
    classes += i == 1 ? R"({ "clsid": "{0F5D1C8E-4B7A-4F2E}" })"
                      : std::string(",\n        { \"clsid\": \"") + guid + "\"";
    if (i > 1) classes += i == 7 ? R"(, "progId": "Contoso.Seven" })" : " }";
  }
  const std::string text = R"({
  "comreg": 1,
  "assembly": { "name": "Contoso.Widgets", "version": "1.2.0.0" },
  "servers": [ { "kind": "inproc", "path": "C:\\w.dll", "classes": [
        )" + classes + R"( ] } ]
})";
  const auto r = load_text(text);
  require_diagnostic(r, "bad-guid", "invalid GUID '{0F5D1C8E-4B7A-4F2E}'", text,
                     R"("{0F5D1C8E-4B7A-4F2E}")", "/servers/0/classes/0/clsid");
  const auto& d = require_diagnostic(r, "unknown-field", "unknown member 'progId'", text,
                                     R"("progId")", "/servers/0/classes/6/progId");
  CHECK(d.hint == "did you mean 'progid'?");
  CHECK(r.diagnostics.size() == 2);
}

TEST_CASE("Validation: references match whatever the GUID's spelling", "[validation]") {
  const std::string text =
      doc(std::string(clsid) + R"(, "appid": "9b0c1a2e-1111-4f2e-9c3d-2a6b8e1f7c09")",
          R"(,
  "appids": [ { "appid": "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}" } ])",
          R"("kind": "local", "path": "C:\\w.exe")");
  const auto r = load_text(text);
  REQUIRE(r.description);
  CHECK(r.description->servers[0].classes[0].appid == "{9B0C1A2E-1111-4F2E-9C3D-2A6B8E1F7C09}");
}

TEST_CASE("Validation: assembly language that is not a culture name", "[validation]") {
  std::string text = doc(clsid);
  text.replace(text.find("\"arch\": \"amd64\""), 15, R"("language": "en\"/><evil x=\"")");
  require_diagnostic(load_text(text), "bad-language",
                     "assembly language 'en\"/><evil x=\"' is not a culture name", text, "\"en\\\"",
                     "/assembly/language");
  for (const char* good : {"en-us", "*", "zh-Hant-TW"}) {
    std::string ok = doc(clsid);
    ok.replace(ok.find("\"arch\": \"amd64\""), 15, std::string(R"("language": ")") + good + "\"");
    CHECK(load_text(ok).diagnostics.empty());
  }
}

// Loading reads, then validates the model. A member the reader could not read holds a default
// in the model; the validator must say nothing of it (no missing-field for a path of the wrong
// kind, no missing-appid for an AppID that is a number, no "needs win32 or win64" for a path
// whose placeholder has no definition), and elements keep their indices.
TEST_CASE("Validation: what could not be read is reported once, by the reader", "[validation]") {
  const std::string appids =
      R"(,
  "appids": [ { "appid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7CAA}" } ])";
  const std::string lib = R"({ "libid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7CBB}", )";
  struct Case {
    std::string what;
    std::string text;
    std::vector<std::string> codes;
  };
  const std::vector<Case> cases = {
      {"a path of the wrong kind",
       doc(clsid, "", R"("kind": "inproc", "path": 7)"),
       {"wrong-type"}},
      {"a path whose placeholder has no definition",
       doc(clsid, "", R"("kind": "inproc", "path": "${nowhere}\\w.dll")"),
       {"undefined-placeholder"}},
      {"an AppID of the wrong kind in a surrogate",
       doc(std::string(clsid) + R"(, "appid": 5)", appids,
           R"("kind": "surrogate", "path": "w.dll")"),
       {"wrong-type"}},
      {"a CLSID of the wrong kind", doc(R"("clsid": [])"), {"wrong-type"}},
      {"a type library version that is not one, twice",
       doc(clsid, ",\n  \"typelibs\": [ " + lib + R"("version": "x", "win64": "a.tlb" }, )" + lib +
                      R"("version": "y", "win64": "a.tlb" } ])"),
       {"bad-version", "bad-version"}},
      {"a type library whose only path cannot be resolved",
       doc(clsid, ",\n  \"typelibs\": [ " + lib + R"("version": "1.0", "win64": "${nowhere}" } ])"),
       {"undefined-placeholder"}},
      {"servers of the wrong kind",
       R"({ "comreg": 1, "assembly": { "name": "A.B", "version": "1.0.0.0" }, "servers": "x" })",
       {"wrong-type"}},
      {"a missing assembly name",
       R"({ "comreg": 1, "assembly": { "version": "1.0.0.0" }, "servers": [] })",
       {"missing-field", "empty-value"}},
      // The element that is not an object keeps its index: the rule broken in the next one is
      // reported at /servers/1.
      {"a server that is not an object, then one with a bad ProgID",
       R"({ "comreg": 1, "assembly": { "name": "A.B", "version": "1.0.0.0" }, "servers": [ 3,
  { "kind": "inproc", "path": "w.dll", "classes": [ { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}", "progid": "1x" } ] } ] })",
       {"wrong-type", "bad-progid"}},
      // Both steps report: an unknown member (reading) and a duplicate CLSID (a rule).
      {"an unknown member and a duplicate CLSID",
       doc(std::string(clsid) + R"(, "colour": "red" }, { )" + clsid),
       {"unknown-field", "duplicate-clsid"}},
  };
  for (const auto& c : cases) {
    INFO(c.what << "\n" << c.text);
    const auto r = load_text(c.text);
    std::vector<std::string> codes;
    for (const auto& d : r.diagnostics) codes.push_back(d.code);
    CHECK(codes == c.codes);
    CHECK_FALSE(r.description);
  }
  const auto shifted = load_text(cases[8].text);
  REQUIRE(shifted.diagnostics.size() == 2);
  CHECK(shifted.diagnostics.items()[1].location.pointer == "/servers/1/classes/0/progid");
}

TEST_CASE("Validation: a class's values may not shadow name or appid", "[validation]") {
  const std::string text = doc(std::string(clsid) + R"(, "values": [
          { "name": "Author", "value": "Contoso" },
          { "name": "appid", "value": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C09}" } ])");
  const auto r = load_text(text);
  require_diagnostic(r, "planned-value", "value 'appid' is planned by the class's 'appid' member",
                     text, R"("appid", "value")", "/servers/0/classes/0/values/1/name");
  CHECK(r.diagnostics.size() == 1);
}

TEST_CASE("Validation: a class's subkeys may not be in a key a member plans", "[validation]") {
  const std::string text = doc(std::string(clsid) + R"(, "subkeys": [
          { "key": "Instance\\{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C09}" },
          { "key": "inprocserver32\\Extra" } ])");
  const auto r = load_text(text);
  require_diagnostic(r, "planned-subkey",
                     "subkey 'inprocserver32\\Extra' is in InprocServer32, which the class's "
                     "members plan",
                     text, R"("inprocserver32)", "/servers/0/classes/0/subkeys/1/key");
  CHECK(r.diagnostics.size() == 1);
}

TEST_CASE("Validation: a class's subkey paths have no empty names, each subkey once",
          "[validation]") {
  const std::string text = doc(std::string(clsid) + R"(, "subkeys": [
          { "key": "Formats\\" },
          { "key": "Instance" },
          { "key": "INSTANCE" } ])");
  const auto r = load_text(text);
  require_diagnostic(r, "bad-subkey",
                     "subkey 'Formats\\' has an empty name (a backslash at an end, or two)", text,
                     R"("Formats\\")", "/servers/0/classes/0/subkeys/0/key");
  require_diagnostic(r, "duplicate-subkey", "subkey 'INSTANCE' is listed twice", text,
                     R"("INSTANCE")", "/servers/0/classes/0/subkeys/2/key");
  CHECK(r.diagnostics.size() == 2);
}

TEST_CASE("Validation: a class's values: names once, known types, data of the type",
          "[validation]") {
  const std::string text = doc(std::string(clsid) + R"(, "subkeys": [ { "key": "Patterns\\0",
          "values": [ { "name": "Mask", "type": "REG_BINARY", "value": "ff0" },
                      { "name": "Length", "type": "REG_WORD", "value": 4 },
                      { "name": "Position", "type": "REG_DWORD", "value": 0 },
                      { "name": "position", "type": "REG_DWORD", "value": 1 } ] } ])");
  const auto r = load_text(text);
  require_diagnostic(r, "bad-binary", "a REG_BINARY value must be hex digits, two per byte", text,
                     R"("ff0")", "/servers/0/classes/0/subkeys/0/values/0/value");
  require_diagnostic(r, "bad-value-type", "unknown value type 'REG_WORD'", text, R"("REG_WORD")",
                     "/servers/0/classes/0/subkeys/0/values/1/type");
  require_diagnostic(r, "duplicate-value", "value 'position' is listed twice", text,
                     R"("position")", "/servers/0/classes/0/subkeys/0/values/3/name");
  CHECK(r.diagnostics.size() == 3);
}

TEST_CASE("Validation: a class's values and subkeys are read in the plan's value shape",
          "[validation]") {
  const auto r = load_text(doc(std::string(clsid) + R"(, "values": [
          { "name": "Author", "value": "Contoso" },
          { "name": "Path", "type": "REG_EXPAND_SZ", "value": "%SystemRoot%\\w.dll" },
          { "name": "MimeTypes", "type": "REG_MULTI_SZ", "value": [ "image/a", "image/b" ] },
          { "name": "Merit", "type": "REG_DWORD", "value": 4294967295 },
          { "name": "FilterData", "type": "REG_BINARY", "value": "02A0ff" } ],
        "subkeys": [ { "key": "NotInsertable" } ])"));
  INFO(comreg::format_diagnostics_json(r.diagnostics));
  REQUIRE(r.description);
  const auto& c = r.description->servers[0].classes[0];
  REQUIRE(c.values.size() == 5);
  CHECK(c.values[0].value == comreg::RegValue::sz("Contoso"));
  CHECK(c.values[1].value == comreg::RegValue::expand_sz("%SystemRoot%\\w.dll"));
  CHECK(c.values[2].value == comreg::RegValue::multi_sz({"image/a", "image/b"}));
  CHECK(c.values[3].value == comreg::RegValue::dword(0xFFFFFFFFu));
  CHECK(c.values[4].value == comreg::RegValue::binary({0x02, 0xA0, 0xFF}));
  REQUIRE(c.subkeys.size() == 1);
  CHECK(c.subkeys[0].key == "NotInsertable");
  CHECK(c.subkeys[0].values.empty());
}
