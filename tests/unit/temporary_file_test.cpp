// TemporaryFile: created exclusively under a fresh name, never through a link planted at a
// name in a folder another user can write.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#ifndef _WIN32
#include <sys/stat.h>
#endif

#include "core/temporary_file.hpp"
#include "support/test_files.hpp"

namespace fs = std::filesystem;
using comreg::TemporaryFile;

namespace {

// An empty folder of this test process's own, emptied again for each section.
fs::path fresh_folder(const std::string& name) {
  const fs::path folder = comreg::testing::temp_folder("temporary-file-" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::string contents(const fs::path& file) {
  return comreg::testing::read_file(file.string());
}

// Names handed out in order, as an attacker who guessed the generator would expect them.
TemporaryFile::NameSource names(std::vector<std::string> list) {
  auto next = std::make_shared<std::size_t>(0);
  return [list = std::move(list), next] { return list.at((*next)++ % list.size()); };
}

}  // namespace

TEST_CASE("TemporaryFile: a fresh name beside the target, 16 random hex digits",
          "[output][temporary]") {
  const fs::path folder = fresh_folder("names");
  const std::string target = (folder / "out.reg").string();
  std::string error;
  auto a = TemporaryFile::create_beside(target, ".tmp", 0666, error);
  auto b = TemporaryFile::create_beside(target, ".tmp", 0666, error);
  REQUIRE(a);
  REQUIRE(b);
  const std::string leaf = fs::path(a->name()).filename().string();
  CHECK(leaf.rfind(".out.reg.comreg-", 0) == 0);
  CHECK(leaf.size() == std::string(".out.reg.comreg-").size() + 16 + 4);
  CHECK(leaf.substr(leaf.size() - 4) == ".tmp");
  CHECK(a->name() != b->name());
  CHECK(fs::path(a->name()).parent_path() == folder);
  REQUIRE(a->write("bytes", error));
  a->close();
  CHECK(contents(a->name()) == "bytes");
}

#ifndef _WIN32

TEST_CASE("TemporaryFile: a name someone planted is skipped, what it points to untouched",
          "[output][temporary][hostile]") {
  const fs::path folder = fresh_folder("planted");
  const std::string target = (folder / "out.reg").string();
  const fs::path victim = folder / "victim";
  const fs::path planted = folder / ".out.reg.comreg-guessed.tmp";
  std::string error;

  SECTION("a link to an existing file") {
    std::ofstream(victim) << "precious";
    fs::create_symlink(victim, planted);
    auto file =
        TemporaryFile::create_beside(target, ".tmp", 0666, error, names({"guessed", "fresh"}));
    REQUIRE(file);
    CHECK(file->name() == (folder / ".out.reg.comreg-fresh.tmp").string());
    REQUIRE(file->write("output", error));
    file->close();
    CHECK(contents(victim) == "precious");
    CHECK(contents(file->name()) == "output");
  }
  SECTION("a dangling link, through which a plain create would make a file elsewhere") {
    fs::create_symlink(victim, planted);
    auto file =
        TemporaryFile::create_beside(target, ".tmp", 0666, error, names({"guessed", "fresh"}));
    REQUIRE(file);
    CHECK_FALSE(fs::exists(victim));
  }
  SECTION("every name tried is taken: an error, nothing created, nothing followed") {
    fs::create_symlink(victim, planted);
    auto file = TemporaryFile::create_beside(target, ".tmp", 0666, error, names({"guessed"}));
    CHECK_FALSE(file);
    CHECK_THAT(error, Catch::Contains("16 temporary names tried beside it were all taken"));
    CHECK_FALSE(fs::exists(victim));
  }
  CHECK(fs::is_symlink(planted));
}

TEST_CASE("TemporaryFile: a file swapped in under its name is noticed", "[output][temporary]") {
  const fs::path folder = fresh_folder("swapped");
  std::string error;
  auto file = TemporaryFile::create_beside((folder / "out.reg").string(), ".tmp", 0666, error);
  REQUIRE(file);
  CHECK(file->still_named());
  fs::rename(file->name(), folder / "moved-away");
  std::ofstream(file->name()) << "someone else's";
  CHECK_FALSE(file->still_named());
}

TEST_CASE("TemporaryFile: the permissions of a regular file, not of a link's target",
          "[output][temporary]") {
  const fs::path folder = fresh_folder("permissions");
  const fs::path target = folder / "private.reg";
  std::ofstream(target) << "old";
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
  std::string error;
  auto file = TemporaryFile::create_beside(target.string(), ".tmp", 0666, error);
  REQUIRE(file);
  REQUIRE(file->copy_permissions_of(target.string(), 0777, error));
  struct stat st {};
  REQUIRE(::stat(file->name().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  const fs::path link = folder / "link.reg";
  fs::create_symlink(target, link);
  auto other = TemporaryFile::create_beside(link.string(), ".tmp", 0640, error);
  REQUIRE(other);
  REQUIRE(::chmod(other->name().c_str(), 0640) == 0);  // the umask may have narrowed it
  REQUIRE(other->copy_permissions_of(link.string(), 0777, error));
  REQUIRE(::stat(other->name().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
}

#endif
