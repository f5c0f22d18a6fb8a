// The importer: description -> plan -> .reg -> read -> import gives the same description, for
// every sample and for random descriptions; what it cannot map is listed; legacy names are
// kept as warnings; the result verifies against its source.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <set>
#include <tuple>

#include "comreg/apply/apply.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/model/sddl.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "core/ascii.hpp"
#include "support/description_equal.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

std::string canonical_sddl(const std::string& sddl) {
  if (sddl.empty()) return sddl;
  return security_descriptor_to_sddl(sddl_to_security_descriptor(sddl).descriptor).value_or("?");
}

// The description in the importer's order and spelling: servers merged by (kind, path,
// arguments) and sorted, everything else sorted by identifier, SDDL in canonical form.
Description canonical(Description d) {
  std::vector<Server> servers;
  for (auto& s : d.servers) {
    auto same = std::find_if(servers.begin(), servers.end(), [&](const Server& t) {
      return t.kind == s.kind && t.path == s.path && t.arguments == s.arguments;
    });
    if (same == servers.end()) {
      servers.push_back(std::move(s));
    } else {
      for (auto& c : s.classes) same->classes.push_back(std::move(c));
    }
  }
  std::sort(servers.begin(), servers.end(), [](const Server& a, const Server& b) {
    return std::tie(a.kind, a.path, a.arguments) < std::tie(b.kind, b.path, b.arguments);
  });
  std::set<std::string> surrogate_appids;
  for (auto& s : servers) {
    std::sort(s.classes.begin(), s.classes.end(),
              [](const ComClass& a, const ComClass& b) { return a.clsid < b.clsid; });
    for (auto& c : s.classes) {
      std::sort(c.implemented_categories.begin(), c.implemented_categories.end());
      std::sort(c.required_categories.begin(), c.required_categories.end());
      if (s.kind == ServerKind::surrogate) surrogate_appids.insert(c.appid);
    }
  }
  d.servers = std::move(servers);
  for (auto& a : d.appids) {
    a.access_permission = canonical_sddl(a.access_permission);
    a.launch_permission = canonical_sddl(a.launch_permission);
    if (a.dll_surrogate && a.dll_surrogate->empty() && surrogate_appids.count(a.appid)) {
      a.dll_surrogate.reset();
    }
    std::sort(a.executables.begin(), a.executables.end(),
              [](const auto& x, const auto& y) { return text::fold_case(x) < text::fold_case(y); });
  }
  const auto by = [](auto member) {
    return [member](const auto& a, const auto& b) { return member(a) < member(b); };
  };
  std::sort(d.appids.begin(), d.appids.end(), by([](const AppId& a) { return a.appid; }));
  std::sort(d.typelibs.begin(), d.typelibs.end(),
            by([](const TypeLib& t) { return std::tuple(t.libid, t.major, t.minor); }));
  std::sort(d.interfaces.begin(), d.interfaces.end(), by([](const Interface& i) { return i.iid; }));
  std::sort(d.categories.begin(), d.categories.end(),
            by([](const Category& c) { return c.catid; }));
  return d;
}

Description load_sample(const std::string& file) {
  LoadOptions options;
  options.defines["installdir"] = "C:\\Program Files\\Fabrikam";
  auto r = load_description(testing::read_file(file), file, options);
  REQUIRE(r.description);
  return std::move(*r.description);
}

// description -> plan -> .reg -> read back -> import; `registry` keeps what was read.
ImportResult through_reg_file(const Description& d, const PlanOptions& po,
                              MemoryBackend& registry) {
  const Plan plan = make_plan(d, po);
  const RegWriteResult reg = write_reg(plan);
  REQUIRE_FALSE(reg.diagnostics.has_errors());
  Diagnostics diagnostics;
  REQUIRE(read_reg(reg.bytes, {}, registry, diagnostics));
  ImportOptions io;
  io.scope = po.scope;
  io.view = po.view;
  io.assembly_name = d.assembly.name;
  io.assembly_version = d.assembly.version;
  return import_registry(registry, io);
}

