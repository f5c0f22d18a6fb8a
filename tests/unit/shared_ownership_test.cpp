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
#include "support/shared_registrations.hpp"

using namespace comreg;

namespace {

const std::string software = "HKEY_CURRENT_USER\\Software";
const std::string root = software + "\\Classes\\";

using testing::put;
using testing::Registration;
using testing::widget;

// The classes root alone, without comreg's bookkeeping.
std::string classes_dump(const MemoryBackend& r) {
  MemoryBackend copy = r;
  if (copy.key_exists(software + "\\comreg")) REQUIRE(copy.delete_tree(software + "\\comreg").ok());
  return copy.dump();
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

}  // namespace

TEST_CASE("Shared: both views of one server, uninstalling one leaves the other whole", "[shared]") {
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

namespace {

// A store that redirects views itself, as the live registry does, and keeps ProgIDs apart per
// view, as Wine does (Windows 7 and later share them): a read-only view of `inner`.
class PerViewProgIds final : public RegistryBackend {
 public:
  explicit PerViewProgIds(const MemoryBackend& inner) : inner_(inner) {}
  Status create_key(std::string_view) override { return refused(); }
  Status set_value(std::string_view, std::string_view, const RegValue&) override {
    return refused();
  }
  Status delete_value(std::string_view, std::string_view) override { return refused(); }
  Status delete_tree(std::string_view) override { return refused(); }
  bool key_exists(std::string_view key) const override { return inner_.key_exists(key); }
  std::optional<RegValue> get_value(std::string_view key, std::string_view name) const override {
    return inner_.get_value(key, name);
  }
  std::vector<std::string> subkeys(std::string_view key) const override {
    return inner_.subkeys(key);
  }
  std::vector<std::string> value_names(std::string_view key) const override {
    return inner_.value_names(key);
  }
  bool redirects_views() const override { return true; }
  bool same_key_in_both_views(std::string_view key) const override {
    return key.find("\\Contoso.Widget") == std::string_view::npos;
  }

 private:
  static Status refused() { return Status::failure(BackendErrc::access_denied, "read-only"); }
  const MemoryBackend& inner_;
};

}  // namespace

TEST_CASE("Shared: verify counts the other view's claims only on keys both views share",
          "[shared]") {
  const Registration v64 = widget(1, View::v64);
  const Registration v32 = widget(1, View::v32);
  MemoryBackend r = baseline();
  install_all(r, {&v64, &v32});
  const std::string owner = registration_owner(v64.description.assembly);
  const std::string progid = "contoso.widget.1";
  const std::string progid_clsid = "contoso.widget.1\\clsid";
  // Physical paths (a hive, an export): the 32-bit registration's ProgID claims are this
  // view's keys, since the views share ProgIDs.
  const OtherClaims physical = claims_of_others(r, Scope::user, View::v64, owner);
  CHECK(physical.keys.count(progid_clsid) == 1);
  // A store that keeps ProgIDs per view: the other view's ProgID is another key, so its claims
  // say nothing about this view's (a value planted here is still reported), while its claims
  // elsewhere still count.
  const PerViewProgIds per_view(r);
  const OtherClaims live = claims_of_others(per_view, Scope::user, View::v64, owner);
  CHECK(live.keys.count(progid) == 0);
  CHECK(live.keys.count(progid_clsid) == 0);
  CHECK_FALSE(live.keys.empty());
  for (const auto& k : live.keys) CHECK(k.find("contoso.widget") == std::string::npos);
}

TEST_CASE("Shared: two versions share the version-independent ProgID, CurVer follows", "[shared]") {
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

// The cases of issue 13, item 2, one pair of descriptions each. The GUIDs are this file's own
// (…4B.. here, …4A.. in the pool below) so no case leans on another's keys.
const std::string shared_appid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4B01}";
const std::string shared_iid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4B02}";
const std::string shared_ps = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4B03}";
const std::string shared_catid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4B04}";
const std::string fresh_libid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4B05}";
const std::string foreign_clsid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4B06}";
const std::string baseline_libid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A5B}";  // see baseline()

// Product `letter` ("A", "B"): its own in-process class at `path`, nothing shared yet.
Registration product(const std::string& letter, int clsid_digit) {
  Registration g;
  g.description = testing::make_description({testing::make_server(
      ServerKind::inproc, "C:\\" + letter + "\\" + letter + ".dll",
      {testing::make_class(
          "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4B1" + std::to_string(clsid_digit) + "}",
          "Product " + letter, "Contoso." + letter + ".1", {}, Threading::both)})});
  g.description.assembly.name = "Contoso.Product" + letter;
  return g;
}

