// Windows' own identities: the table is well formed, the rules match what they should and
// nothing else, and a description that takes one is refused at the member that names it.
#include <catch2/catch.hpp>
#include <cctype>
#include <set>
#include <string>

#include "comreg/core/guid.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/model/progid.hpp"
#include "comreg/model/protected_identities.hpp"

using namespace comreg;

namespace {

// A minimal valid description with one in-process class; `clsid`, `progid`, `iid` and `libid`
// go where they say.
std::string description(const std::string& clsid, const std::string& progid,
                        const std::string& iid = "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E60}",
                        const std::string& libid = "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E61}",
                        const std::string& extra_class_members = "") {
  return R"({
  "comreg": 1,
  "assembly": { "name": "Fabrikam.Probe", "version": "1.0.0.0" },
  "servers": [ { "kind": "inproc", "path": "C:\\Fabrikam\\probe.dll", "classes": [
    { "clsid": ")" +
         clsid + R"(", "progid": ")" + progid + R"(", "threading": "Both",
      "typelib": ")" +
         libid + "\"" + extra_class_members + R"( } ] } ],
  "typelibs": [ { "libid": ")" +
         libid + R"(", "version": "1.0", "win64": "C:\\Fabrikam\\probe.dll" } ],
  "interfaces": [ { "iid": ")" +
         iid + R"(", "name": "IProbe", "typelib": ")" + libid + R"(" } ]
})";
}

Diagnostics load(const std::string& text) {
  return load_description(text, "probe.json").diagnostics;
}

const Diagnostic* find(const Diagnostics& ds, const std::string& code, const std::string& pointer) {
  for (const auto& d : ds) {
    if (d.code == code && d.location.pointer == pointer) return &d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Protected identities: the table is well formed", "[protected]") {
  std::set<std::string> seen;
  std::size_t guids = 0;
  std::size_t progids = 0;
  for (const auto& p : protected_identities()) {
    INFO(p.id);
    CHECK_FALSE(p.name.empty());
    CHECK_FALSE(p.module.empty());
    CHECK(seen.insert(std::string(p.id)).second);  // listed once
    if (p.kind == IdentityKind::progid) {
      ++progids;
      CHECK(check_progid(p.id).code == nullptr);  // a ProgID by Windows' own rules
    } else {
      ++guids;
      const auto normal = normalize_guid(p.id);
      REQUIRE(normal);
      CHECK(*normal == p.id);  // written as comreg writes GUIDs, so equality is the lookup
      CHECK_FALSE(is_ole_reserved_guid(p.id));  // the family is a rule, not entries
    }
    CHECK(check_protected_identity(p.kind, p.id).code != nullptr);
  }
  CHECK(guids >= 40);
  CHECK(progids >= 25);
}

TEST_CASE("Protected identities: OLE's reserved family, in any spelling", "[protected]") {
  for (const char* g : {"{00000000-0000-0000-C000-000000000046}",  // IUnknown
                        "{00020400-0000-0000-C000-000000000046}",  // IDispatch
                        "00020424-0000-0000-c000-000000000046",    // the automation marshaler
                        "{00020430-0000-0000-C000-000000000046}",  // stdole
                        "{0002DF01-0000-0000-C000-000000000046}"}) {
    INFO(g);
    CHECK(is_ole_reserved_guid(g));
    for (auto kind :
         {IdentityKind::clsid, IdentityKind::iid, IdentityKind::libid, IdentityKind::appid}) {
      CHECK(std::string(check_protected_identity(kind, g).code) == "protected-identity");
    }
  }
  // Near misses are a vendor's own.
  for (const char* g :
       {"{00020400-0000-0000-C000-000000000047}", "{00020400-0000-0001-C000-000000000046}",
        "{00020400-0000-0000-8000-000000000046}"}) {
    INFO(g);
    CHECK_FALSE(is_ole_reserved_guid(g));
    CHECK(check_protected_identity(IdentityKind::clsid, g).code == nullptr);
  }
  CHECK_FALSE(is_ole_reserved_guid("not a guid"));
}

TEST_CASE("Protected identities: ProgIDs, versioned or not, any case", "[protected]") {
  for (const char* p : {"Scripting.FileSystemObject", "scripting.filesystemobject",
                        "WScript.Shell.1", "Msxml2.DOMDocument.6.0", "MSXML2.XMLHTTP.3.0",
                        "Shell.Application.1", "htmlfile", "ADODB.Connection.6.0"}) {
    INFO(p);
    const auto problem = check_protected_identity(IdentityKind::progid, p);
    REQUIRE(problem.code != nullptr);
    CHECK(problem.message.find("Windows' own") != std::string::npos);
  }
  for (const char* p : {"WScript.Shellfish", "Fabrikam.WScript.Shell", "WScript.Shell.x",
                        "Scripting", "Msxml2", "WScript.Shell."}) {
    INFO(p);
    CHECK(check_protected_identity(IdentityKind::progid, p).code == nullptr);
  }
  // Every ProgID of the table, in every versioned form and in upper case; one letter more is
  // another name.
  for (const auto& entry : protected_identities()) {
    if (entry.kind != IdentityKind::progid) continue;
    const std::string id(entry.id);
    std::string upper = id;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const std::string& p : {id, upper, id + ".1", upper + ".6.0", id + ".10.0.1", id + ".."}) {
      INFO(p);
      CHECK(check_protected_identity(IdentityKind::progid, p).code != nullptr);
    }
    for (const std::string& p : {id + "x", id + ".1x", "x" + id, id.substr(1), id + "."}) {
      INFO(p);
      CHECK(check_protected_identity(IdentityKind::progid, p).code == nullptr);
    }
  }
}

TEST_CASE("Protected identities: a description that takes one is refused where it says so",
          "[protected]") {
  const std::string own_clsid = "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E62}";
  CHECK_FALSE(load(description(own_clsid, "Fabrikam.Probe.1")).has_errors());

  const auto fso = load(description("{0D43FE01-F093-11CF-8940-00A0C9054228}", "Fabrikam.Probe.1"));
  const Diagnostic* d = find(fso, "protected-identity", "/servers/0/classes/0/clsid");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("Scripting.FileSystemObject (scrrun.dll)") != std::string::npos);
  CHECK(d->location.line == 5);
  CHECK(d->hint == "generate a GUID of your own: comreg guid");

  CHECK(find(load(description(own_clsid, "WScript.Shell.1")), "protected-identity",
             "/servers/0/classes/0/progid") != nullptr);
  CHECK(find(load(description(own_clsid, "Fabrikam.Probe.1",
                              "{00020400-0000-0000-C000-000000000046}")),
             "protected-identity", "/interfaces/0/iid") != nullptr);
  CHECK(
      find(load(description(own_clsid, "Fabrikam.Probe.1", "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E60}",
                            "{00020430-0000-0000-C000-000000000046}")),
           "protected-identity", "/typelibs/0/libid") != nullptr);
  // legacyNames keeps a ProgID that breaks the naming rules, but not Windows' own.
  CHECK(find(load(description(own_clsid, "Scripting.FileSystemObject",
                              "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E60}",
                              "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E61}", ", \"legacyNames\": true")),
             "protected-identity", "/servers/0/classes/0/progid") != nullptr);
}

TEST_CASE("Protected identities: a legacy ProgID never holds a backslash", "[protected]") {
  const std::string own_clsid = "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E62}";
  // Without the backslash, legacyNames keeps a rule-breaking name as a warning...
  const auto kept =
      load(description(own_clsid, "My_Widget.1", "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E60}",
                       "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E61}", ", \"legacyNames\": true"));
  CHECK_FALSE(kept.has_errors());
  // ...but a ProgID that is a key path (its uninstall would delete IDispatch) is refused, even
  // when it is also too long (the length rule must not hide it).
  const auto path =
      load(description(own_clsid, "Interface\\\\{00020400-0000-0000-C000-000000000046}",
                       "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E60}",
                       "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E61}", ", \"legacyNames\": true"));
  const Diagnostic* d = find(path, "bad-progid", "/servers/0/classes/0/progid");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::error);
  CHECK(d->message.find("contains '\\' at position 10") != std::string::npos);
  CHECK(check_progid("A\\B").always);
  CHECK_FALSE(check_progid("A_B").always);
}

TEST_CASE("Protected identities: every listed GUID is refused as a description's CLSID",
          "[protected]") {
  // The validator decides on the GUID's 128 bits before wording the error: none may slip by.
  for (const auto& p : protected_identities()) {
    if (p.kind == IdentityKind::progid) continue;
    INFO(p.id);
    CHECK(find(load(description(std::string(p.id), "Fabrikam.Probe.1")), "protected-identity",
               "/servers/0/classes/0/clsid") != nullptr);
  }
}
