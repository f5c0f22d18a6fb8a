// All or nothing, proved by fault injection: for every k, install and uninstall of the largest
// sample whose k-th write fails leave the registry byte for byte as it was; and a run that dies
// at write k (journal written, no rollback) is put back by recover().
#include <catch2/catch.hpp>
#include <filesystem>

#include "comreg/apply/apply.hpp"
#include "comreg/apply/journal.hpp"
#include "comreg/store/memory_backend.hpp"
#include "comreg/testing/fault_backend.hpp"
#include "support/diagnostic_matchers.hpp"
#include "support/test_files.hpp"

using namespace comreg;
namespace fs = std::filesystem;

namespace {

const std::string classes = "HKEY_LOCAL_MACHINE\\Software\\Classes\\";
const char* const samples[] = {"activex-control", "contoso-widgets", "inproc-typelib",
                               "local-server",    "remote-client",   "surrogate"};

Plan sample_plan(const std::string& name) {
  const auto r =
      testing::load_text(testing::read_file(testing::source_path("samples/" + name + ".json")));
  REQUIRE(r.description);
  return make_plan(*r.description, {Scope::machine, View::v64});
}

// A lived-in registry: the containers, another product's class, version-independent ProgIDs
// that another server already set, a type library key holding another version, and values of
// every awkward kind (a string without its terminating NUL, binary, MULTI_SZ).
MemoryBackend lived_in(const Plan& plan) {
  MemoryBackend r;
  for (const char* c : {"CLSID", "AppID", "TypeLib", "Interface", "Component Categories"}) {
    REQUIRE(r.create_key(classes + c).ok());
  }
  const std::string other = classes + "CLSID\\{00000000-1111-2222-3333-444444444444}";
  REQUIRE(r.create_key(other + "\\InprocServer32").ok());
  REQUIRE(r.set_value(other, "", RegValue::from_raw(RegType::sz, {'O', 0, 'k', 0})).ok());
  REQUIRE(r.set_value(other, "Blob", RegValue::binary({0, 1, 2, 255})).ok());
  REQUIRE(r.set_value(other, "List", RegValue::multi_sz({"a", "b"})).ok());
  for (const auto& op : plan.ops) {
    // Every version-independent ProgID of the plan is there already, pointing elsewhere.
    if (op.kind == OpKind::set_value && op.name.empty() && op.key.size() > 7 &&
        op.key.compare(op.key.size() - 7, 7, "\\CurVer") == 0) {
      REQUIRE(r.create_key(classes + op.key).ok());
      REQUIRE(r.set_value(classes + op.key, "", RegValue::sz("Other.Server.9")).ok());
    }
    if (op.kind == OpKind::create_key && op.key.rfind("TypeLib\\", 0) == 0 &&
        op.key.find('\\', 8) == std::string::npos) {
      REQUIRE(r.create_key(classes + op.key + "\\9.9\\0\\win64").ok());
      REQUIRE(r.set_value(classes + op.key + "\\9.9\\0\\win64", "", RegValue::sz("old.tlb")).ok());
    }
  }
  return r;
}

ApplyOptions journaled(JournalStore* journal) {
  ApplyOptions o;
  o.owner = "Sample";
  o.journal = journal;
  return o;
}

// The journal site of the machine-64 registry the samples are planned for, in a fresh folder.
JournalSite temp_site(const char* name) {
  const fs::path dir = comreg::testing::temp_folder("comreg-atomic-test") / name;
  fs::remove_all(dir);
  return live_journal_site(Scope::machine, View::v64, dir.string());
}

JournalStore open_store(const JournalSite& site) {
  JournalStore store;
  const Status s = store.open(site);
  INFO(s.message);
  REQUIRE(s.ok());
  return store;
}

// The sample whose install makes the most writes.
std::string largest_sample(std::size_t& writes) {
  std::string best;
  writes = 0;
  for (const char* name : samples) {
    const Plan plan = sample_plan(name);
    MemoryBackend r = lived_in(plan);
    ApplyOptions o = journaled(nullptr);
    o.dry_run = true;
    const std::size_t n = install(plan, r, o).changes.size();
    if (n > writes) {
      writes = n;
      best = name;
    }
  }
  return best;
}

}  // namespace

