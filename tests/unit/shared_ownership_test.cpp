// Registrations that share keys: each keeps its own claims, a key or value leaves only with its
// last claimant, an overwritten value goes back to what the next remaining one set, and the
// order of uninstalls does not matter. The cases of issue 13, then a property test over random
// pairs and triples drawn from one pool of GUIDs and names.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "comreg/apply/apply.hpp"
#include "comreg/apply/registrations.hpp"
#include "comreg/description/description_validator.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/testing/fault_backend.hpp"
#include "comreg/verify/verify.hpp"
#include "support/description_builders.hpp"

using namespace comreg;

namespace {

const std::string software = "HKEY_CURRENT_USER\\Software";
const std::string root = software + "\\Classes\\";

struct Registration {
  Description description;
  View view = View::v64;
  [[nodiscard]] Plan plan() const { return make_plan(description, {Scope::user, view}); }
  [[nodiscard]] ApplyOptions options() const {
    ApplyOptions o;
    o.owner = description.assembly.name + " " + description.assembly.version;
    return o;
  }
};

// The classes root alone, without comreg's bookkeeping.
std::string classes_dump(const MemoryBackend& r) {
  MemoryBackend copy = r;
  if (copy.key_exists(software + "\\comreg")) REQUIRE(copy.delete_tree(software + "\\comreg").ok());
  return copy.dump();
}

void put(MemoryBackend& r, const std::string& key, const std::string& name, const RegValue& v) {
  REQUIRE(r.create_key(key).ok());
  REQUIRE(r.set_value(key, name, v).ok());
}

// What a registry looks like before any comreg install: a class container, a foreign
// version-independent ProgID and a foreign version of a shared type library.
MemoryBackend baseline() {
  MemoryBackend r;
  REQUIRE(r.create_key(root + "CLSID").ok());
  put(r, root + "Contoso.Widget\\CurVer", "", RegValue::sz("Contoso.Widget.0"));
  put(r, root + "TypeLib\\{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A5B}\\9.0\\0\\win64", "",
      RegValue::sz("C:\\Other\\other.tlb"));
  return r;
}

void install_all(MemoryBackend& r, const std::vector<const Registration*>& regs) {
  for (const auto* g : regs) {
    const ApplyReport report = install(g->plan(), r, g->options());
    INFO(report.status.message);
    REQUIRE(report.status.ok());
  }
}

void uninstall_one(MemoryBackend& r, const Registration& g) {
  const ApplyReport report = uninstall(g.plan(), r, g.options());
  INFO(report.status.message);
  REQUIRE(report.status.ok());
}

// The state `regs` leave when installed alone, in this order, on the baseline.
std::string alone(const std::vector<const Registration*>& regs) {
  MemoryBackend r = baseline();
  install_all(r, regs);
  return classes_dump(r);
}

// One widget version: its own CLSID and ProgID, the shared version-independent ProgID.
Registration widget(int version, View view = View::v64) {
  const std::string clsid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A0" + std::to_string(version) + "}";
  Registration g;
  g.description = testing::make_description({testing::make_server(
      ServerKind::inproc, "C:\\Contoso\\v" + std::to_string(version) + "\\w.dll",
      {testing::make_class(clsid, "Widget", "Contoso.Widget." + std::to_string(version),
                           "Contoso.Widget", Threading::both)})});
  g.description.assembly.version = std::to_string(version) + ".0.0.0";
  g.view = view;
  return g;
}

}  // namespace

TEST_CASE("Shared: both views of one server; uninstalling one leaves the other whole", "[shared]") {
  const Registration v64 = widget(1, View::v64);
  const Registration v32 = widget(1, View::v32);
  const MemoryBackend before = baseline();
  for (const bool first64 : {true, false}) {
    MemoryBackend r = before;
    install_all(r, {&v64, &v32});
    const Registration& gone = first64 ? v64 : v32;
    const Registration& left = first64 ? v32 : v64;
    uninstall_one(r, gone);
    CHECK(verify(left.plan(), r).ok());  // the shared ProgIDs are still there for it
    CHECK(classes_dump(r) == alone({&left}));
    uninstall_one(r, left);
    CHECK(r.dump() == before.dump());
  }
}

