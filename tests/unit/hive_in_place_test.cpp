// The in-place commit: a small change to a big hive writes its changed pages into the same file
// after a transaction log holds them. The file read back by hivex; a crash stood for after each
// of its steps leaves the hive as it was or a log that comreg's replay (hive_log_replay) turns
// into the new state; the cases it leaves to the whole-file commit; a write that fails.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "comreg/store/hive_backend.hpp"
#include "comreg/store/hive_file_commit.hpp"
#include "comreg/store/hive_header.hpp"
#include "comreg/store/hive_log_replay.hpp"
#include "open/steady_read.hpp"
#include "store/hive_in_place_commit.hpp"
#include "store/hive_log_writer.hpp"
#include "support/hive_stores.hpp"
#include "support/hivex_reading.hpp"

using namespace comreg;
using comreg::testing::check_hivex_reads_what_the_store_holds;
using comreg::testing::open_hive;
using comreg::testing::read_bytes;

namespace {

namespace fs = std::filesystem;
const std::string mount = "HKEY_LOCAL_MACHINE\\SOFTWARE";

std::string product(int i) {
  return comreg::testing::product_key(mount, i);
}

// The pages of the hive bins data (offsets from its start, one per 4 KiB page) where `after`
// differs from `before` or that `before` does not have: what a commit in place writes.
std::vector<std::uint32_t> dirty_pages(const std::vector<std::uint8_t>& before,
                                       const std::vector<std::uint8_t>& after) {
  std::vector<std::uint32_t> pages;
  for (std::size_t at = 4096; at < after.size(); at += 4096) {
    const std::size_t n = std::min<std::size_t>(4096, after.size() - at);
    if (at + n > before.size() || std::memcmp(before.data() + at, after.data() + at, n) != 0) {
      pages.push_back(static_cast<std::uint32_t>(at - 4096));
    }
  }
  return pages;
}

// The log write_hive_log() writes, gathered in memory.
std::vector<std::uint8_t> log_bytes(const std::vector<std::uint8_t>& after,
                                    const std::vector<std::uint32_t>& pages) {
  std::vector<std::uint8_t> log;
  REQUIRE(regf::write_hive_log(after, pages, [&](std::span<const std::uint8_t> piece) {
    log.insert(log.end(), piece.begin(), piece.end());
    return true;
  }));
  return log;
}

ino_t inode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_ino;
}

