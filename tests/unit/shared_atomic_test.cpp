// All or nothing with shared keys, proved by fault injection: two or three registrations share
// keys (both views of one server, two versions under one version-independent ProgID, one AppID,
// interface, type library and category, a foreign value both overwrote). For every write k of
// the uninstall of each of them, from every state their uninstalls pass through, and of the
// install of each onto the ones before it: a failure at write k leaves the registry, comreg's
// records included, byte for byte as it was; a kill at write k (the journal stays, nothing is
// undone) is put back by recover(), and the run made again gives what a run without faults
// gives.
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <set>

#include "comreg/apply/apply.hpp"
#include "comreg/apply/journal.hpp"
#include "comreg/description/description_validator.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/testing/fault_backend.hpp"
#include "support/description_builders.hpp"
#include "support/shared_registrations.hpp"
#include "support/test_files.hpp"

using namespace comreg;
namespace fs = std::filesystem;

namespace {

const std::string root = "HKEY_CURRENT_USER\\Software\\Classes\\";
const std::string shared_appid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A71}";
const std::string shared_iid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A72}";
const std::string shared_catid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A73}";
const std::string shared_libid = "{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A5B}";

using testing::put;
using testing::Registration;
using testing::widget;

// One part of a suite: its own class in the shared surrogate AppID, implementing the shared
// category, with the shared interface (proxy/stub and type library) and a version and LCID
// of the shared type library. The AppID's and the category's names differ per part, so each
// overwrites the one before.
Registration part(int index, std::uint16_t major, std::uint32_t lcid, View view) {
  const std::string n = std::to_string(index);
  const std::string path = "C:\\Contoso\\part" + n + ".dll";
  ComClass c = testing::make_class("{6B0E2F7A-1C5D-4E3F-8A9B-0C1D2E3F4A6" + n + "}", "Part " + n,
                                   "Contoso.Part" + n + ".1", "Contoso.Part" + n, Threading::both);
  c.appid = shared_appid;
  c.implemented_categories.push_back(shared_catid);
  Description d = testing::make_description(
      {testing::make_server(ServerKind::surrogate, path, {std::move(c)})});
  d.assembly.name = "Contoso.Part" + n;
  d.assembly.version = "1.0.0.0";
  AppId a;
  a.appid = shared_appid;
  a.name = "Contoso Parts (" + n + ")";
  a.dll_surrogate = "";
  d.appids.push_back(a);
  TypeLib t;
  t.libid = shared_libid;
  t.major = major;
  t.lcid = lcid;
  t.name = "Contoso Parts " + std::to_string(major) + ".0";
  t.win64 = path;
  d.typelibs.push_back(t);
  Interface i;
  i.iid = shared_iid;
  i.name = "IPart";
  i.proxy_stub = "{00020424-0000-0000-C000-000000000046}";
  i.typelib = shared_libid;
  d.interfaces.push_back(i);
  Category cat;
  cat.catid = shared_catid;
  cat.description = "Contoso Parts (" + n + ")";
  d.categories.push_back(cat);
  Registration g;
  g.description = std::move(d);
  g.view = view;
  return g;
}

// A lived-in registry: the class container, a foreign CurVer and a foreign AppID name that
// the registrations overwrite one after the other, a foreign version of the shared library.
MemoryBackend lived_in() {
  MemoryBackend r;
  REQUIRE(r.create_key(root + "CLSID").ok());
  put(r, root + "Contoso.Widget\\CurVer", "", RegValue::sz("Contoso.Widget.0"));
  put(r, root + "AppID\\" + shared_appid, "", RegValue::sz("Foreign surrogate"));
  put(r, root + "TypeLib\\" + shared_libid + "\\9.0\\0\\win64", "",
      RegValue::sz("C:\\Other\\other.tlb"));
  return r;
}

// What the proof covered.
struct Coverage {
  std::size_t runs = 0;
  std::size_t failures = 0;  // k values failed at
  std::size_t kills = 0;     // k values killed at
};

class FaultProof {
 public:
  explicit FaultProof(const char* name) {
    const fs::path dir = comreg::testing::temp_folder("comreg-shared-atomic-test") / name;
    fs::remove_all(dir);
    site_ = live_journal_site(Scope::user, View::v64, dir.string());
    const Status s = store_.open(site_);
    INFO(s.message);
    REQUIRE(s.ok());
  }

  using Run = std::function<ApplyReport(RegistryBackend&, JournalStore*)>;