TEST_CASE("Shared: two versions share the version-independent ProgID; CurVer follows", "[shared]") {
  const Registration one = widget(1);
  const Registration two = widget(2);
  const std::string curver = root + "Contoso.Widget\\CurVer";
  // Uninstall version 1 first: version 2 keeps the ProgID, CurVer still names it.
  MemoryBackend r = baseline();
  install_all(r, {&one, &two});
  CHECK(r.get_value(curver, "") == RegValue::sz("Contoso.Widget.2"));
  uninstall_one(r, one);
  CHECK(r.get_value(curver, "") == RegValue::sz("Contoso.Widget.2"));
  CHECK(r.key_exists(root + "Contoso.Widget\\CLSID"));
  CHECK(classes_dump(r) == alone({&two}));
  uninstall_one(r, two);
  CHECK(r.get_value(curver, "") == RegValue::sz("Contoso.Widget.0"));  // the foreign one's
  CHECK(r.dump() == baseline().dump());
  // Uninstall version 2 first: CurVer goes back to version 1.
  r = baseline();
  install_all(r, {&one, &two});
  uninstall_one(r, two);
  CHECK(r.get_value(curver, "") == RegValue::sz("Contoso.Widget.1"));
  CHECK(classes_dump(r) == alone({&one}));
  uninstall_one(r, one);
  CHECK(r.dump() == baseline().dump());
}

namespace {

// A pool of identities that random descriptions share.
struct Pool {
  std::vector<std::string> clsids = {"{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A11}",
                                     "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A12}",
                                     "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A13}"};
  std::vector<std::string> progids = {"Contoso.Alpha.1", "Contoso.Alpha.2", "Contoso.Beta.1"};
  std::vector<std::string> vi = {"Contoso.Alpha", "Contoso.Widget"};
  std::vector<std::string> appids = {"{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A21}",
                                     "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A22}"};
  std::vector<std::string> iids = {"{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A31}",
                                   "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A32}"};
  std::string libid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A5B}";
  std::vector<std::string> catids = {"{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A41}"};
  std::vector<std::string> paths = {"C:\\A\\a.dll", "C:\\B\\b.dll"};
};

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

bool coin(std::mt19937& rng) {
  return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
}

Registration random_registration(std::mt19937& rng, const Pool& pool, int index) {
  Registration g;
  ComClass c = testing::make_class(pick(rng, pool.clsids), "Class " + std::to_string(index));
  if (coin(rng)) c.progid = pick(rng, pool.progids);
  if (coin(rng)) c.version_independent_progid = pick(rng, pool.vi);
  if (c.progid.empty() && !c.version_independent_progid.empty())
    c.progid = c.version_independent_progid + ".9";
  c.threading = coin(rng) ? Threading::both : Threading::apartment;
  Description d = testing::make_description(
      {testing::make_server(ServerKind::inproc, pick(rng, pool.paths), {c})});
  d.assembly.name = "Vendor.Product" + std::to_string(index);
  if (coin(rng)) {
    AppId a;
    a.appid = pick(rng, pool.appids);
    a.name = "App " + std::to_string(index);
    a.dll_surrogate = "";
    d.appids.push_back(a);
    d.servers[0].kind = ServerKind::surrogate;
    d.servers[0].classes[0].appid = a.appid;
  }
  if (coin(rng)) {
    TypeLib t;
    t.libid = pool.libid;
    t.major = static_cast<std::uint16_t>(coin(rng) ? 1 : 2);
    t.lcid = coin(rng) ? 0 : 0x409;
    t.name = "Lib " + std::to_string(index);
    t.win64 = d.servers[0].path;
    d.typelibs.push_back(t);
    Interface i;
    i.iid = pick(rng, pool.iids);
    i.name = "IThing";
    i.proxy_stub = "{00020424-0000-0000-C000-000000000046}";
    i.typelib = t.libid;
    d.interfaces.push_back(i);
  }
  if (coin(rng)) {
    Category cat;
    cat.catid = pool.catids[0];
    cat.description = "Widgets " + std::to_string(index);
    d.categories.push_back(cat);
    d.servers[0].classes[0].implemented_categories.push_back(cat.catid);
  }
  g.description = std::move(d);
  g.view = coin(rng) ? View::v64 : View::v32;
  return g;
}

}  // namespace

