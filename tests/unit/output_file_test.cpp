// AtomicOutputFile: a file written in pieces appears whole at commit(), or not at all.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "comreg/core/output_file.hpp"
#include "support/test_files.hpp"

namespace fs = std::filesystem;

namespace {

// A fresh, empty folder for one test case, in this test process's own temporary folder.
fs::path fresh_folder(const std::string& name) {
  const fs::path folder = comreg::testing::temp_folder("output-file") / name;
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::string contents(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t entries(const fs::path& folder) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("AtomicOutputFile: the pieces replace the target at commit()", "[output]") {
  const fs::path folder = fresh_folder("commit");
  const fs::path target = folder / "out.reg";
  std::ofstream(target) << "old";
  std::string error;
  {
    comreg::AtomicOutputFile file(target.string());
    file.write("first ");
    file.write("second");
    CHECK(contents(target) == "old");  // nothing reaches the target before commit()
    CHECK(entries(folder) == 2);       // the target and the temporary sibling
    REQUIRE(file.commit(error));
  }
  CHECK(contents(target) == "first second");
  CHECK(entries(folder) == 1);
}

TEST_CASE("AtomicOutputFile: without commit() the target keeps its content", "[output]") {
  const fs::path folder = fresh_folder("dropped");
  const fs::path target = folder / "out.reg";
  std::ofstream(target) << "old";
  {
    comreg::AtomicOutputFile file(target.string());
    file.write("partial");
  }
  CHECK(contents(target) == "old");
  CHECK(entries(folder) == 1);  // the temporary file is gone
}

TEST_CASE("AtomicOutputFile: a folder that does not exist is an error at commit()", "[output]") {
  const fs::path folder = fresh_folder("missing");
  const fs::path target = folder / "no-such-folder" / "out.reg";
  comreg::AtomicOutputFile file(target.string());
  file.write("bytes");
  std::string error;
  CHECK_FALSE(file.commit(error));
  CHECK(error.rfind("cannot write '" + target.string() + "'", 0) == 0);
  CHECK_FALSE(fs::exists(target));
}

TEST_CASE("AtomicOutputFile: pieces small and large arrive in order", "[output]") {
  const fs::path folder = fresh_folder("pieces");
  const fs::path target = folder / "out.reg";
  std::string expected;
  comreg::AtomicOutputFile file(target.string());
  // Lines, then one piece larger than the buffer, then lines again: every path of write().
  for (int i = 0; i < 20000; ++i) {
    const std::string line = "line " + std::to_string(i) + "\n";
    file.write(line);
    expected += line;
  }
  const std::string big(1 << 20, 'x');
  file.write(big);
  expected += big;
  for (int i = 0; i < 100; ++i) {
    file.write("tail\n");
    expected += "tail\n";
  }
  std::string error;
  REQUIRE(file.commit(error));
  CHECK(contents(target) == expected);
}

#ifndef _WIN32

TEST_CASE("AtomicOutputFile: a file replaced keeps its permissions", "[output]") {
  const fs::path folder = fresh_folder("permissions");
  const fs::path target = folder / "private.reg";
  std::ofstream(target) << "old";
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
  std::string error;
  REQUIRE(comreg::write_output(target.string(), "new", error));
  CHECK(contents(target) == "new");
  CHECK(fs::status(target).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("AtomicOutputFile: a target that is a link is replaced, not written through",
          "[output][hostile]") {
  // In a folder another user can write, the output's name may be a link they planted to a
  // file of ours (or of root's: comreg runs elevated); the rename replaces the link itself.
  const fs::path folder = fresh_folder("link-target");
  const fs::path victim = folder / "victim";
  const fs::path target = folder / "out.reg";
  std::ofstream(victim) << "precious";
  fs::create_symlink(victim, target);
  std::string error;
  REQUIRE(comreg::write_output(target.string(), "output", error));
  CHECK(contents(victim) == "precious");
  CHECK_FALSE(fs::is_symlink(target));
  CHECK(contents(target) == "output");
}

#endif