// What every import must be: a description that loads, and verifies against its source.
void check_valid_and_verifies(const ImportResult& result, const MemoryBackend& registry,
                              const PlanOptions& po) {
  const std::string json = description_to_json(result.description);
  const LoadResult loaded = load_description(json, "imported.json");
  INFO(json);
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  const VerifyReport report = verify(make_plan(*loaded.description, po), registry);
  INFO(format_verify_report(report, false));
  CHECK(report.ok());
}

// Creates `key` (the memory registry wants keys before values) and sets a value.
Status put(MemoryBackend& r, const std::string& key, const std::string& name, const RegValue& v) {
  if (Status s = r.create_key(key); !s.ok()) return s;
  return r.set_value(key, name, v);
}

}  // namespace

TEST_CASE("Import: every sample survives description -> plan -> .reg -> import", "[import]") {
  int samples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".json") continue;
    ++samples;
    for (const Scope scope : {Scope::machine, Scope::user}) {
      Description original = load_sample(entry.path().string());
      // The registry does not record an architecture, only a view: a 32-bit sample is
      // registered, and imported, in the 32-bit view.
      const PlanOptions po{scope, original.assembly.arch == Arch::x86 ? View::v32 : View::v64};
      INFO(entry.path().filename().string() << " scope " << to_string(po.scope));
      MemoryBackend registry;
      const ImportResult result = through_reg_file(original, po, registry);
      // The registry does not say which class a licence belongs to unless its id is the
      // CLSID: such a licence is listed, not imported.
      std::vector<std::string> expected_unmapped;
      for (auto& s : original.servers) {
        for (auto& c : s.classes) {
          if (c.license && c.license->id != c.clsid) {
            expected_unmapped.push_back(classes_root(po.scope) + "\\Licenses\\" + c.license->id);
            c.license.reset();
          }
        }
      }
      std::vector<std::string> unmapped;
      for (const auto& u : result.unmapped) unmapped.push_back(u.key);
      INFO(format_unmapped(result.unmapped, false));
      CHECK(unmapped == expected_unmapped);
      const std::string differences =
          testing::describe_differences(canonical(original), result.description);
      INFO(description_to_json(result.description));
      CHECK(differences == "");
      check_valid_and_verifies(result, registry, po);
    }
  }
  CHECK(samples >= 6);
}

namespace {

// Random valid descriptions in the importer's canonical form (what a registry can say).
class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  Description make(View view) {
    Description d;
    d.file = "random.json";
    d.assembly.name = "Random.Assembly";
    d.assembly.version = "1.0.0.0";
    d.assembly.arch = view == View::v32 ? Arch::x86 : Arch::amd64;
    const int typelibs = pick(0, 2);
    for (int i = 0; i < typelibs; ++i) {
      TypeLib t;
      t.libid = guid();
      t.major = static_cast<std::uint16_t>(pick(0, 20));
      t.minor = static_cast<std::uint16_t>(pick(0, 20));
      t.lcid = chance() ? 0 : 0x409;
      t.name = maybe(words());
      if (chance()) t.win32 = path(".tlb");
      if (t.win32.empty() || chance()) t.win64 = path(".dll");
      t.flags = static_cast<std::uint32_t>(pick(0, 15));
      t.helpdir = maybe(path(""));
      d.typelibs.push_back(std::move(t));
    }
    const int appids = pick(0, 3);
    for (int i = 0; i < appids; ++i) {
      AppId a;
      a.appid = guid();
      a.name = maybe(words());
      a.local_service = maybe("Svc" + std::to_string(i));
      a.run_as = maybe(std::string("Interactive User"));
      if (chance()) a.access_permission = "O:BAG:BAD:(A;;CCDCLCSWRP;;;SY)(A;;CCDCLC;;;BA)";
      if (chance()) a.launch_permission = "O:BAG:BAD:(A;;0x1f;;;WD)";
      if (chance()) a.authentication_level = static_cast<std::uint32_t>(pick(1, 6));
      a.remote_server_name = maybe(std::string("server") + std::to_string(i) + ".example.com");
      if (chance()) a.appid_flags = static_cast<std::uint32_t>(pick(0, 4));
      if (chance()) a.preferred_server_bitness = static_cast<std::uint32_t>(pick(1, 3));
      if (chance()) a.executables.push_back("exe" + std::to_string(i) + ".exe");
      d.appids.push_back(std::move(a));
    }
    const int servers = pick(1, 4);
    for (int i = 0; i < servers; ++i) {
      Server s;
      s.kind = static_cast<ServerKind>(pick(0, 4));
      s.arch = d.assembly.arch;
      if (s.kind != ServerKind::remote)
        s.path = path(s.kind == ServerKind::local ? ".exe" : ".dll");
      if (s.kind == ServerKind::local && chance()) s.arguments = "/automation -x";
      const int classes = pick(1, 3);
      for (int k = 0; k < classes; ++k) add_class(d, s);
      if (!s.classes.empty()) d.servers.push_back(std::move(s));
    }
    if (d.servers.empty()) {
      Server s;
      s.kind = ServerKind::inproc;
      s.arch = d.assembly.arch;
      s.path = path(".dll");
      add_class(d, s);
      d.servers.push_back(std::move(s));
    }
    const int interfaces = pick(0, 3);
    for (int i = 0; i < interfaces; ++i) {
      Interface f;
      f.iid = guid();
      f.name = "IRandom" + std::to_string(i);
      if (chance()) f.proxy_stub = guid();
      if (chance()) f.num_methods = static_cast<std::uint32_t>(pick(3, 40));
      if (chance()) f.base_interface = guid();
      if (!d.typelibs.empty() && chance()) f.typelib = d.typelibs[0].libid;
      d.interfaces.push_back(std::move(f));
    }
    const int categories = pick(0, 2);
    for (int i = 0; i < categories; ++i) {
      Category c;
      c.catid = guid();
      c.description = words();
      c.lcid = chance() ? 0x409 : 0x407;
      d.categories.push_back(std::move(c));
    }
    return d;
  }