TEST_CASE("Shared: random pairs and triples, uninstalled in random orders (seeded)",
          "[shared][property]") {
  const Pool pool;
  int trials = 0;
  int checked_states = 0;
  for (std::uint32_t seed = 1; seed <= 400; ++seed) {
    std::mt19937 rng(seed);
    const int count = seed % 3 == 0 ? 3 : 2;
    std::vector<Registration> regs;
    for (int i = 0; i < count; ++i) regs.push_back(random_registration(rng, pool, i));
    bool valid = true;
    for (const auto& g : regs) valid = valid && !validate_description(g.description).has_errors();
    if (!valid) continue;
    ++trials;
    INFO("seed " << seed);
    std::vector<const Registration*> installed;
    for (const auto& g : regs) installed.push_back(&g);
    MemoryBackend r = baseline();
    install_all(r, installed);
    std::vector<const Registration*> order = installed;
    std::shuffle(order.begin(), order.end(), rng);
    for (const auto* gone : order) {
      uninstall_one(r, *gone);
      installed.erase(std::find(installed.begin(), installed.end(), gone));
      // As if the ones left had been installed alone, in the order they were.
      CHECK(classes_dump(r) == alone(installed));
      ++checked_states;
    }
    CHECK(r.dump() == baseline().dump());
  }
  INFO(trials << " trials, " << checked_states << " states compared");
  CHECK(trials >= 300);
  WARN("shared property: " << trials << " trials (pairs and triples), " << checked_states
                           << " intermediate states compared with a fresh install");
}

TEST_CASE("Shared: list_registrations names each registration and the keys it shares",
          "[shared][list]") {
  const Registration one64 = widget(1, View::v64);
  const Registration one32 = widget(1, View::v32);
  const Registration two = widget(2);
  MemoryBackend r = baseline();
  CHECK(list_registrations(r, Scope::user).empty());
  install_all(r, {&one64, &one32, &two});
  const auto listed = list_registrations(r, Scope::user);
  REQUIRE(listed.size() == 3);
  CHECK(listed[0].owner == "Contoso.Widgets 1.0.0.0");
  CHECK(listed[0].view == View::v64);
  CHECK(listed[1].view == View::v32);
  CHECK(listed[2].owner == "Contoso.Widgets 2.0.0.0");
  CHECK(listed[0].sequence < listed[1].sequence);
  CHECK(listed[1].sequence < listed[2].sequence);
  // Version 1 in both views shares its ProgIDs (not redirected), not its CLSID keys.
  REQUIRE(listed[0].shared.size() == 2);
  const auto& with32 = listed[0].shared[0];
  CHECK(with32.owner == "Contoso.Widgets 1.0.0.0");
  CHECK(with32.view == View::v32);
  CHECK(std::find(with32.keys.begin(), with32.keys.end(), "Contoso.Widget.1") != with32.keys.end());
  for (const auto& k : with32.keys) CHECK(k.find("CLSID\\{") != 0);
  const auto& with2 = listed[0].shared[1];
  CHECK(with2.owner == "Contoso.Widgets 2.0.0.0");
  CHECK(with2.keys == std::vector<std::string>{"Contoso.Widget", "Contoso.Widget\\CLSID",
                                               "Contoso.Widget\\CurVer"});
  CHECK(listed[0].values > 0);
  const std::string text = format_registrations(listed, Scope::user, "memory", false);
  CHECK(text.find("Contoso.Widgets 2.0.0.0 (user, view 64): ") != std::string::npos);
  CHECK(text.find("  shares 3 keys with Contoso.Widgets 2.0.0.0 (view 64): Contoso.Widget "
                  "Contoso.Widget\\CLSID Contoso.Widget\\CurVer\n") != std::string::npos);
  CHECK(text.substr(text.size() - 26) == "3 registrations in memory\n");
  const std::string json = format_registrations(listed, Scope::user, "memory", true);
  CHECK(json.find("\"name\": \"Contoso.Widgets 1.0.0.0\"") != std::string::npos);
  CHECK(json.find("\"view\": \"32\"") != std::string::npos);
}