// Two DLLs in one surrogate: each description hosts its class in the same AppID.
Registration surrogate_dll(const std::string& letter, int clsid_digit) {
  Registration g = product(letter, clsid_digit);
  AppId a;
  a.appid = shared_appid;
  a.name = "Contoso shared surrogate";
  a.dll_surrogate = "";
  g.description.appids.push_back(a);
  g.description.servers[0].kind = ServerKind::surrogate;
  g.description.servers[0].classes[0].appid = a.appid;
  return g;
}

// One interface and the proxy/stub DLL that marshals it, shipped by both products.
Registration with_proxy_stub(const std::string& letter, int clsid_digit) {
  Registration g = product(letter, clsid_digit);
  ComClass ps = testing::make_class(shared_ps, "Contoso PSFactoryBuffer", {}, {}, Threading::both);
  g.description.servers.push_back(
      testing::make_server(ServerKind::inproc, "C:\\Common\\contoso_ps.dll", {ps}));
  Interface i;
  i.iid = shared_iid;
  i.name = "IContosoShared";
  i.proxy_stub = shared_ps;
  i.num_methods = 5;
  g.description.interfaces.push_back(i);
  return g;
}

Registration in_category(const std::string& letter, int clsid_digit) {
  Registration g = product(letter, clsid_digit);
  Category c;
  c.catid = shared_catid;
  c.description = "Contoso widgets";
  g.description.categories.push_back(c);
  g.description.servers[0].classes[0].implemented_categories.push_back(c.catid);
  return g;
}

Registration with_typelib(const std::string& letter, int clsid_digit, const std::string& libid,
                          std::uint16_t major, std::uint32_t lcid, const std::string& name) {
  Registration g = product(letter, clsid_digit);
  TypeLib t;
  t.libid = libid;
  t.major = major;
  t.lcid = lcid;
  t.name = name;
  t.win64 = "C:\\" + letter + "\\" + letter + ".tlb";
  g.description.typelibs.push_back(t);
  g.description.servers[0].classes[0].typelib = libid;
  return g;
}

// Both products register the same class, over a foreign InprocServer32 found before either.
Registration over_foreign(const std::string& letter) {
  Registration g;
  g.description = testing::make_description({testing::make_server(
      ServerKind::inproc, "C:\\" + letter + "\\shared.dll",
      {testing::make_class(foreign_clsid, "Shared class", {}, {}, Threading::both)})});
  g.description.assembly.name = "Contoso.Product" + letter;
  return g;
}

MemoryBackend baseline_with_foreign_server() {
  MemoryBackend r = baseline();
  put(r, root + "CLSID\\" + foreign_clsid + "\\InprocServer32", "",
      RegValue::sz("C:\\Foreign\\old.dll"));
  REQUIRE(r.set_value(root + "CLSID\\" + foreign_clsid + "\\InprocServer32", "ThreadingModel",
                      RegValue::sz("Apartment"))
              .ok());
  return r;
}

// The state `regs` leave when installed alone, in this order, on `base`.
std::string alone_on(const MemoryBackend& base, const std::vector<const Registration*>& regs) {
  MemoryBackend r = base;
  install_all(r, regs);
  return classes_dump(r);
}

// Installs `a` then `b` on `base`, uninstalls them in both orders: after the first uninstall
// the one left verifies and the classes root is what it alone would have made; after the
// second the registry, comreg's bookkeeping included, is `base` byte for byte. `between`
// checks the state after the first uninstall. With both installed, B (on top) verifies unless
// `top_verifies` is false. Returns the number of orders run.
// Verify as the CLI does: what the other registrations recorded here claim is theirs.
VerifyReport verify_among_others(const Registration& g, const MemoryBackend& r) {
  OtherClaims others =
      claims_of_others(r, Scope::user, g.view, registration_owner(g.description.assembly));
  VerifyOptions options;
  options.others_keys = std::move(others.keys);
  options.others_values = std::move(others.values);
  return verify(g.plan(), r, options);
}