// A folder of its own, so that what is left beside the hive can be listed.
struct Folder {
  fs::path dir;
  std::string hive;
  explicit Folder(const std::string& name) {
    dir = comreg::testing::temp_folder("comreg-in-place-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    hive = (dir / "SOFTWARE").string();
  }
  ~Folder() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

// 3,000 products of two keys and two values each: about 1 MB of hive, so that a change of a few
// keys is a few percent of its pages.
void make_big_hive(const std::string& file) {
  REQUIRE(create_empty_hive(file).ok());
  auto hive = open_hive(file, mount);
  comreg::testing::add_products(*hive, mount, 3000);
  REQUIRE(hive->commit().ok());
}

// The change every case makes: a value set, a tree deleted, keys added (one with 2 KB of data,
// so the hive grows by a bin or more).
void change(HiveBackend& hive) {
  REQUIRE(hive.set_value(product(7), "Version", RegValue::sz("2.0")).ok());
  REQUIRE(hive.delete_tree(product(8)).ok());
  for (int i = 0; i < 40; ++i) {
    REQUIRE(hive.set_value(mount + "\\Vendor\\New\\Sub" + std::to_string(i), "",
                           RegValue::sz(std::string(1000, static_cast<char>('a' + i % 26))))
                .ok());
  }
}

void check_changed(const std::string& file) {
  auto hive = open_hive(file, mount, false);
  CHECK(hive->get_value(product(7), "Version")->text == "2.0");
  CHECK_FALSE(hive->key_exists(product(8)));
  CHECK(hive->get_value(mount + "\\Vendor\\New\\Sub39", "")->text ==
        std::string(1000, static_cast<char>('a' + 39 % 26)));
  CHECK(hive->subkeys(mount + "\\Vendor").size() == 3000);
}

std::unique_ptr<HiveBackend> open_locked(const std::string& file) {
  std::string why;
  auto lock = HiveFileLock::take(file, why);
  INFO(why);
  REQUIRE(lock);
  auto hive = open_hive(file, mount);
  hive->keep(std::move(*lock));
  return hive;
}

// The bytes the change gives when committed whole (to a copy, unlocked: the rename path).
std::vector<std::uint8_t> changed_bytes(const Folder& f) {
  const std::string copy = (f.dir / "whole").string();
  fs::copy_file(f.hive, copy, fs::copy_options::overwrite_existing);
  {
    auto hive = open_hive(copy, mount);
    change(*hive);
    REQUIRE(hive->commit().ok());
  }
  auto bytes = read_bytes(copy);
  fs::remove(copy);
  return bytes;
}

// A big hive in a folder of its own, its bytes, the bytes the change gives when committed
// whole, and the hive's lock, as the commands hold it (the fixture of the cases below).
struct Changed {
  Folder f;
  std::vector<std::uint8_t> before;
  std::vector<std::uint8_t> after;
  std::optional<HiveFileLock> lock;
  Changed() : f("changed-" + std::to_string(instances++)) {
    make_big_hive(f.hive);
    before = read_bytes(f.hive);
    after = changed_bytes(f);
    std::string why;
    lock = HiveFileLock::take(f.hive, why);
    INFO(why);
    REQUIRE(lock);
  }
  static inline int instances = 0;
};

bool same_bins(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
  return a.size() == b.size() && std::equal(a.begin() + 4096, a.end(), b.begin() + 4096);
}

std::uint32_t dword_at(const std::vector<std::uint8_t>& b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at] | b[at + 1] << 8 | b[at + 2] << 16) |
         static_cast<std::uint32_t>(b[at + 3]) << 24;
}

}  // namespace

TEST_CASE("In place: a small change to a big hive is written into the same file",
          "[hive][in-place]") {
  Folder f("small");
  make_big_hive(f.hive);
  const auto before = read_bytes(f.hive);
  const auto best_fit = dirty_pages(before, changed_bytes(f));
  const ino_t inode = inode_of(f.hive);
  {
    auto hive = open_locked(f.hive);
    change(*hive);
    REQUIRE(hive->commit().ok());
  }
  const auto after = read_bytes(f.hive);
  CHECK(inode_of(f.hive) == inode);                          // the same file, not a new one
  CHECK(f.names() == std::vector<std::string>{"SOFTWARE"});  // no log, no temporary file left
  check_changed(f.hive);
  check_hivex_reads_what_the_store_holds(f.hive, mount);
  // The new cells went near the change or to the end: few pages differ, and no more than
  // where the smallest free cell anywhere takes them (the whole-file commit's placement).
  const auto pages = dirty_pages(before, after);
  INFO(pages.size() << " of " << (after.size() - 4096) / 4096 << " pages changed; "
                    << best_fit.size() << " placed by best fit");
  CHECK(pages.size() * 5 < (after.size() - 4096) / 4096);
  CHECK(pages.size() <= best_fit.size());
  CHECK(after.size() > before.size());
  // The sequence numbers are raised and equal: a clean hive.
  CHECK(dword_at(after, 4) == dword_at(before, 4) + 1);
  CHECK(dword_at(after, 8) == dword_at(after, 4));
  CHECK_FALSE(check_hive_clean(f.hive).dirty);
}

TEST_CASE_METHOD(Changed, "In place: the commit writes exactly the bytes a whole commit would",
                 "[hive][in-place]") {
  const InPlaceResult r = commit_hive_in_place(f.hive, *lock, after);
  INFO(r.status.message);
  REQUIRE(r.outcome == InPlaceOutcome::written);
  CHECK(r.pages > 0);
  CHECK(r.log == f.hive + ".LOG1");
  CHECK(read_bytes(f.hive) == after);
  CHECK(f.names() == std::vector<std::string>{"SOFTWARE"});
}