TEST_CASE("Atomic: install failing at write k leaves the registry as it was, for every k",
          "[atomic]") {
  std::size_t writes = 0;
  const std::string name = largest_sample(writes);
  CAPTURE(name);
  CHECK(name == "inproc-typelib");
  CHECK(writes >= 80);
  const Plan plan = sample_plan(name);
  const MemoryBackend before = lived_in(plan);
  const JournalSite site = temp_site("install");
  JournalStore store = open_store(site);
  const std::string journal = site.path();
  for (std::size_t k = 1; k <= writes; ++k) {
    CAPTURE(k);
    MemoryBackend r = before;
    FaultInjectingBackend failing(r, k, FaultInjectingBackend::Fault::fail);
    const ApplyReport report = install(plan, failing, journaled(&store));
    REQUIRE(report.status.code == BackendErrc::injected);
    REQUIRE(report.rolled_back);
    REQUIRE(failing.writes() >= k - 1);
    REQUIRE(r.dump() == before.dump());
    REQUIRE_FALSE(fs::exists(journal));
  }
  // And with no fault, every write is made and the journal is gone.
  MemoryBackend r = before;
  FaultInjectingBackend counting(r, 0, FaultInjectingBackend::Fault::fail);
  REQUIRE(install(plan, counting, journaled(&store)).status.ok());
  CHECK(counting.writes() == writes);
  CHECK_FALSE(fs::exists(journal));
}

namespace {

// The writes an uninstall of `installed` makes: one per change, but for a key inside a tree
// deleted just before (it went with it, and is not asked again).
std::size_t uninstall_writes(const Plan& plan, const MemoryBackend& installed) {
  MemoryBackend r = installed;
  FaultInjectingBackend counting(r, 0, FaultInjectingBackend::Fault::fail);
  const ApplyReport report = uninstall(plan, counting, journaled(nullptr));
  REQUIRE(report.status.ok());
  CHECK(counting.writes() <= report.changes.size());
  return counting.writes();
}

}  // namespace

TEST_CASE("Atomic: uninstall failing at write k leaves the registry as it was, for every k",
          "[atomic]") {
  std::size_t ignored = 0;
  const std::string name = largest_sample(ignored);
  const Plan plan = sample_plan(name);
  MemoryBackend installed = lived_in(plan);
  REQUIRE(install(plan, installed, journaled(nullptr)).status.ok());
  // Someone else adds to one of the classes: uninstall must take the careful path there.
  const std::string clsid_key = classes + plan.ops.front().key;
  REQUIRE(installed.create_key(clsid_key + "\\Foreign").ok());
  const std::size_t writes = uninstall_writes(plan, installed);
  CHECK(writes >= 5);
  const JournalSite site = temp_site("uninstall");
  JournalStore store = open_store(site);
  const std::string journal = site.path();
  for (std::size_t k = 1; k <= writes; ++k) {
    CAPTURE(k);
    MemoryBackend r = installed;
    FaultInjectingBackend failing(r, k, FaultInjectingBackend::Fault::fail);
    const ApplyReport report = uninstall(plan, failing, journaled(&store));
    REQUIRE(report.status.code == BackendErrc::injected);
    REQUIRE(report.rolled_back);
    REQUIRE(r.dump() == installed.dump());
    REQUIRE_FALSE(fs::exists(journal));
  }
}

