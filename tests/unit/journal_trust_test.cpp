// The journal is a trust boundary: whoever can write it steers the next (possibly elevated)
// run. These cases plant journals and folders as an attacker would and check that nothing is
// applied, nothing is written through a link, and read-only looks create nothing.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "comreg/apply/journal.hpp"
#include "comreg/store/memory_backend.hpp"
#include "support/test_files.hpp"

using namespace comreg;
namespace fs = std::filesystem;

namespace {

const std::string machine_classes = "HKEY_LOCAL_MACHINE\\Software\\Classes";
const std::string run_key = "HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";

fs::path fresh_dir(const char* name) {
  const fs::path dir = comreg::testing::temp_folder("comreg-journal-trust") / name;
  fs::remove_all(dir);
  return dir;
}

void put_file(const fs::path& path, const std::string& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
}

// A well-formed journal for `target`, as a planter would write it (the checksum is unkeyed).
std::string planted(const std::string& target, const std::vector<RegistryOp>& entries) {
  Journal j;
  j.operation = "install";
  j.target = target;
  j.entries = entries;
  return serialize_journal(j);
}

RegistryOp set_back(const std::string& key, const std::string& name, const std::string& data) {
  return {RegistryOp::Kind::set_value, key, name, {}, keep_prior(RegValue::sz(data)), {}};
}

RegistryOp tree(const std::string& key, KeySnapshot snapshot) {
  return {RegistryOp::Kind::delete_tree,
          key,
          {},
          {},
          {},
          std::make_shared<const KeySnapshot>(std::move(snapshot))};
}

RegistryOp absent(const std::string& key) {
  return {RegistryOp::Kind::create_key, key, {}, {}, {}, {}};
}

// A registry with something worth attacking: an autorun key and a machine class.
MemoryBackend lived_in() {
  MemoryBackend r;
  REQUIRE(r.create_key(run_key).ok());
  REQUIRE(r.set_value(run_key, "Vendor", RegValue::sz("C:\\vendor.exe")).ok());
  REQUIRE(r.create_key(machine_classes + "\\CLSID\\{11111111-2222-3333-4444-555555555555}").ok());
  return r;
}

}  // namespace