 private:
  void add_class(Description& d, Server& s) {
    ComClass c;
    c.clsid = guid();
    c.name = maybe(words());
    // Surrogate and remote classes need an AppID (remote: with RemoteServerName); an AppID
    // with DllSurrogate makes its classes surrogates, so only those get one.
    std::vector<AppId*> fitting;
    for (auto& a : d.appids) {
      const bool remote_ok = !a.remote_server_name.empty();
      if (s.kind == ServerKind::remote && !remote_ok) continue;
      if (s.kind != ServerKind::surrogate && a.dll_surrogate) continue;
      if (s.kind == ServerKind::surrogate && used_by_non_surrogate_.count(a.appid)) continue;
      if (s.kind != ServerKind::surrogate && surrogate_.count(a.appid)) continue;
      fitting.push_back(&a);
    }
    const bool needs_appid = s.kind == ServerKind::surrogate || s.kind == ServerKind::remote;
    if ((needs_appid || chance()) && !fitting.empty()) {
      AppId* a = fitting[static_cast<std::size_t>(pick(0, static_cast<int>(fitting.size()) - 1))];
      c.appid = a->appid;
      if (s.kind == ServerKind::surrogate) {
        surrogate_.insert(a->appid);
        if (chance()) a->dll_surrogate = "C:\\Host\\host.exe";
      } else {
        used_by_non_surrogate_.insert(a->appid);
      }
    } else if (needs_appid) {
      return;  // no AppID fits: leave the class out
    }
    if (chance()) {
      c.progid = "Random.Class" + std::to_string(next_++) + ".1";
      if (chance()) c.version_independent_progid = "Random.Class" + std::to_string(next_++);
    } else if (chance(4)) {
      c.version_independent_progid = "Random.Only" + std::to_string(next_++);
    }
    if (s.kind != ServerKind::local && s.kind != ServerKind::remote && chance()) {
      c.threading = static_cast<Threading>(pick(1, 4));
    }
    if (!d.typelibs.empty() && chance()) c.typelib = d.typelibs[0].libid;
    c.version = maybe(std::string("1.0"));
    if (chance()) c.implemented_categories = {guid(), guid()};
    if (chance(4)) c.required_categories = {guid()};
    c.programmable = chance();
    c.control = chance();
    c.insertable = chance(4);
    if (chance()) {
      MiscStatus m;
      if (chance()) m.value = static_cast<std::uint32_t>(pick(0, 1 << 20));
      if (chance()) m.aspects.emplace_back(1u, 131473u);
      if (chance()) m.aspects.emplace_back(4u, 5u);
      c.misc_status = std::move(m);
    }
    if (chance(4)) c.toolbox_bitmap = path(".ocx") + ",1";
    if (chance(4)) c.default_icon = "%SystemRoot%\\icons.dll,3";
    if (chance(4)) c.treat_as = guid();
    if (chance(4)) c.auto_convert_to = guid();
    if (chance(4)) c.license = License{c.clsid, "licence key " + std::to_string(next_++)};
    s.classes.push_back(std::move(c));
  }

  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(int one_in = 2) { return pick(1, one_in) == 1; }
  template <typename T>
  T maybe(T v) {
    return chance() ? v : T{};
  }
  std::string guid() {
    static const char hex[] = "0123456789ABCDEF";
    std::string g = "{";
    for (int i = 0; i < 32; ++i) {
      if (i == 8 || i == 12 || i == 16 || i == 20) g += '-';
      g += hex[pick(0, 15)];
    }
    return g + "}";
  }
  std::string words() {
    static const char* const w[] = {"Fabrikam", "Widget", "Gauge", "Service", "Grüße", "Control"};
    std::string out = w[pick(0, 5)];
    for (int n = pick(0, 2); n > 0; --n) out += std::string(" ") + w[pick(0, 5)];
    return out;
  }
  std::string path(const char* ext) {
    static const char* const dirs[] = {"C:\\Program Files\\Fabrikam", "C:\\Fabrikam",
                                       "%ProgramFiles%\\Fabrikam"};
    return std::string(dirs[pick(0, 2)]) + "\\file" + std::to_string(next_++) + ext;
  }