TEST_CASE("Atomic: a run that dies at write k is rolled back by recover, for every k", "[atomic]") {
  std::size_t writes = 0;
  const std::string name = largest_sample(writes);
  const Plan plan = sample_plan(name);
  const MemoryBackend before = lived_in(plan);
  const JournalSite site = temp_site("crash");
  JournalStore store = open_store(site);
  const std::string journal = site.path();
  SECTION("install") {
    for (std::size_t k = 1; k <= writes; ++k) {
      CAPTURE(k);
      MemoryBackend r = before;
      FaultInjectingBackend dying(r, k, FaultInjectingBackend::Fault::crash);
      REQUIRE_THROWS_AS(static_cast<void>(install(plan, dying, journaled(&store))), SimulatedCrash);
      REQUIRE(fs::exists(journal));  // the process died: nothing was undone
      if (k > 1) REQUIRE(r.dump() != before.dump());
      const RecoverReport recovered = recover(store, r);
      REQUIRE(recovered.status.ok());
      REQUIRE(recovered.found);
      REQUIRE(recovered.journal.operation == "install");
      REQUIRE(r.dump() == before.dump());
      REQUIRE_FALSE(fs::exists(journal));
    }
  }
  SECTION("uninstall") {
    MemoryBackend installed = before;
    REQUIRE(install(plan, installed, journaled(nullptr)).status.ok());
    const std::size_t n = uninstall_writes(plan, installed);
    for (std::size_t k = 1; k <= n; ++k) {
      CAPTURE(k);
      MemoryBackend r = installed;
      FaultInjectingBackend dying(r, k, FaultInjectingBackend::Fault::crash);
      REQUIRE_THROWS_AS(static_cast<void>(uninstall(plan, dying, journaled(&store))),
                        SimulatedCrash);
      REQUIRE(recover(store, r).status.ok());
      REQUIRE(r.dump() == installed.dump());
    }
  }
}

TEST_CASE("Atomic: recovering twice, or with nothing to recover, changes nothing", "[atomic]") {
  const Plan plan = sample_plan("contoso-widgets");
  const MemoryBackend before = lived_in(plan);
  const JournalSite site = temp_site("twice");
  JournalStore store = open_store(site);
  const std::string journal = site.path();
  MemoryBackend r = before;
  FaultInjectingBackend dying(r, 5, FaultInjectingBackend::Fault::crash);
  REQUIRE_THROWS_AS(static_cast<void>(install(plan, dying, journaled(&store))), SimulatedCrash);
  // A dry run shows the rollback and leaves everything in place.
  const RecoverReport dry = recover(store, r, /*dry_run=*/true);
  REQUIRE(dry.status.ok());
  CHECK(dry.changes.size() == 1);  // the class key install created, with what was written in it
  CHECK(dry.changes[0].kind == Change::Kind::delete_tree);
  CHECK(fs::exists(journal));
  CHECK(
      format_recover_report(dry, false, true).rfind("would roll back the unfinished install", 0) ==
      0);
  REQUIRE(recover(store, r).status.ok());
  CHECK(r.dump() == before.dump());
  const RecoverReport again = recover(store, r);
  CHECK_FALSE(again.found);
  CHECK(again.status.ok());
  CHECK(format_recover_report(again, false, false) ==
        "no unfinished install or uninstall: nothing to recover\n");
}