TEST_CASE_METHOD(
    Changed, "In place: a crash after any step leaves the old hive or a log that gives the new one",
    "[hive][in-place]") {
  const std::string pristine = (f.dir / "pristine").string();
  fs::copy_file(f.hive, pristine);
  for (const InPlaceStop stop : {InPlaceStop::after_log, InPlaceStop::after_mark,
                                 InPlaceStop::after_pages, InPlaceStop::after_seal}) {
    DYNAMIC_SECTION("stop " << static_cast<int>(stop)) {
      fs::copy_file(pristine, f.hive, fs::copy_options::overwrite_existing);
      // Copied over in place: the same inode, which the fixture's lock holds.
      const InPlaceResult r = commit_hive_in_place(f.hive, *lock, after, stop);
      REQUIRE(r.outcome == InPlaceOutcome::failed);  // "stopped after …"
      const auto on_disk = read_bytes(f.hive);
      switch (stop) {
        case InPlaceStop::after_log:  // the file untouched
          CHECK(on_disk == before);
          break;
        case InPlaceStop::after_mark:  // marked: the primary sequence number raised alone
          CHECK(std::equal(before.begin() + 4096, before.end(), on_disk.begin() + 4096));
          CHECK(dword_at(on_disk, 4) == dword_at(after, 4));
          CHECK(dword_at(on_disk, 8) == dword_at(before, 8));
          break;
        case InPlaceStop::after_pages:  // the new pages under the mark
          CHECK(same_bins(on_disk, after));
          CHECK(dword_at(on_disk, 4) != dword_at(on_disk, 8));
          break;
        default:  // sealed; the log not yet removed
          CHECK(on_disk == after);
          break;
      }
      // Whatever the step, the log is there and replays to the new hive's bins.
      CHECK(fs::file_size(f.hive + ".LOG1") > 512);
      CHECK(check_hive_clean(f.hive).dirty);
      const HiveReplay replay = read_hive_replayed(f.hive);
      INFO(replay.reason);
      REQUIRE(replay.ok);
      CHECK(replay.replayed());
      CHECK(same_bins(replay.hive, after));
      CHECK(dword_at(replay.hive, 4) == dword_at(after, 4));
      auto opened = HiveBackend::open_replayed(f.hive, replay.hive, mount, false, replay.used);
      REQUIRE(opened.backend);
      CHECK(opened.backend->get_value(product(7), "Version")->text == "2.0");
      fs::remove(f.hive + ".LOG1");
    }
  }
}

TEST_CASE_METHOD(Changed,
                 "In place: left to the whole-file commit where it cannot be sure of the file",
                 "[hive][in-place]") {
  std::string why;
  const auto not_taken = [&](const std::string& file, const HiveFileLock& l,
                             const std::vector<std::uint8_t>& to) {
    const auto names = f.names();
    const InPlaceResult r = commit_hive_in_place(file, l, to);
    INFO(r.status.message);
    CHECK(r.outcome == InPlaceOutcome::not_taken);
    CHECK(read_bytes(f.hive) == before);
    CHECK(f.names() == names);  // no log, no temporary file
  };
  SECTION("a link to the hive") {
    const std::string link = (f.dir / "link").string();
    fs::create_symlink(f.hive, link);
    not_taken(link, *lock, after);
  }
  SECTION("a second name of the hive") {
    const std::string second = (f.dir / "second").string();
    fs::create_hard_link(f.hive, second);
    not_taken(f.hive, *lock, after);
  }
  SECTION("a lock on another file") {
    const std::string other = (f.dir / "other").string();
    fs::copy_file(f.hive, other);
    auto other_lock = HiveFileLock::take(other, why);
    REQUIRE(other_lock);
    not_taken(f.hive, *other_lock, after);
  }
  SECTION("a change of most of the hive") {
    std::vector<std::uint8_t> most = after;
    for (std::size_t at = 4096; at < most.size(); at += 4096) most[at + 100] ^= 0xFF;
    not_taken(f.hive, *lock, most);
  }
  SECTION("a log that cannot be written: its name is a folder") {
    fs::create_directory(f.hive + ".LOG1");
    not_taken(f.hive, *lock, after);
  }
}