  std::mt19937 rng_;
  int next_ = 0;
  std::set<std::string> surrogate_, used_by_non_surrogate_;
};

}  // namespace

TEST_CASE("Import: random descriptions survive the round trip (seeded)", "[import][property]") {
  const std::uint32_t base = 20261201;
  for (std::uint32_t i = 0; i < 300; ++i) {
    const std::uint32_t seed = base + i;
    const View view = i % 3 == 2 ? View::v32 : View::v64;
    const PlanOptions po{i % 2 == 0 ? Scope::machine : Scope::user, view};
    Generator g(seed);
    const Description original = g.make(view);
    const std::string json = description_to_json(original);
    INFO("seed " << seed << " view " << to_string(view) << "\n" << json);
    const LoadResult loaded = load_description(json, "random.json");
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    MemoryBackend registry;
    const ImportResult result = through_reg_file(*loaded.description, po, registry);
    INFO(format_unmapped(result.unmapped, false));
    CHECK(result.unmapped.empty());
    const std::string differences =
        testing::describe_differences(canonical(*loaded.description), result.description);
    INFO("imported:\n" << description_to_json(result.description));
    REQUIRE(differences == "");
    check_valid_and_verifies(result, registry, po);
  }
}

TEST_CASE("Import: names that break the rules are kept with legacyNames, as warnings", "[import]") {
  // As Wine registers ClassMoniker and the script engines' authoring classes. (ClassMoniker's
  // own CLSID is in OLE's reserved range, which is never imported: see the next test. A
  // vendor's class named the same way stands in for it.)
  MemoryBackend r;
  const std::string root = "HKEY_LOCAL_MACHINE\\Software\\Classes";
  const std::string moniker = root + "\\CLSID\\{6A1D8F0E-3B7C-4C2D-9E5F-00000000031A}";
  REQUIRE(put(r, moniker, "", RegValue::sz("ClassMoniker")).ok());
  REQUIRE(put(r, moniker + "\\InprocServer32", "", RegValue::sz("combase.dll")).ok());
  REQUIRE(put(r, moniker + "\\InprocServer32", "ThreadingModel", RegValue::sz("Both")).ok());
  REQUIRE(put(r, moniker + "\\ProgId", "", RegValue::sz("CLSID")).ok());
  const std::string author = root + "\\CLSID\\{0AEE2A92-BCBB-11D0-8C72-00C04FC2B085}";
  REQUIRE(put(r, author, "", RegValue::sz("VBScript Language Authoring")).ok());
  REQUIRE(put(r, author + "\\InprocServer32", "", RegValue::sz("vbscript.dll")).ok());
  REQUIRE(put(r, author + "\\ProgID", "", RegValue::sz("VBScript Author")).ok());
  REQUIRE(put(r, root + "\\VBScript Author", "", RegValue::sz("VBScript Language Authoring")).ok());
  REQUIRE(put(r, root + "\\VBScript Author\\CLSID", "",
              RegValue::sz("{0AEE2A92-BCBB-11D0-8C72-00C04FC2B085}"))
              .ok());
  const ImportResult result = import_registry(r);
  INFO(format_unmapped(result.unmapped, false));
  CHECK(result.unmapped.empty());
  CHECK(result.legacy_names == 2);
  REQUIRE(result.description.servers.size() == 2);
  const std::string json = description_to_json(result.description);
  INFO(json);
  CHECK(json.find("\"legacyNames\": true") != std::string::npos);
  const LoadResult loaded = load_description(json, "imported.json");
  REQUIRE(loaded.description);
  CHECK_FALSE(loaded.diagnostics.has_errors());
  CHECK(loaded.diagnostics.warning_count() == 2);
  for (const auto& d : loaded.diagnostics) {
    CHECK(d.severity == Severity::warning);
    CHECK((d.code == "bad-progid" || d.code == "reserved-progid"));
  }
  // The ProgID named CLSID gets no ProgID key: the plan never touches the CLSID container.
  const Plan plan = make_plan(*loaded.description, {Scope::machine, View::v64});
  for (const auto& op : plan.ops) CHECK_FALSE(text::iequals(op.key, "CLSID"));
  CHECK(verify(plan, r).ok());
  // Without the mark, the same names are errors.
  std::string strict = json;
  const std::string mark = "\"legacyNames\": true";
  for (std::size_t at; (at = strict.find(mark)) != std::string::npos;) {
    strict.replace(at, mark.size(), "\"legacyNames\": false");
  }
  const LoadResult refused = load_description(strict, "strict.json");
  CHECK_FALSE(refused.description);
}