TEST_CASE("Journal trust: entries outside the target's keys refuse the journal whole",
          "[journal-trust]") {
  const JournalSite site = live_journal_site(Scope::machine, View::v64, fresh_dir("bounds"));
  REQUIRE(site.bounds ==
          std::vector<std::string>{machine_classes, "HKEY_LOCAL_MACHINE\\Software\\comreg"});
  const std::string inside_key =
      machine_classes + "\\CLSID\\{11111111-2222-3333-4444-555555555555}";
  struct Case {
    const char* what;
    std::vector<RegistryOp> entries;
  };
  const Case cases[] = {
      {"an autorun value",
       {set_back(inside_key, "", "x"), set_back(run_key, "Evil", "C:\\evil.exe")}},
      {"a key that only starts like the classes root", {absent(machine_classes + "Evil\\x")}},
      {"an empty key name on the way", {absent(machine_classes + "\\\\CLSID")}},
      {"the per-user classes root", {absent("HKEY_CURRENT_USER\\Software\\Classes\\CLSID\\{x}")}},
      {"the merged HKCR view", {absent("HKEY_CLASSES_ROOT\\CLSID\\{x}")}},
      {"a deleted tree elsewhere", {tree("HKEY_LOCAL_MACHINE\\SYSTEM", {"SYSTEM", {}, {}})}},
      {"a snapshot subkey that is a path",
       {tree(inside_key,
             {"{11111111-2222-3333-4444-555555555555}", {}, {{"..\\..\\Run", {}, {}}}})}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    MemoryBackend r = lived_in();
    const std::string before = r.dump();
    JournalStore store;
    REQUIRE(store.open(site).ok());
    put_file(site.path(), planted(site.target, c.entries));
    const RecoverReport report = recover(store, r);
    CHECK(report.found);
    CHECK(report.status.code == BackendErrc::access_denied);
    CHECK(report.status.message.find("outside what a run on machine-64 can change") !=
          std::string::npos);
    CHECK(r.dump() == before);
    CHECK(fs::exists(site.path()));  // kept for whoever investigates
    fs::remove(site.path());
  }
}

TEST_CASE("Journal trust: a user journal may name only that user's keys", "[journal-trust]") {
  const JournalSite site = live_journal_site(Scope::user, View::v64, fresh_dir("user"));
  CHECK(site.trust == JournalTrust::user);
  CHECK(site.target == "user-64");
  MemoryBackend r = lived_in();
  const std::string before = r.dump();
  JournalStore store;
  REQUIRE(store.open(site).ok());
  // A medium-integrity process plants what the same user's elevated run would apply.
  put_file(site.path(),
           planted("user-64", {absent(machine_classes + "\\CLSID\\{11111111-2222-3333-4444-"
                                                        "555555555555}")}));
  const RecoverReport report = recover(store, r);
  CHECK(report.status.code == BackendErrc::access_denied);
  CHECK(report.status.message.find("HKEY_LOCAL_MACHINE") != std::string::npos);
  CHECK(r.dump() == before);
}

TEST_CASE("Journal trust: keys are compared without case, at whole names", "[journal-trust]") {
  const JournalSite site = live_journal_site(Scope::user, View::v32, "unused");
  Journal j;
  j.entries = {absent("hkey_current_user\\software\\CLASSES\\Wow6432Node\\CLSID\\{x}"),
               set_back("HKEY_CURRENT_USER\\Software\\comreg\\Registrations\\32\\A", "Created", ""),
               absent("HKEY_CURRENT_USER\\Software\\Classes")};
  CHECK(key_out_of_bounds(j, site.bounds).empty());
  j.entries.push_back(absent("HKEY_CURRENT_USER\\Software\\comregx"));
  CHECK(key_out_of_bounds(j, site.bounds) == "HKEY_CURRENT_USER\\Software\\comregx");
}

TEST_CASE("Journal trust: a run never journals outside its keys", "[journal-trust]") {
  const JournalSite site = live_journal_site(Scope::machine, View::v64, fresh_dir("write"));
  JournalStore store;
  REQUIRE(store.open(site).ok());
  Journal j;
  j.target = site.target;
  j.entries = {absent(run_key + "\\x")};
  const Status s = store.write(j);
  CHECK_FALSE(s.ok());
  CHECK_FALSE(fs::exists(site.path()));
}

TEST_CASE("Journal trust: a folder others may write is not used", "[journal-trust]") {
  const fs::path dir = fresh_dir("world-writable");
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0777);
  const JournalSite site = live_journal_site(Scope::machine, View::v64, dir);
  put_file(site.path(), planted(site.target, {absent(machine_classes + "\\CLSID\\{x}")}));
  JournalStore store;
  const Status s = store.open(site);
  CHECK(s.code == BackendErrc::access_denied);
  CHECK(s.message.find("others may write in it (mode 777)") != std::string::npos);
  CHECK(s.message.find("COMREG_JOURNAL_DIR") != std::string::npos);
  CHECK_FALSE(store.is_open());
  // Not even the lock was created in it.
  CHECK_FALSE(fs::exists(site.path() + ".lock"));
}

TEST_CASE("Journal trust: a folder that is a link, or behind one, is not used", "[journal-trust]") {
  const fs::path base = fresh_dir("links");
  const fs::path real = base / "real";
  fs::create_directories(real);
  ::chmod(real.c_str(), 0700);
  SECTION("the folder itself") {
    fs::create_directory_symlink(real, base / "journal");
    JournalStore store;
    const Status s = store.open(live_journal_site(Scope::user, View::v64, base / "journal"));
    CHECK(s.code == BackendErrc::access_denied);
    CHECK(s.message.find("symbolic link") != std::string::npos);
  }
  SECTION("a folder on the way") {
    fs::create_directory_symlink(base, base / "..link");
    const fs::path via = base / "..link" / "real";
    JournalStore store;
    const Status s = store.open(live_journal_site(Scope::user, View::v64, via));
    CHECK(s.code == BackendErrc::access_denied);
    CHECK(s.message.find("reached through a symbolic link") != std::string::npos);
  }
  CHECK(fs::is_empty(real));
}