TEST_CASE("Atomic: the JSON recover report is the apply report's body after the journal's fields",
          "[atomic]") {
  const Plan plan = sample_plan("contoso-widgets");
  const JournalSite site = temp_site("recover-json");
  JournalStore store = open_store(site);
  MemoryBackend r = lived_in(plan);
  FaultInjectingBackend dying(r, 5, FaultInjectingBackend::Fault::crash);
  REQUIRE_THROWS_AS(static_cast<void>(install(plan, dying, journaled(&store))), SimulatedCrash);
  const RecoverReport dry = recover(store, r, /*dry_run=*/true);
  REQUIRE(dry.status.ok());
  REQUIRE_FALSE(dry.changes.empty());
  ApplyReport as_apply;
  as_apply.changes = dry.changes;
  const std::string body = format_apply_report(as_apply, true);
  REQUIRE(body.rfind("{\n", 0) == 0);
  CHECK(format_recover_report(dry, true, true) ==
        "{\n  \"found\": true,\n  \"operation\": \"install\",\n  \"target\": \"" +
            dry.journal.target + "\",\n  \"dryRun\": true,\n" + body.substr(2));
  const RecoverReport none = recover(store, r);
  REQUIRE(none.status.ok());
  const RecoverReport nothing = recover(store, r);
  CHECK(format_recover_report(nothing, true, false) ==
        "{\n  \"found\": false,\n  \"dryRun\": false,\n  \"ok\": true,\n  \"changes\": [],\n"
        "  \"kept\": []\n}\n");
}