template <typename Between>
int check_both_orders(const MemoryBackend& base, const Registration& a, const Registration& b,
                      Between between, bool top_verifies = true) {
  REQUIRE_FALSE(validate_description(a.description).has_errors());
  REQUIRE_FALSE(validate_description(b.description).has_errors());
  int orders = 0;
  for (const bool a_first : {true, false}) {
    const Registration& gone = a_first ? a : b;
    const Registration& left = a_first ? b : a;
    INFO((a_first ? "A then B" : "B then A") << " uninstalled");
    MemoryBackend r = base;
    install_all(r, {&a, &b});
    if (top_verifies) CHECK(verify_among_others(b, r).ok());  // installed last, on top
    uninstall_one(r, gone);
    const VerifyReport still = verify(left.plan(), r);
    CHECK(still.ok());
    CHECK(classes_dump(r) == alone_on(base, {&left}));
    between(r, a_first);
    uninstall_one(r, left);
    CHECK(r.dump() == base.dump());
    ++orders;
  }
  return orders;
}

}  // namespace

TEST_CASE("Shared case: an AppID hosting two DLLs in one surrogate", "[shared][cases]") {
  const Registration a = surrogate_dll("A", 1);
  const Registration b = surrogate_dll("B", 2);
  const std::string appid = root + "AppID\\" + shared_appid;
  CHECK(check_both_orders(baseline(), a, b, [&](const MemoryBackend& r, bool) {
          CHECK(r.get_value(appid, "DllSurrogate") == RegValue::sz(""));
          CHECK(r.get_value(appid, "") == RegValue::sz("Contoso shared surrogate"));
        }) == 2);
}

TEST_CASE("Shared case: an interface and its proxy/stub registered by two products",
          "[shared][cases]") {
  const Registration a = with_proxy_stub("A", 1);
  const Registration b = with_proxy_stub("B", 2);
  CHECK(check_both_orders(baseline(), a, b, [&](const MemoryBackend& r, bool) {
          CHECK(r.get_value(root + "Interface\\" + shared_iid + "\\ProxyStubClsid32", "") ==
                RegValue::sz(shared_ps));
          CHECK(r.get_value(root + "CLSID\\" + shared_ps + "\\InprocServer32", "") ==
                RegValue::sz("C:\\Common\\contoso_ps.dll"));
        }) == 2);
}

TEST_CASE("Shared case: a component category implemented by two products", "[shared][cases]") {
  const Registration a = in_category("A", 1);
  const Registration b = in_category("B", 2);
  CHECK(check_both_orders(baseline(), a, b, [&](const MemoryBackend& r, bool) {
          CHECK(r.get_value(root + "Component Categories\\" + shared_catid, "409") ==
                RegValue::sz("Contoso widgets"));
        }) == 2);
}

TEST_CASE("Shared case: one type library version under LCIDs 0 and 0x409", "[shared][cases]") {
  const Registration a = with_typelib("A", 1, fresh_libid, 1, 0, "Contoso Library");
  const Registration b = with_typelib("B", 2, fresh_libid, 1, 0x409, "Contoso Library");
  const std::string version = root + "TypeLib\\" + fresh_libid + "\\1.0";
  CHECK(check_both_orders(baseline(), a, b, [&](const MemoryBackend& r, bool a_first) {
          CHECK(r.key_exists(version + (a_first ? "\\409\\win64" : "\\0\\win64")));
          CHECK_FALSE(r.key_exists(version + (a_first ? "\\0" : "\\409")));
          CHECK(r.get_value(version, "") == RegValue::sz("Contoso Library"));
        }) == 2);
  // Alone, verify would call the other LCID's key inside the version key unexpected; it is
  // the other registration's (a version holds one key per LCID), and its record says so.
  MemoryBackend r = baseline();
  install_all(r, {&a, &b});
  CHECK_FALSE(verify(b.plan(), r).ok());
  CHECK(verify_among_others(b, r).ok());
}

TEST_CASE("Shared case: versions 1.0 and 2.0 of one type library", "[shared][cases]") {
  // The baseline already holds a foreign version 9.0 of this library.
  const Registration a = with_typelib("A", 1, baseline_libid, 1, 0, "Contoso Library 1.0");
  const Registration b = with_typelib("B", 2, baseline_libid, 2, 0, "Contoso Library 2.0");
  const std::string lib = root + "TypeLib\\" + baseline_libid;
  CHECK(check_both_orders(baseline(), a, b, [&](const MemoryBackend& r, bool a_first) {
          CHECK(r.key_exists(lib + (a_first ? "\\2.0" : "\\1.0")));
          CHECK_FALSE(r.key_exists(lib + (a_first ? "\\1.0" : "\\2.0")));
          CHECK(r.key_exists(lib + "\\9.0\\0\\win64"));
        }) == 2);
}