  // Fails, then kills, `run` at each of its writes, from `before`.
  void every_write(const MemoryBackend& before, const Run& run, const std::string& operation) {
    const std::string journal = site_.path();
    MemoryBackend clean = before;
    FaultInjectingBackend counting(clean, 0, FaultInjectingBackend::Fault::fail);
    const ApplyReport report = run(counting, nullptr);
    INFO(report.status.message);
    REQUIRE(report.status.ok());
    const std::size_t writes = counting.writes();
    // One write per change, but for a key inside a tree deleted just before (it went with it).
    REQUIRE(writes <= report.changes.size());
    REQUIRE(writes > 0);
    const std::string after = clean.dump();
    const std::string as_before = before.dump();
    for (std::size_t k = 1; k <= writes; ++k) {
      CAPTURE(k);
      {
        // A failed write is rolled back from the journal in memory; the file (written durably,
        // slow here) only matters when the process dies, below.
        MemoryBackend r = before;
        FaultInjectingBackend failing(r, k, FaultInjectingBackend::Fault::fail);
        const ApplyReport failed = run(failing, nullptr);
        REQUIRE(failed.status.code == BackendErrc::injected);
        REQUIRE(failed.rolled_back);
        REQUIRE(r.dump() == as_before);
      }
      {
        MemoryBackend r = before;
        FaultInjectingBackend dying(r, k, FaultInjectingBackend::Fault::crash);
        REQUIRE_THROWS_AS(static_cast<void>(run(dying, &store_)), SimulatedCrash);
        REQUIRE(dying.writes() == k - 1);
        REQUIRE(fs::exists(journal));  // the process died: nothing was undone
        const RecoverReport recovered = recover(store_, r);
        INFO(recovered.status.message);
        REQUIRE(recovered.status.ok());
        REQUIRE(recovered.found);
        REQUIRE(recovered.journal.operation == operation);
        REQUIRE(r.dump() == as_before);
        REQUIRE_FALSE(fs::exists(journal));
        // Made again, the run completes as if nothing had happened.
        REQUIRE(run(r, nullptr).status.ok());
        REQUIRE(r.dump() == after);
      }
    }
    ++coverage.runs;
    coverage.failures += writes;
    coverage.kills += writes;
  }

  // The install of each registration onto the ones before it; then, from the state with all of
  // them installed, the uninstall of each one, and so on from every state that leaves.
  void registrations(const MemoryBackend& start, const std::vector<Registration>& regs) {
    for (const auto& g : regs) {
      INFO(g.options(nullptr).owner << " view " << to_string(g.view));
      REQUIRE_FALSE(validate_description(g.description).has_errors());
    }
    MemoryBackend r = start;
    for (std::size_t i = 0; i < regs.size(); ++i) {
      const Registration& g = regs[i];
      const Plan plan = g.plan();
      const auto run = [&](RegistryBackend& registry, JournalStore* journal) {
        return install(plan, registry, g.options(journal));
      };
      if (i > 0) {
        INFO("install of " << g.options(nullptr).owner << " view " << to_string(g.view) << " onto "
                           << i << " other(s)");
        every_write(r, run, "install");
      }
      REQUIRE(run(r, nullptr).status.ok());
    }
    std::vector<const Registration*> all;
    for (const auto& g : regs) all.push_back(&g);
    std::set<std::string> seen;
    uninstalls(r, all, seen);
  }

  Coverage coverage;

 private:
  void uninstalls(const MemoryBackend& state, const std::vector<const Registration*>& installed,
                  std::set<std::string>& seen) {
    if (installed.empty() || !seen.insert(state.dump()).second) return;
    for (const Registration* g : installed) {
      INFO("uninstall of " << g->options(nullptr).owner << " view " << to_string(g->view)
                           << " with " << installed.size() - 1 << " other(s) installed");
      const Plan plan = g->plan();
      const auto run = [&](RegistryBackend& registry, JournalStore* journal) {
        return uninstall(plan, registry, g->options(journal));
      };
      every_write(state, run, "uninstall");
      MemoryBackend left = state;
      REQUIRE(run(left, nullptr).status.ok());
      std::vector<const Registration*> rest;
      for (const Registration* o : installed) {
        if (o != g) rest.push_back(o);
      }
      uninstalls(left, rest, seen);
    }
  }

  JournalSite site_;
  JournalStore store_;
};

}  // namespace

TEST_CASE("Shared atomic: a fault at every write k of a shared-key install or uninstall",
          "[atomic][shared]") {
  FaultProof proof("shared");
  // Both views of one server, then version 2 of it.
  proof.registrations(lived_in(), {widget(1, View::v64), widget(1, View::v32)});
  proof.registrations(lived_in(),
                      {widget(1, View::v64), widget(1, View::v32), widget(2, View::v64)});
  // Two versions sharing a version-independent ProgID whose CurVer was someone else's.
  proof.registrations(lived_in(), {widget(1, View::v64), widget(2, View::v64)});
  // A shared AppID (whose name was someone else's), interface, category, and one type library
  // version under two LCIDs, then a second version of the library.
  proof.registrations(lived_in(), {part(1, 1, 0, View::v64), part(2, 1, 0x409, View::v64)});
  proof.registrations(lived_in(), {part(1, 1, 0, View::v64), part(2, 1, 0x409, View::v64),
                                   part(3, 2, 0, View::v64)});
  // A fresh registry: the containers made on the way (CLSID, Wow6432Node, AppID…) are claimed,
  // and handed from one registration to another.
  const MemoryBackend fresh;
  proof.registrations(fresh, {widget(1, View::v64), widget(1, View::v32)});
  proof.registrations(
      fresh, {part(1, 1, 0, View::v32), widget(1, View::v64), part(2, 1, 0x409, View::v64)});
  CHECK(proof.coverage.runs >= 40);
  WARN("shared fault injection: " << proof.coverage.runs << " runs (installs onto others, "
                                  << "uninstalls from every state on the way), a failure at each "
                                  << "of their " << proof.coverage.failures
                                  << " writes and a kill at each of " << proof.coverage.kills
                                  << " (recovered, then run again)");
}