TEST_CASE("Atomic: a corrupt journal is an error and nothing is touched", "[atomic]") {
  const Plan plan = sample_plan("contoso-widgets");
  const MemoryBackend before = lived_in(plan);
  const JournalSite site = temp_site("corrupt");
  JournalStore store = open_store(site);
  const std::string journal = site.path();
  MemoryBackend r = before;
  FaultInjectingBackend dying(r, 7, FaultInjectingBackend::Fault::crash);
  REQUIRE_THROWS_AS(static_cast<void>(install(plan, dying, journaled(&store))), SimulatedCrash);
  const MemoryBackend died = r;
  std::string text = testing::read_file(journal);
  SECTION("cut short") {
    text.resize(text.size() / 2);
  }
  SECTION("one byte changed") {
    text[text.size() / 2] ^= 1;
  }
  SECTION("not a journal") {
    text = "hello\n";
  }
  {
    std::FILE* f = std::fopen(journal.c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  const RecoverReport report = recover(store, r);
  CHECK(report.found);
  CHECK(report.status.code == BackendErrc::io);
  CHECK(report.status.message.find("is unreadable") != std::string::npos);
  CHECK(r.dump() == died.dump());
  CHECK(fs::exists(journal));
  fs::remove(journal);
}

TEST_CASE("Atomic: a journal for another registry is refused", "[atomic]") {
  const Plan plan = sample_plan("contoso-widgets");
  MemoryBackend r = lived_in(plan);
  const JournalSite site = temp_site("other");
  JournalSite other = site;
  other.target = "machine-32";
  {
    JournalStore store = open_store(site);
    FaultInjectingBackend dying(r, 3, FaultInjectingBackend::Fault::crash);
    REQUIRE_THROWS_AS(static_cast<void>(install(plan, dying, journaled(&store))), SimulatedCrash);
  }
  fs::rename(site.path(), other.path());  // machine-64's journal, found where machine-32's goes
  const MemoryBackend died = r;
  JournalStore store = open_store(other);
  const RecoverReport report = recover(store, r);
  CHECK(report.status.message.find("is for machine-64, not machine-32") != std::string::npos);
  CHECK(r.dump() == died.dump());
  CHECK(fs::exists(other.path()));
}

TEST_CASE("Atomic: journal text round-trips exact bytes of every value type", "[atomic]") {
  Journal j;
  j.operation = "uninstall";
  j.target = "user-64";
  j.entries.push_back({RegistryOp::Kind::create_key, "HKEY_CURRENT_USER\\A", {}, {}, {}, {}});
  j.entries.push_back(
      {RegistryOp::Kind::set_value, "HKEY_CURRENT_USER\\B", "n\xc3\xa9", {}, nullptr, {}});
  j.entries.push_back({RegistryOp::Kind::set_value,
                       "HKEY_CURRENT_USER\\B",
                       "",
                       {},
                       keep_prior(RegValue::from_raw(RegType::sz, {'x', 0, 'y'})),
                       {}});
  KeySnapshot tree{"C",
                   {{"q", RegValue::qword(1ULL << 40)}, {"e", RegValue::expand_sz("%X%")}},
                   {{"D", {{"", RegValue::from_raw(static_cast<RegType>(0x20), {9, 8})}}, {}}}};
  j.entries.push_back({RegistryOp::Kind::delete_tree,
                       "HKEY_CURRENT_USER\\C",
                       {},
                       {},
                       {},
                       std::make_shared<const KeySnapshot>(tree)});
  const std::string text = serialize_journal(j);
  Journal back;
  std::string error;
  REQUIRE(parse_journal(text, back, error));
  CHECK(serialize_journal(back) == text);
  REQUIRE(back.entries.size() == 4);
  CHECK_FALSE(back.entries[1].prior);
  CHECK(back.entries[2].prior->raw_bytes() == std::vector<std::uint8_t>{'x', 0, 'y'});
  REQUIRE(back.entries[3].prior_tree);
  CHECK(back.entries[3].prior_tree->subkeys[0].values[0].second.type == static_cast<RegType>(0x20));
}

TEST_CASE("Atomic: one run at a time holds a registry's journal lock", "[atomic]") {
  const JournalSite site = temp_site("locked");
  JournalStore first = open_store(site);
  JournalStore second;
  const Status busy = second.open(site);
  CHECK(busy.code == BackendErrc::io);
  CHECK(busy.message.find("another comreg run is changing this registry") != std::string::npos);
  CHECK(look_for_journal(site) == JournalState::running);
  JournalStore moved = std::move(first);
  CHECK_FALSE(second.open(site).ok());
  moved = JournalStore();  // released
  CHECK(second.open(site).ok());
}

namespace {

// A store that keeps its changes until commit(), like a hive, and counts or refuses commits.
class CommittingStore final : public RegistryBackend {
 public:
  explicit CommittingStore(MemoryBackend& inner, bool refuse) : inner_(inner), refuse_(refuse) {}
  Status create_key(std::string_view key) override { return inner_.create_key(key); }
  Status set_value(std::string_view key, std::string_view name, const RegValue& value) override {
    return inner_.set_value(key, name, value);
  }
  Status delete_value(std::string_view key, std::string_view name) override {
    return inner_.delete_value(key, name);
  }
  Status delete_tree(std::string_view key) override { return inner_.delete_tree(key); }
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
  Status commit() override {
    ++commits;
    return refuse_ ? Status::failure(BackendErrc::io, "the disk is full") : Status::success();
  }
  int commits = 0;

 private:
  MemoryBackend& inner_;
  bool refuse_;
};

}  // namespace

TEST_CASE("Atomic: install and uninstall commit the store, and a refused commit rolls back",
          "[atomic]") {
  const Plan plan = sample_plan("inproc-typelib");
  MemoryBackend memory = lived_in(plan);
  {
    CommittingStore store(memory, /*refuse=*/false);
    const ApplyReport dry = install(plan, store, {true, "Sample", nullptr, nullptr});
    CHECK_FALSE(dry.changes.empty());
    CHECK(store.commits == 0);  // a dry run writes nothing, so commits nothing
    REQUIRE(install(plan, store, journaled(nullptr)).status.ok());
    CHECK(store.commits == 1);
    CHECK(install(plan, store, journaled(nullptr)).changes.empty());
    CHECK(store.commits == 1);  // nothing changed, nothing to commit
    REQUIRE(uninstall(plan, store, journaled(nullptr)).status.ok());
    CHECK(store.commits == 2);
  }
  const std::string before = memory.dump();
  CommittingStore refusing(memory, /*refuse=*/true);
  const ApplyReport report = install(plan, refusing, journaled(nullptr));
  CHECK(refusing.commits == 1);
  CHECK_FALSE(report.status.ok());
  CHECK(report.status.message == "the disk is full");
  CHECK(report.rolled_back);
  CHECK(report.changes.empty());
  CHECK(memory.dump() == before);
}