TEST_CASE("Journal trust: a journal file that is a link is refused", "[journal-trust]") {
  const JournalSite site = live_journal_site(Scope::machine, View::v64, fresh_dir("file-links"));
  JournalStore store;
  REQUIRE(store.open(site).ok());
  const fs::path elsewhere = fs::path(site.folder).parent_path() / "file-links-elsewhere.journal";
  put_file(elsewhere, planted(site.target, {absent(machine_classes + "\\CLSID\\{x}")}));
  SECTION("symbolic link") {
    fs::create_symlink(elsewhere, site.path());
  }
  SECTION("hard link") {
    fs::create_hard_link(elsewhere, site.path());
  }
  MemoryBackend r = lived_in();
  REQUIRE(r.create_key(machine_classes + "\\CLSID\\{x}").ok());
  const std::string before = r.dump();
  const RecoverReport report = recover(store, r);
  CHECK(report.found);
  CHECK(report.status.message.find("is not trusted") != std::string::npos);
  CHECK(r.dump() == before);
  fs::remove(site.path());
  fs::remove(elsewhere);
}

TEST_CASE("Journal trust: a journal owned by another user is refused", "[journal-trust]") {
  if (::geteuid() != 0) {
    WARN("not root: cannot give a file to another user here");
    return;
  }
  const JournalSite site = live_journal_site(Scope::machine, View::v64, fresh_dir("owner"));
  JournalStore store;
  REQUIRE(store.open(site).ok());
  put_file(site.path(), planted(site.target, {absent(machine_classes + "\\CLSID\\{x}")}));
  REQUIRE(::chown(site.path().c_str(), 65534, 65534) == 0);
  MemoryBackend r = lived_in();
  REQUIRE(r.create_key(machine_classes + "\\CLSID\\{x}").ok());
  const RecoverReport report = recover(store, r);
  CHECK(report.status.message.find("owned by another user (uid 65534)") != std::string::npos);
  CHECK(r.key_exists(machine_classes + "\\CLSID\\{x}"));
}

TEST_CASE("Journal trust: writing follows no link planted at a predictable name",
          "[journal-trust]") {
  const JournalSite site = live_journal_site(Scope::machine, View::v64, fresh_dir("temp-name"));
  JournalStore store;
  REQUIRE(store.open(site).ok());
  const fs::path victim = fs::path(site.folder).parent_path() / "temp-name-victim";
  put_file(victim, "precious");
  // The name the old writer used for its temporary file.
  fs::create_symlink(victim, site.path() + ".tmp");
  Journal j;
  j.operation = "install";
  j.target = site.target;
  j.entries = {absent(machine_classes + "\\CLSID\\{x}")};
  REQUIRE(store.write(j).ok());
  CHECK(testing::read_file(victim.string()) == "precious");
  CHECK(fs::is_regular_file(fs::symlink_status(site.path())));
  struct stat st {};
  REQUIRE(::stat(site.path().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);  // prior registry data: for the trustees only
  REQUIRE(::stat(site.folder.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  // No temporary file is left beside the journal.
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(site.folder)) {
    static_cast<void>(e);
    ++files;
  }
  CHECK(files == 3);  // the journal, its lock, and the planted link
  fs::remove(victim);
}

TEST_CASE("Journal trust: looking for a journal creates nothing", "[journal-trust]") {
  const fs::path dir = fresh_dir("look");
  const JournalSite site = live_journal_site(Scope::machine, View::v64, dir);
  CHECK(look_for_journal(site) == JournalState::none);
  CHECK_FALSE(fs::exists(dir));
  {
    JournalStore store;
    REQUIRE(store.open(site).ok());
    CHECK(look_for_journal(site) == JournalState::running);
    Journal j;
    j.target = site.target;
    REQUIRE(store.write(j).ok());
  }
  CHECK(look_for_journal(site) == JournalState::unfinished);
}