TEST_CASE("In place: a log already beside the hive is used as spelled and left empty",
          "[hive][in-place]") {
  Folder f("existing-log");
  make_big_hive(f.hive);
  const std::string log = f.hive + ".log1";
  std::ofstream(log, std::ios::binary).put('\0');  // zeroed: a normal, empty state
  {
    auto hive = open_locked(f.hive);
    change(*hive);
    REQUIRE(hive->commit().ok());
  }
  CHECK(f.names() == std::vector<std::string>{"SOFTWARE", "SOFTWARE.log1"});
  CHECK(fs::file_size(log) == 0);
  CHECK_FALSE(check_hive_clean(f.hive).dirty);
  check_changed(f.hive);
}

TEST_CASE_METHOD(Changed, "In place: a write into the hive that fails puts its old pages back",
                 "[hive][in-place]") {
  REQUIRE(after.size() > before.size());
  // The file may not grow past its size: the log (smaller) is written, the growth is refused
  // (EFBIG) after the base block was marked and pages were written.
  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit limited = saved;
  limited.rlim_cur = before.size();
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
  const InPlaceResult r = commit_hive_in_place(f.hive, *lock, after);
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  INFO(r.status.message);
  REQUIRE(r.outcome == InPlaceOutcome::failed);
  CHECK_THAT(r.status.message, Catch::Contains("it is as it was"));
  CHECK(read_bytes(f.hive) == before);
  CHECK(f.names() == std::vector<std::string>{"SOFTWARE"});
  CHECK_FALSE(check_hive_clean(f.hive).dirty);
}

TEST_CASE_METHOD(Changed, "In place: the log's entry is what the replay reads",
                 "[hive][in-place]") {
  // Two pages of a one-bin hive differ; the log holds them with the new base block's sequence
  // number and bins size, and both hashes check.
  const auto pages = dirty_pages(before, after);
  REQUIRE(!pages.empty());
  CHECK(std::is_sorted(pages.begin(), pages.end()));
  const auto log = log_bytes(after, pages);
  CHECK(log.size() % 512 == 0);
  CHECK(dword_at(log, 28) == 6U);
  CHECK(dword_at(log, 512 + 12) == dword_at(after, 4));
  CHECK(dword_at(log, 512 + 16) == dword_at(after, 40));
  CHECK(dword_at(log, 512 + 20) == pages.size());
  const HiveLog as_read{"SOFTWARE.LOG1", log};
  // A clean hive whose log holds the next entry: applied, as Windows 8.1 applies its lazy logs.
  const HiveReplay replay = replay_hive_logs(before, std::span<const HiveLog>(&as_read, 1));
  INFO(replay.reason);
  REQUIRE(replay.ok);
  CHECK(replay.entries == 1);
  CHECK(replay.pages == pages.size());
  CHECK(same_bins(replay.hive, after));
}

TEST_CASE("In place: Marvin32 over pieces is Marvin32 of the whole", "[hive][in-place]") {
  std::vector<std::uint8_t> data(1000);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 131 + 7);
  for (const std::size_t size : {0U, 1U, 3U, 4U, 5U, 8U, 999U, 1000U}) {
    const std::span<const std::uint8_t> whole(data.data(), size);
    const std::uint64_t expected = marvin32(whole, hive_log_hash_seed);
    for (const std::size_t cut : {0U, 1U, 2U, 3U, 4U, 7U}) {
      if (cut > size) continue;
      Marvin32 pieces(hive_log_hash_seed);
      pieces.update(whole.first(cut));
      // The rest in pieces of 1, 2, 3, … bytes.
      for (std::size_t at = cut, n = 1; at < size; at += n, ++n) {
        pieces.update(whole.subspan(at, std::min(n, size - at)));
      }
      INFO("size " << size << ", first piece " << cut);
      CHECK(pieces.finish() == expected);
    }
  }
  // marvin32() itself is checked against the logs Windows wrote (hive_windows_test.cpp).
}