TEST_CASE("Import: Windows' own identities are left out, each with the reason", "[import]") {
  MemoryBackend r;
  const std::string root = "HKEY_LOCAL_MACHINE\\Software\\Classes";
  const std::string moniker = root + "\\CLSID\\{0000031A-0000-0000-C000-000000000046}";
  REQUIRE(put(r, moniker, "", RegValue::sz("ClassMoniker")).ok());
  REQUIRE(put(r, moniker + "\\InprocServer32", "", RegValue::sz("combase.dll")).ok());
  const std::string fso = root + "\\CLSID\\{0D43FE01-F093-11CF-8940-00A0C9054228}";
  REQUIRE(put(r, fso + "\\InprocServer32", "", RegValue::sz("scrrun.dll")).ok());
  REQUIRE(put(r, fso + "\\ProgID", "", RegValue::sz("Scripting.FileSystemObject")).ok());
  const std::string own = root + "\\CLSID\\{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E6F}";
  REQUIRE(put(r, own + "\\InprocServer32", "", RegValue::sz("C:\\Fabrikam\\own.dll")).ok());
  const ImportResult result = import_registry(r);
  const std::string report = format_unmapped(result.unmapped, false);
  INFO(report);
  CHECK(result.unmapped.size() == 2);
  for (const auto& u : result.unmapped) {
    CHECK(u.reason.find("[protected-identity]") != std::string::npos);
  }
  CHECK(report.find("{0000031A-0000-0000-C000-000000000046}: does not validate: CLSID") !=
        std::string::npos);
  CHECK(report.find("Scripting.FileSystemObject (scrrun.dll)") != std::string::npos);
  REQUIRE(result.description.servers.size() == 1);
  CHECK(result.description.servers[0].classes.at(0).clsid ==
        "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E6F}");
}

