// commit_hive_file and HiveFileLock: the file replaced whole with its permissions, nothing left
// behind on failure, the logs emptied after, and a second locker refused.
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "comreg/store/hive_file_commit.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

struct Folder {
  std::filesystem::path dir;
  std::string file;
  explicit Folder(const std::string& name) {
    dir = comreg::testing::temp_folder("comreg-commit-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    file = (dir / "SOFTWARE").string();
    write(file, "old");
  }
  ~Folder() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  static void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  }
  static std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777U;
}

}  // namespace

TEST_CASE("commit_hive_file: the file replaced, its permissions kept", "[hive][commit]") {
  Folder f("permissions");
  std::filesystem::permissions(f.file, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write |
                                           std::filesystem::perms::group_read);
  std::string temporary;
  const Status s = commit_hive_file(f.file, [&](const std::string& path) {
    temporary = path;
    CHECK(mode_of(path) == 0640U);  // before anything is in it
    Folder::write(path, "new");
    return Status::success();
  });
  REQUIRE(s.ok());
  CHECK(Folder::read(f.file) == "new");
  CHECK(mode_of(f.file) == 0640U);
  CHECK(std::filesystem::path(temporary).parent_path() == f.dir);
  CHECK_THAT(std::filesystem::path(temporary).filename().string(),
             Catch::StartsWith(".SOFTWARE.comreg-"));
  CHECK(f.names() == std::vector<std::string>{"SOFTWARE"});
}

TEST_CASE("commit_hive_file: two commits use names nobody can guess", "[hive][commit]") {
  Folder f("names");
  std::vector<std::string> seen;
  for (int i = 0; i < 2; ++i) {
    REQUIRE(commit_hive_file(f.file, [&](const std::string& path) {
              seen.push_back(path);
              Folder::write(path, "x");
              return Status::success();
            }).ok());
  }
  CHECK(seen[0] != seen[1]);
}

TEST_CASE("commit_hive_file: a failed write leaves the file and no temporary", "[hive][commit]") {
  Folder f("failure");
  SECTION("the writer fails") {
    const Status s = commit_hive_file(f.file, [&](const std::string& path) {
      Folder::write(path, "half");
      return Status::failure(BackendErrc::io, "disk full");
    });
    CHECK_FALSE(s.ok());
    CHECK(s.message == "disk full");
  }
  SECTION("the temporary file is swapped for a link while it is written") {
    const std::string elsewhere = (f.dir / "elsewhere").string();
    const Status s = commit_hive_file(f.file, [&](const std::string& path) {
      std::filesystem::remove(path);
      std::filesystem::create_symlink(elsewhere, path);
      return Status::success();
    });
    CHECK_FALSE(s.ok());
    CHECK_THAT(s.message, Catch::Contains("was replaced while it was written"));
  }
  CHECK(Folder::read(f.file) == "old");
  CHECK(f.names() == std::vector<std::string>{"SOFTWARE"});
}

TEST_CASE("commit_hive_file: a new hive never replaces one made meanwhile", "[hive][commit]") {
  Folder f("create-new");
  std::filesystem::remove(f.file);
  SECTION("nothing there: created") {
    REQUIRE(commit_hive_file(
                f.file,
                [&](const std::string& path) {
                  Folder::write(path, "empty hive");
                  return Status::success();
                },
                {}, HiveCommit::create_new)
                .ok());
    CHECK(Folder::read(f.file) == "empty hive");
  }
  SECTION("another run committed its hive while this one wrote: that hive stays") {
    const Status s = commit_hive_file(
        f.file,
        [&](const std::string& path) {
          Folder::write(f.file, "the other run's classes");
          Folder::write(path, "empty hive");
          return Status::success();
        },
        {}, HiveCommit::create_new);
    CHECK_FALSE(s.ok());
    CHECK_THAT(s.message, Catch::Contains("it exists"));
    CHECK(Folder::read(f.file) == "the other run's classes");
  }
  CHECK(f.names() == std::vector<std::string>{"SOFTWARE"});  // no temporary left
}

TEST_CASE("commit_hive_file: the logs replayed into the file are emptied after", "[hive][commit]") {
  Folder f("logs");
  const std::string log1 = f.file + ".LOG1";
  const std::string log2 = f.file + ".LOG2";
  Folder::write(log1, "entries");
  Folder::write(log2, "stale");
  REQUIRE(commit_hive_file(f.file,
                           [&](const std::string& path) {
                             Folder::write(path, "new");
                             return Status::success();
                           },
                           {log1})
              .ok());
  CHECK(std::filesystem::file_size(log1) == 0);
  CHECK(Folder::read(log2) == "stale");  // not replayed: not touched
}

TEST_CASE("HiveFileLock: a second locker is refused until the first lets go", "[hive][commit]") {
  Folder f("lock");
  std::string why;
  auto first = HiveFileLock::take(f.file, why);
  REQUIRE(first);
  auto second = HiveFileLock::take(f.file, why);
  CHECK_FALSE(second);
  CHECK_THAT(why, Catch::Contains("is locked by another process"));
  // A commit under the lock renames a new file over the path: the lock stays with the run, and
  // the next locker locks the new file.
  REQUIRE(commit_hive_file(f.file, [&](const std::string& path) {
            Folder::write(path, "new");
            return Status::success();
          }).ok());
  first.reset();
  auto third = HiveFileLock::take(f.file, why);
  CHECK(third);
  SECTION("a missing file cannot be locked") {
    CHECK_FALSE(HiveFileLock::take((f.dir / "missing").string(), why));
    CHECK_THAT(why, Catch::Contains("cannot open"));
  }
}
