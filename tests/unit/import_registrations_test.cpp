// Import of what real .reg files contain (issue 15), one hand-written file of tests/data per
// form: each is imported, its description written and loaded again, planned, written as a
// .reg and read back, and that verifies against the original file with no difference.
#include <algorithm>
#include <catch2/catch.hpp>

#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "core/ascii.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

const PlanOptions po{Scope::machine, View::v64};

struct Imported {
  MemoryBackend source;
  ImportResult result;
  std::string report;  // the unmapped and normalized lists as `comreg import` prints them
};

void import_file(const std::string& name, Imported& out) {
  RegReadOptions read;
  read.root_aliases.emplace_back("HKEY_CLASSES_ROOT", classes_root(po.scope));
  Diagnostics diagnostics;
  REQUIRE(read_reg_file(testing::source_path("tests/data/" + name), read, out.source, diagnostics));
  REQUIRE_FALSE(diagnostics.has_errors());
  out.result = import_registry(out.source, {po.scope, po.view, "Fabrikam.Imported", "1.0.0.0"});
  out.report = format_unmapped(out.result.unmapped, false, out.result.normalized);
}

// import -> description JSON -> load -> plan -> .reg -> read: verifies against the source.
Description round_trip(const Imported& in) {
  const std::string json = description_to_json(in.result.description);
  INFO(json);
  const LoadResult loaded = load_description(json, "imported.json");
  INFO(format_diagnostics_json(loaded.diagnostics));
  REQUIRE(loaded.description);
  const RegWriteResult reg = write_reg(make_plan(*loaded.description, po));
  REQUIRE_FALSE(reg.diagnostics.has_errors());
  MemoryBackend written;
  Diagnostics diagnostics;
  REQUIRE(read_reg(reg.bytes, {}, written, diagnostics));
  const VerifyReport against = verify(make_plan(*loaded.description, po), in.source);
  INFO(format_verify_report(against, false));
  // The only differences are what the import listed as not imported (a value COM ignores).
  for (const Finding& f : against.findings) {
    if (f.is_warning()) continue;
    CAPTURE(f.key, f.name);
    CHECK(std::any_of(in.result.unmapped.begin(), in.result.unmapped.end(), [&](const Unmapped& u) {
      return text::iequals(u.key, f.key) && text::iequals(u.value, f.name);
    }));
  }
  // What the written .reg holds is what the source holds for the imported elements.
  CHECK(verify(make_plan(*loaded.description, po), written).findings.empty());
  return *loaded.description;
}

std::string root() {
  return classes_root(po.scope);
}

}  // namespace

TEST_CASE("Import files: a class served in process and by a local server", "[import][files]") {
  Imported in;
  import_file("import-dual-server.reg", in);
  INFO(in.report);
  CHECK(in.result.unmapped.empty());
  const Description d = round_trip(in);
  // Drawing: a DLL and an EXE; Sketch: OLE's handler and an EXE. 4 listings of 2 classes.
  REQUIRE(d.servers.size() == 4);
  int drawing = 0, sketch = 0;
  for (const auto& s : d.servers) {
    REQUIRE(s.classes.size() == 1);
    const ComClass& c = s.classes[0];
    if (c.clsid == "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E01}") {
      ++drawing;
      if (s.kind == ServerKind::inproc) {
        CHECK(s.path == "C:\\Program Files\\Fabrikam\\fabdraw.dll");
        CHECK(c.progid == "Fabrikam.Drawing.1");
        CHECK(c.threading == Threading::apartment);
      } else {
        CHECK(s.kind == ServerKind::local);
        CHECK(s.path == "C:\\Program Files\\Fabrikam\\fabdraw.exe");
        CHECK(s.arguments == "/automation");
        CHECK(c.progid.empty());  // the members are written once, in the first listing
      }
    } else {
      ++sketch;
      CHECK((s.kind == ServerKind::handler ? s.path == "ole32.dll"
                                           : s.path == "C:\\Fabrikam\\sketch.exe"));
    }
  }
  CHECK(drawing == 2);
  CHECK(sketch == 2);
}

TEST_CASE("Import files: ThreadingModel under LocalServer32 is listed, the class kept",
          "[import][files]") {
  Imported in;
  import_file("import-localserver-threading.reg", in);
  INFO(in.report);
  REQUIRE(in.result.unmapped.size() == 1);
  CHECK(in.result.unmapped[0].value == "ThreadingModel");
  CHECK_THAT(in.report,
             Catch::Contains("unmapped: " + root() +
                             "\\CLSID\\{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E11}\\LocalServer32 "
                             "\"ThreadingModel\": COM ignores ThreadingModel under LocalServer32"));
  const Description d = round_trip(in);
  REQUIRE(d.servers.size() == 1);
  CHECK(d.servers[0].kind == ServerKind::local);
  CHECK(d.servers[0].classes.at(0).progid == "Fabrikam.Updater.1");
}

TEST_CASE("Import files: a ProgID equal to its version-independent one, or one shared by two",
          "[import][files]") {
  Imported in;
  import_file("import-progids.reg", in);
  INFO(in.report);
  CHECK(in.result.unmapped.empty());
  const Description d = round_trip(in);
  REQUIRE(d.servers.size() == 3);
  for (const auto& s : d.servers) {
    const ComClass& c = s.classes.at(0);
    CAPTURE(c.clsid);
    if (c.clsid.ends_with("21}")) {
      CHECK(c.progid == "Fabrikam.Viewer");
      CHECK(c.version_independent_progid == "Fabrikam.Viewer");
      CHECK(c.legacy_names);
    } else {
      CHECK(c.version_independent_progid == "Fabrikam.Chart");
      CHECK(c.progid_key);
      // Fabrikam.Chart names version 2: version 1 names it without writing it.
      CHECK(c.version_independent_progid_key == c.clsid.ends_with("23}"));
    }
  }
  CHECK_THAT(in.report, Catch::Contains("note: " + root() +
                                        "\\Fabrikam.Chart @: names class "
                                        "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E23}, not "
                                        "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E22}"));
}