TEST_CASE("Import: what the format cannot carry is listed with the reason, not dropped",
          "[import]") {
  Description d = load_sample(testing::source_path("samples/inproc-typelib.json"));
  const PlanOptions po{Scope::user, View::v64};
  MemoryBackend r;
  REQUIRE(install(make_plan(d, po), r).status.ok());
  const std::string root = classes_root(po.scope);
  const std::string clsid = d.servers[0].classes[0].clsid;
  // A value of a type the class's `values` have no spelling for, in an owned key: the class
  // cannot be imported.
  REQUIRE(put(r, root + "\\CLSID\\" + clsid, "Vendor", RegValue::qword(7)).ok());
  // A file type, a ProgID of no class, a key under CLSID that is not a GUID.
  REQUIRE(put(r, root + "\\.gauge", "", RegValue::sz("Fabrikam.GaugeFile")).ok());
  REQUIRE(r.create_key(root + "\\CLSID\\NotAGuid").ok());
  const ImportResult result = import_registry(r, {po.scope, po.view, "A", "1.0.0.0"});
  const std::string report = format_unmapped(result.unmapped, false);
  INFO(report);
  CHECK_THAT(report,
             Catch::Contains("unmapped: " + root + "\\CLSID\\" + clsid + ": value " + root +
                             "\\CLSID\\" + clsid + " \"Vendor\" has no description member"));
  CHECK_THAT(report, Catch::Contains(root + "\\.gauge: file extension"));
  CHECK_THAT(report, Catch::Contains(root + "\\CLSID\\NotAGuid: not a CLSID"));
  // The class's ProgIDs are listed too: no imported class wrote them.
  CHECK_THAT(report, Catch::Contains(root + "\\" + d.servers[0].classes[0].progid +
                                     ": not the ProgID of an imported class"));
  for (const auto& s : result.description.servers) {
    for (const auto& c : s.classes) CHECK(c.clsid != clsid);
  }
  check_valid_and_verifies(result, r, po);
  const std::string json = format_unmapped(result.unmapped, true);
  CHECK_THAT(json, Catch::Contains("\"reason\"") && Catch::Contains("\"count\""));
}

TEST_CASE("Import: security descriptors come back as SDDL that makes the same bytes",
          "[import][sddl]") {
  for (const char* sddl : {"O:BAG:BAD:(A;;CCDCLCSWRP;;;SY)(A;;CCDCLCSWRP;;;BA)(A;;CCDCLC;;;IU)",
                           "O:SYG:SYD:P(A;OICI;KA;;;SY)(D;;0x1f0003;;;S-1-5-21-1-2-3-1001)",
                           "D:AI(A;;GA;;;WD)S:(AU;SA;CC;;;WD)"}) {
    INFO(sddl);
    const auto bytes = sddl_to_security_descriptor(sddl).descriptor;
    REQUIRE_FALSE(bytes.empty());
    const auto text = security_descriptor_to_sddl(bytes);
    REQUIRE(text);
    CHECK(sddl_to_security_descriptor(*text).descriptor == bytes);
  }
  CHECK_FALSE(security_descriptor_to_sddl({1, 0, 4, 0x80}));  // truncated
  CHECK_FALSE(security_descriptor_to_sddl({}));
}

TEST_CASE("Import: a hand-written .reg with lower-case GUIDs, 'apartment' and NULs is imported",
          "[import]") {
  // tests/data/contoso-hkcr-handwritten.reg: what samples/contoso-widgets.json registers,
  // spelled as people write .reg files by hand.
  const PlanOptions po{Scope::user, View::v64};
  RegReadOptions read;
  read.root_aliases.emplace_back("HKEY_CLASSES_ROOT", classes_root(po.scope));
  MemoryBackend r;
  Diagnostics diagnostics;
  REQUIRE(read_reg_file(testing::source_path("tests/data/contoso-hkcr-handwritten.reg"), read, r,
                        diagnostics));
  const ImportResult result = import_registry(r, {po.scope, po.view, "A", "1.0.0.0"});
  INFO(format_unmapped(result.unmapped, false, result.normalized));
  CHECK(result.unmapped.empty());
  REQUIRE(result.description.servers.size() == 2);
  const ComClass& widget = result.description.servers[0].classes.at(0);
  CHECK(result.description.servers[0].path == "C:\\Program Files\\Contoso\\widgets.dll");
  CHECK(widget.threading == Threading::apartment);
  CHECK(widget.progid == "Contoso.Widget.1");
  const ComClass& service = result.description.servers[1].classes.at(0);
  CHECK(result.description.servers[1].path == "C:\\Program Files\\Contoso\\widgetsvc.exe");
  CHECK(service.appid == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C03}");
  // Each respelled value is said: the NULs, ThreadingModel, four ProgID CLSIDs, the AppID.
  REQUIRE(result.normalized.size() == 7);
  const std::string report = format_unmapped(result.unmapped, false, result.normalized);
  CHECK_THAT(report, Catch::Contains("note: " + classes_root(po.scope) +
                                     "\\Contoso.Widget.1\\CLSID @: imported as Windows reads it "
                                     "(written \"{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}\", found "
                                     "\"{0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01}\")"));
  CHECK_THAT(report, Catch::Contains("\\InprocServer32 @: imported as Windows reads it (written "
                                     "43 00 3a 00"));
  CHECK_THAT(format_unmapped(result.unmapped, true, result.normalized),
             Catch::Contains("\"normalized\""));
  check_valid_and_verifies(result, r, po);
}

