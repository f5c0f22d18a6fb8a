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