TEST_CASE("In place: the backend reads the committed file again and goes on from there",
          "[hive][in-place]") {
  Folder f("again");
  make_big_hive(f.hive);
  {
    auto hive = open_locked(f.hive);
    change(*hive);
    REQUIRE(hive->commit().ok());
    // After a commit in place the image and the tree were let go: asking reads the file.
    CHECK(hive->get_value(product(7), "Version")->text == "2.0");
    CHECK_FALSE(hive->key_exists(product(8)));
    REQUIRE(hive->set_value(product(9), "Version", RegValue::sz("3.0")).ok());
    REQUIRE(hive->delete_tree(mount + "\\Vendor\\New\\Sub0").ok());
    REQUIRE(hive->commit().ok());
    CHECK(hive->get_value(product(9), "Version")->text == "3.0");
  }
  CHECK(f.names() == std::vector<std::string>{"SOFTWARE"});
  auto hive = open_hive(f.hive, mount, false);
  CHECK(hive->get_value(product(7), "Version")->text == "2.0");
  CHECK(hive->get_value(product(9), "Version")->text == "3.0");
  CHECK_FALSE(hive->key_exists(mount + "\\Vendor\\New\\Sub0"));
  CHECK(hive->key_exists(mount + "\\Vendor\\New\\Sub1"));
  check_hivex_reads_what_the_store_holds(f.hive, mount);
}

TEST_CASE("In place: a reading that met a change of the base block is made again",
          "[hive][in-place]") {
  // verify, import and list take no lock; a commit in place marks the base block before it
  // writes a page. Here the "reading" itself plays the writer and marks it.
  Folder f("steady");
  make_big_hive(f.hive);
  const auto mark = [&] {
    std::fstream file(f.hive, std::ios::in | std::ios::out | std::ios::binary);
    char sequence = 0;
    file.seekg(4);
    file.read(&sequence, 1);
    ++sequence;
    file.seekp(4);
    file.write(&sequence, 1);
  };
  int runs = 0;
  CHECK(read_while_steady(f.hive, 8, [&] {
    if (++runs == 1) mark();
  }));
  CHECK(runs == 2);
  runs = 0;
  CHECK(read_while_steady(f.hive, 8, [&] { ++runs; }));
  CHECK(runs == 1);
  runs = 0;
  CHECK_FALSE(read_while_steady(f.hive, 8, [&] {
    ++runs;
    mark();
  }));
  CHECK(runs == 8);
}

TEST_CASE("In place: a change that leaves the hive loose writes it whole and compact instead",
          "[hive][in-place]") {
  // An uninstall that empties most of a hive: edited in place, the file would be mostly free
  // space, so the commit goes to the compact writer (a new file by rename) without editing a
  // copy first.
  Folder f("loose");
  make_big_hive(f.hive);
  const auto full = fs::file_size(f.hive);
  const ino_t inode = inode_of(f.hive);
  {
    auto hive = open_locked(f.hive);
    for (int i = 100; i < 3000; ++i) REQUIRE(hive->delete_tree(product(i)).ok());
    REQUIRE(hive->commit().ok());
    // The store reads the committed hive afterwards.
    CHECK(hive->get_value(product(99), "Path")->text == "C:\\Program Files\\Product 99");
    CHECK_FALSE(hive->key_exists(product(100)));
  }
  CHECK(inode_of(f.hive) != inode);
  CHECK(f.names() == std::vector<std::string>{"SOFTWARE"});
  CHECK(fs::file_size(f.hive) * 5 < full);
  check_hivex_reads_what_the_store_holds(f.hive, mount);
  auto hive = open_hive(f.hive, mount);
  CHECK(hive->subkeys(mount + "\\Vendor").size() == 100);
  CHECK(hive->get_value(product(0) + "\\Settings", "Level")->number == 1);
}