TEST_CASE("Import: a LocalServer32 path quoted without need is imported unquoted", "[import]") {
  const PlanOptions po{Scope::user, View::v64};
  const std::string root = classes_root(po.scope);
  const std::string clsid = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C09}";
  MemoryBackend r;
  REQUIRE(put(r, root + "\\CLSID\\" + clsid, "", RegValue::sz("Server")).ok());
  REQUIRE(put(r, root + "\\CLSID\\" + clsid + "\\LocalServer32", "",
              RegValue::sz("\"C:\\acc\\srv.exe\" /automation"))
              .ok());
  const ImportResult result = import_registry(r, {po.scope, po.view, "A", "1.0.0.0"});
  INFO(format_unmapped(result.unmapped, false, result.normalized));
  REQUIRE(result.description.servers.size() == 1);
  CHECK(result.description.servers[0].path == "C:\\acc\\srv.exe");
  CHECK(result.description.servers[0].arguments == "/automation");
  REQUIRE(result.normalized.size() == 1);
  CHECK_THAT(result.normalized[0].reason, Catch::Contains("quoted or not"));
  check_valid_and_verifies(result, r, po);
}

TEST_CASE("Import: a 16-bit InprocServer is listed, its class imported without it", "[import]") {
  Description d = load_sample(testing::source_path("samples/inproc-typelib.json"));
  const PlanOptions po{Scope::machine, View::v64};
  MemoryBackend r;
  REQUIRE(install(make_plan(d, po), r).status.ok());
  const std::string root = classes_root(po.scope);
  const std::string clsid = d.servers[0].classes[0].clsid;
  // As old servers register their 16-bit InprocServer.
  const std::string server16 = root + "\\CLSID\\" + clsid + "\\InprocServer";
  REQUIRE(put(r, server16, "", RegValue::sz("old16.dll")).ok());
  const ImportResult result = import_registry(r, {po.scope, po.view, "A", "1.0.0.0"});
  const std::string report = format_unmapped(result.unmapped, false);
  INFO(report);
  CHECK_THAT(report, Catch::Contains("unmapped: " + server16 +
                                     ": InprocServer is read by 16-bit "
                                     "OLE only (COM reads InprocServer32): class " +
                                     clsid + " is imported without it"));
  bool class_kept = false;
  for (const auto& s : result.description.servers) {
    for (const auto& c : s.classes) class_kept = class_kept || c.clsid == clsid;
  }
  CHECK(class_kept);
  // Verified against its source, the import differs by exactly that key.
  const VerifyReport verified = verify(make_plan(result.description, po), r);
  std::vector<std::string> unexpected;
  for (const auto& f : verified.findings) {
    if (f.is_warning()) continue;
    CHECK(f.kind == Finding::Kind::unexpected_key);
    unexpected.push_back(f.key);
  }
  CHECK(unexpected == std::vector<std::string>{server16});
}

