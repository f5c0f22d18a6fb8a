// Log replay on hives Windows wrote (tests/data/hives, from regipy, README there): the dirty
// pages found are the ones regipy's own tests expect, the replayed hive opens with hivex, and it
// holds keys the base file alone does not.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "comreg/store/hive_backend.hpp"
#include "comreg/store/hive_header.hpp"
#include "comreg/store/hive_log_replay.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

// The named .xz files of tests/data/hives unpacked into a fresh folder.
struct Unpacked {
  std::filesystem::path dir;
  Unpacked(const std::string& name, const std::vector<std::string>& files) {
    dir = comreg::testing::temp_folder("comreg-windows-hives-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    for (const auto& f : files) {
      const std::string from = testing::source_path("tests/data/hives/" + f + ".xz");
      const std::string command = "xz -dc '" + from + "' > '" + (dir / f).string() + "'";
      REQUIRE(std::system(command.c_str()) == 0);
    }
  }
  ~Unpacked() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  [[nodiscard]] std::string path(const std::string& f) const { return (dir / f).string(); }
};

bool has_key(const HiveBackend::OpenResult& opened, const std::string& key) {
  REQUIRE(opened.backend);
  return opened.backend->key_exists(key);
}

}  // namespace

TEST_CASE("Windows hives: an NTUSER.DAT with a write not finished and one log",
          "[hive][replay][windows]") {
  const Unpacked u("ntuser", {"transactions_NTUSER.DAT", "transactions_ntuser.dat.log1",
                              "transactions_ntuser.dat.log2"});
  const std::string hive = u.path("transactions_NTUSER.DAT");
  const HiveCleanliness state = check_hive_clean(hive);
  CHECK(state.dirty);
  CHECK_THAT(state.reason, Catch::Contains("sequence numbers differ (567 and 566)"));
  const HiveReplay r = read_hive_replayed(hive);
  REQUIRE(r.ok);
  CHECK(r.entries == 23);  // 566 … 588
  CHECK(r.pages == 132);   // regipy: recovered_dirty_pages_count == 132
  CHECK(r.used == std::vector<std::string>{u.path("transactions_ntuser.dat.log1")});
  CHECK(r.notes.empty());  // log2 holds one entry (562) older than the hive: skipped quietly
  const auto header = parse_hive_header(r.hive);
  REQUIRE(header);
  CHECK(header->consistent());
  CHECK(header->primary_sequence == 588);
  const std::string key = "HKEY_CURRENT_USER\\Software\\Microsoft\\Payment\\PaymentApps";
  CHECK_FALSE(has_key(HiveBackend::open(hive, "HKEY_CURRENT_USER", false), key));
  CHECK(has_key(HiveBackend::open_replayed(hive, r.hive, "HKEY_CURRENT_USER", false, {}), key));
}

TEST_CASE("Windows hives: a UsrClass.dat whose entries are split over LOG1 and LOG2",
          "[hive][replay][windows]") {
  const Unpacked u("usrclass", {"UsrClass.dat", "UsrClass.dat.LOG1", "UsrClass.dat.LOG2"});
  const std::string hive = u.path("UsrClass.dat");
  CHECK(check_hive_clean(hive).dirty);
  const HiveReplay r = read_hive_replayed(hive);
  REQUIRE(r.ok);
  CHECK(r.entries == 14);  // 287 … 290 in LOG1, 291 … 300 in LOG2
  CHECK(r.pages == 158);   // regipy: recovered_dirty_pages_count == 158
  CHECK(r.used ==
        std::vector<std::string>{u.path("UsrClass.dat.LOG1"), u.path("UsrClass.dat.LOG2")});
  CHECK(parse_hive_header(r.hive)->primary_sequence == 300);
  const std::string mount = "HKEY_CURRENT_USER\\Software\\Classes";
  const std::string key =
      mount + "\\Local Settings\\Software\\Microsoft\\Windows\\Shell\\BagMRU\\10\\0";
  CHECK_FALSE(has_key(HiveBackend::open(hive, mount, false), key));
  CHECK(has_key(HiveBackend::open_replayed(hive, r.hive, mount, false, {}), key));

  SECTION("without LOG2 the replay stops after LOG1's entries") {
    std::filesystem::remove(u.path("UsrClass.dat.LOG2"));
    const HiveReplay part = read_hive_replayed(hive);
    REQUIRE(part.ok);
    CHECK(part.entries == 4);
    CHECK(part.pages == 53);
  }
}