TEST_CASE("Import files: a .NET class registered by regasm", "[import][files]") {
  Imported in;
  import_file("import-regasm.reg", in);
  INFO(in.report);
  CHECK(in.result.unmapped.empty());
  const Description d = round_trip(in);
  REQUIRE(d.servers.size() == 1);
  CHECK(d.servers[0].path == "mscoree.dll");
  const ComClass& c = d.servers[0].classes.at(0);
  REQUIRE(c.clr);
  CHECK(c.clr->class_name == "Fabrikam.Interop.Calculator");
  CHECK(c.clr->assembly ==
        "Fabrikam.Interop, Version=1.2.0.0, Culture=neutral, PublicKeyToken=null");
  CHECK(c.clr->runtime_version == "v4.0.30319");
  CHECK(c.clr->code_base == "file:///C:/Program Files/Fabrikam/Fabrikam.Interop.dll");
  CHECK(c.threading == Threading::both);
  CHECK(c.progid == "Fabrikam.Interop.Calculator");
  CHECK(c.implemented_categories ==
        std::vector<std::string>{"{62C8FE65-4EBB-45E7-B440-6E39B2CDBF29}"});
}

TEST_CASE("Import files: a type library without FLAGS or HELPDIR keeps them absent",
          "[import][files]") {
  Imported in;
  import_file("import-typelib-bare.reg", in);
  INFO(in.report);
  CHECK(in.result.unmapped.empty());
  const Description d = round_trip(in);
  REQUIRE(d.typelibs.size() == 2);
  CHECK_FALSE(d.typelibs[0].flags);
  CHECK_FALSE(d.typelibs[0].helpdir);
  CHECK(d.typelibs[1].flags == 0u);
  CHECK_FALSE(d.typelibs[1].helpdir);
  CHECK(d.servers.at(0).classes.at(0).typelib == "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E40}");
}

TEST_CASE("Import files: type libraries and interfaces alone make a description without servers",
          "[import][files]") {
  Imported in;
  import_file("import-interfaces-only.reg", in);
  INFO(in.report);
  CHECK(in.result.unmapped.empty());
  const Description d = round_trip(in);
  CHECK(d.servers.empty());
  CHECK(d.typelibs.size() == 1);
  CHECK(d.interfaces.size() == 2);
}

TEST_CASE("Import files: widl's interfaces keep their 16-bit ProxyStubClsid (proxyStub16)",
          "[import][files]") {
  Imported in;
  import_file("import-widl-interfaces.reg", in);
  INFO(in.report);
  CHECK(in.result.unmapped.empty());
  const Description d = round_trip(in);
  REQUIRE(d.interfaces.size() == 2);
  for (const Interface& i : d.interfaces) {
    CHECK(i.proxy_stub == "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E70}");
    CHECK(i.proxy_stub16 == "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E70}");
  }
}

TEST_CASE("Import files: a class's values and subkeys no member plans are its values/subkeys",
          "[import][files]") {
  Imported in;
  import_file("import-class-values.reg", in);
  INFO(in.report);
  CHECK(in.result.unmapped.empty());
  const Description d = round_trip(in);
  REQUIRE(d.servers.size() == 2);
  const ComClass& codec = d.servers[0].classes.at(0);
  CHECK(codec.clsid == "{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E81}");
  CHECK(codec.values.size() == 5);
  CHECK(std::any_of(codec.values.begin(), codec.values.end(), [](const ClassValue& v) {
    return v.name == "MimeTypes" && v.value == RegValue::multi_sz({"image/tiff"});
  }));
  std::vector<std::string> keys;
  for (const auto& k : codec.subkeys) keys.push_back(k.key);
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"Formats",
                                         "Formats\\{6FDDC324-4E03-4BFE-B185-3D77768DC901}",
                                         "Patterns", "Patterns\\0"});
  const ComClass& filter = d.servers[1].classes.at(0);
  CHECK(filter.values.empty());
  REQUIRE(filter.subkeys.size() == 3);
  const auto instance =
      std::find_if(filter.subkeys.begin(), filter.subkeys.end(), [](const ClassSubkey& k) {
        return k.key == "Instance\\{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E83}";
      });
  REQUIRE(instance != filter.subkeys.end());
  CHECK(instance->values.size() == 4);
}

TEST_CASE("Import files: a quoted InprocServer32 path is imported unquoted, noted",
          "[import][files]") {
  Imported in;
  import_file("import-quoted-inproc.reg", in);
  INFO(in.report);
  const Description d = round_trip(in);
  REQUIRE(d.servers.size() == 1);
  CHECK(d.servers[0].path == "C:\\Program Files\\Fabrikam\\quoted.dll");
  REQUIRE(in.result.normalized.size() == 1);
  CHECK_THAT(in.result.normalized[0].reason, Catch::Contains("between the quotes"));
  // The REG_EXPAND_SZ's quotes stay: that class is listed, not imported with a quote.
  REQUIRE(in.result.unmapped.size() == 1);
  CHECK(in.result.unmapped[0].key == root() + "\\CLSID\\{3A7C5E10-2B4D-4F6A-8C1E-9D0B2A4C6E62}");
  CHECK_THAT(in.result.unmapped[0].reason, Catch::Contains("quotes that COM does not take off"));
}