TEST_CASE("Import: an interface's 16-bit ProxyStubClsid is imported as proxyStub16", "[import]") {
  Description d = load_sample(testing::source_path("samples/inproc-typelib.json"));
  const PlanOptions po{Scope::machine, View::v64};
  MemoryBackend r;
  REQUIRE(install(make_plan(d, po), r).status.ok());
  const std::string root = classes_root(po.scope);
  const Interface& with_stub =
      *std::find_if(d.interfaces.begin(), d.interfaces.end(),
                    [](const Interface& i) { return !i.proxy_stub.empty(); });
  // As widl registers Wine's interfaces; another CLSID than ProxyStubClsid32's, so the member
  // is seen to come from its own key.
  const std::string stub16_clsid = "{6E2B0F4A-3C1D-4E5F-8A9B-0C1D2E3F4A5B}";
  const std::string stub16 = root + "\\Interface\\" + with_stub.iid + "\\ProxyStubClsid";
  REQUIRE(put(r, stub16, "", RegValue::sz(stub16_clsid)).ok());
  const ImportResult result = import_registry(r, {po.scope, po.view, "A", "1.0.0.0"});
  INFO(format_unmapped(result.unmapped, false, result.normalized));
  CHECK(result.unmapped.empty());
  const auto imported =
      std::find_if(result.description.interfaces.begin(), result.description.interfaces.end(),
                   [&](const Interface& i) { return i.iid == with_stub.iid; });
  REQUIRE(imported != result.description.interfaces.end());
  CHECK(imported->proxy_stub16 == stub16_clsid);
  CHECK(imported->proxy_stub == with_stub.proxy_stub);
  check_valid_and_verifies(result, r, po);
}

TEST_CASE("Import: server paths read as Windows reads them, never with a quote inside",
          "[import]") {
  const PlanOptions po{Scope::user, View::v64};
  const std::string root = classes_root(po.scope);
  const std::string inproc = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0A}";
  const std::string glued = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0B}";
  MemoryBackend r;
  // COM loads what the first two quotes enclose; the text after them is ignored.
  REQUIRE(put(r, root + "\\CLSID\\" + inproc, "", RegValue::sz("Widget")).ok());
  REQUIRE(put(r, root + "\\CLSID\\" + inproc + "\\InprocServer32", "",
              RegValue::sz("\"C:\\acc\\w.dll\" ignored"))
              .ok());
  // CreateProcess runs C:\acc\srv.exe with "/x" glued to the quote: no character is lost,
  // and the description, which would write C:\acc\srv.exe /x, is not taken for the same.
  REQUIRE(put(r, root + "\\CLSID\\" + glued, "", RegValue::sz("Server")).ok());
  REQUIRE(put(r, root + "\\CLSID\\" + glued + "\\LocalServer32", "",
              RegValue::sz("\"C:\\acc\\srv.exe\"/x"))
              .ok());
  const ImportResult result = import_registry(r, {po.scope, po.view, "A", "1.0.0.0"});
  const std::string report = format_unmapped(result.unmapped, false, result.normalized);
  INFO(report);
  REQUIRE(result.description.servers.size() == 1);
  CHECK(result.description.servers[0].path == "C:\\acc\\w.dll");
  REQUIRE(result.normalized.size() == 1);
  CHECK_THAT(report, Catch::Contains(glued));
  for (const auto& server : result.description.servers) {
    CHECK(server.path.find('"') == std::string::npos);
  }
  check_valid_and_verifies(result, r, po);
}

TEST_CASE("Import: an error in a server's own member takes out every class it serves, only those",
          "[import]") {
  // The validator names the server ("/servers/N/path"), above its classes: each class listed
  // under it goes, with the reason; a class of another server stays.
  MemoryBackend r;
  const std::string root = "HKEY_LOCAL_MACHINE\\Software\\Classes";
  const std::string broken_path = std::string("C:\\Fabrikam\\sh\x01red.dll");
  const std::vector<std::string> shared = {"{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E60}",
                                           "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E61}"};
  for (const auto& clsid : shared) {
    REQUIRE(put(r, root + "\\CLSID\\" + clsid + "\\InprocServer32", "", RegValue::sz(broken_path))
                .ok());
  }
  const std::string own = "{6A1D8F0E-3B7C-4C2D-9E5F-1A2B3C4D5E6F}";
  REQUIRE(put(r, root + "\\CLSID\\" + own + "\\InprocServer32", "",
              RegValue::sz("C:\\Fabrikam\\own.dll"))
              .ok());
  const ImportResult result = import_registry(r);
  const std::string report = format_unmapped(result.unmapped, false);
  INFO(report);
  CHECK(result.unmapped.size() == 2);
  for (const auto& clsid : shared) {
    CHECK(report.find(clsid + ": does not validate: ") != std::string::npos);
  }
  REQUIRE(result.description.servers.size() == 1);
  REQUIRE(result.description.servers[0].classes.size() == 1);
  CHECK(result.description.servers[0].classes[0].clsid == own);
}