TEST_CASE("Shared case: a foreign value overwritten by A, then by B", "[shared][cases]") {
  const MemoryBackend base = baseline_with_foreign_server();
  const Registration a = over_foreign("A");
  const Registration b = over_foreign("B");
  const std::string server = root + "CLSID\\" + foreign_clsid + "\\InprocServer32";
  const auto path = [&](const MemoryBackend& r) { return r.get_value(server, ""); };
  CHECK(check_both_orders(base, a, b, [&](const MemoryBackend& r, bool a_first) {
          // A uninstalled first: B's bytes stay; B first: A's come back.
          CHECK(path(r) == RegValue::sz(a_first ? "C:\\B\\shared.dll" : "C:\\A\\shared.dll"));
          CHECK(r.get_value(server, "ThreadingModel") == RegValue::sz("Both"));
        }) == 2);
  // Each step of both orders, spelled out.
  for (const bool a_first : {true, false}) {
    MemoryBackend r = base;
    install_all(r, {&a, &b});
    CHECK(path(r) == RegValue::sz("C:\\B\\shared.dll"));
    uninstall_one(r, a_first ? a : b);
    CHECK(path(r) == RegValue::sz(a_first ? "C:\\B\\shared.dll" : "C:\\A\\shared.dll"));
    uninstall_one(r, a_first ? b : a);
    CHECK(path(r) == RegValue::sz("C:\\Foreign\\old.dll"));
    CHECK(r.get_value(server, "ThreadingModel") == RegValue::sz("Apartment"));
  }
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

TEST_CASE("Shared: every named case in every pair of views, on a registry with a foreign class",
          "[shared][cases]") {
  const MemoryBackend base = baseline_with_foreign_server();
  const std::vector<std::pair<Registration, Registration>> pairs = {
      {surrogate_dll("A", 1), surrogate_dll("B", 2)},
      {with_proxy_stub("A", 1), with_proxy_stub("B", 2)},
      {in_category("A", 1), in_category("B", 2)},
      {with_typelib("A", 1, fresh_libid, 1, 0, "L"),
       with_typelib("B", 2, fresh_libid, 1, 0x409, "L")},
      {with_typelib("A", 1, baseline_libid, 1, 0, "L1"),
       with_typelib("B", 2, baseline_libid, 2, 0, "L2")},
      {over_foreign("A"), over_foreign("B")},
  };
  int orders = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    for (int views = 0; views < 4; ++views) {
      Registration a = pairs[i].first;
      Registration b = pairs[i].second;
      a.view = (views & 1) != 0 ? View::v32 : View::v64;
      b.view = (views & 2) != 0 ? View::v32 : View::v64;
      INFO("pair " << i << ", A in view " << (views & 1 ? 32 : 64) << ", B in view "
                   << (views & 2 ? 32 : 64));
      orders += check_both_orders(base, a, b, [](const MemoryBackend&, bool) {});
    }
  }
  CHECK(orders == 48);
}

TEST_CASE("Shared: three registrations over one foreign value, every order, every view",
          "[shared][cases]") {
  const MemoryBackend base = baseline_with_foreign_server();
  std::vector<Registration> regs = {over_foreign("A"), over_foreign("B"), over_foreign("C")};
  regs[1].description.servers[0].classes[0].threading = Threading::apartment;
  regs[2].description.servers[0].classes[0].progid = "Contoso.C.1";
  int runs = 0;
  std::vector<std::size_t> order = {0, 1, 2};
  do {
    for (int views = 0; views < 8; ++views) {
      std::vector<Registration> rs = regs;
      for (std::size_t k = 0; k < 3; ++k)
        rs[k].view = ((views >> k) & 1) != 0 ? View::v32 : View::v64;
      INFO("uninstalled " << order[0] << order[1] << order[2] << ", views " << views);
      MemoryBackend r = base;
      std::vector<const Registration*> installed = {&rs[0], &rs[1], &rs[2]};
      install_all(r, installed);
      for (const std::size_t gone : order) {
        uninstall_one(r, rs[gone]);
        installed.erase(std::find(installed.begin(), installed.end(), &rs[gone]));
        CHECK(classes_dump(r) == alone_on(base, installed));
        if (!installed.empty()) CHECK(verify(installed.back()->plan(), r).ok());
      }
      CHECK(r.dump() == base.dump());
      ++runs;
    }
  } while (std::next_permutation(order.begin(), order.end()));
  CHECK(runs == 48);
}

TEST_CASE("Shared: a repair install of an older registration over a newer one's values",
          "[shared][cases]") {
  // Install A, then B, then A again (a repair): A's data are back on top, so A must now be the
  // registration above B, or uninstalling A leaves its data behind for good.
  const MemoryBackend base = baseline_with_foreign_server();
  const Registration a = over_foreign("A");
  const Registration b = over_foreign("B");
  const Registration v1 = widget(1);
  const Registration v2 = widget(2);
  const std::string server = root + "CLSID\\" + foreign_clsid + "\\InprocServer32";
  const std::string curver = root + "Contoso.Widget\\CurVer";
  for (const bool older_first : {true, false}) {
    INFO((older_first ? "the repaired one" : "the newer one") << " uninstalled first");
    MemoryBackend r = base;
    install_all(r, {&a, &b, &a});
    CHECK(r.get_value(server, "") == RegValue::sz("C:\\A\\shared.dll"));
    CHECK(verify(a.plan(), r).ok());
    uninstall_one(r, older_first ? a : b);
    CHECK(classes_dump(r) == alone_on(base, {older_first ? &b : &a}));
    uninstall_one(r, older_first ? b : a);
    CHECK(r.dump() == base.dump());

    r = baseline();
    install_all(r, {&v1, &v2, &v1});
    CHECK(r.get_value(curver, "") == RegValue::sz("Contoso.Widget.1"));
    uninstall_one(r, older_first ? v1 : v2);
    CHECK(r.get_value(curver, "") ==
          RegValue::sz(older_first ? "Contoso.Widget.2" : "Contoso.Widget.1"));
    CHECK(classes_dump(r) == alone({older_first ? &v2 : &v1}));
    uninstall_one(r, older_first ? v2 : v1);
    CHECK(r.dump() == baseline().dump());
  }
  // A repair that finds everything in place writes nothing, its record included.
  MemoryBackend r = base;
  install_all(r, {&a, &b});
  CHECK(install(b.plan(), r, b.options()).changes.empty());
  const Registration a_like_b = [&] {
    Registration g = over_foreign("B");
    g.description.assembly.name = "Contoso.ProductA";
    return g;
  }();
  MemoryBackend same = base;
  install_all(same, {&a_like_b, &b});
  CHECK(install(a_like_b.plan(), same, a_like_b.options()).changes.empty());
}

TEST_CASE("Shared: a repair install, and the uninstall after it, failing at every write k",
          "[shared][cases]") {
  // The repair rewrites the newer registration's record too: a failure at any of its writes, or
  // at any write of the uninstall that follows, leaves the registry byte for byte as it was.
  const Registration v1 = widget(1);
  const Registration v2 = widget(2);
  MemoryBackend before = baseline();
  install_all(before, {&v1, &v2});
  std::size_t writes = 0;
  {
    MemoryBackend r = before;
    FaultInjectingBackend counting(r, 0, FaultInjectingBackend::Fault::fail);
    REQUIRE(install(v1.plan(), counting, v1.options()).status.ok());
    writes = counting.writes();
  }
  CHECK(writes >= 3);  // CurVer, version 1's record, version 2's record
  for (std::size_t k = 1; k <= writes; ++k) {
    CAPTURE(k);
    MemoryBackend r = before;
    FaultInjectingBackend failing(r, k, FaultInjectingBackend::Fault::fail);
    const ApplyReport report = install(v1.plan(), failing, v1.options());
    REQUIRE(report.rolled_back);
    REQUIRE(r.dump() == before.dump());
  }
  MemoryBackend repaired = before;
  install_all(repaired, {&v1});
  for (const Registration* gone : {&v1, &v2}) {
    std::size_t uninstall_writes = 0;
    {
      MemoryBackend r = repaired;
      FaultInjectingBackend counting(r, 0, FaultInjectingBackend::Fault::fail);
      REQUIRE(uninstall(gone->plan(), counting, gone->options()).status.ok());
      uninstall_writes = counting.writes();
    }
    for (std::size_t k = 1; k <= uninstall_writes; ++k) {
      CAPTURE(k);
      MemoryBackend r = repaired;
      FaultInjectingBackend failing(r, k, FaultInjectingBackend::Fault::fail);
      const ApplyReport report = uninstall(gone->plan(), failing, gone->options());
      REQUIRE(report.rolled_back);
      REQUIRE(r.dump() == repaired.dump());
    }
  }
}
