#include "support/test_files.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace comreg::testing {
namespace {

// This process's folder: a random name, so that no other run can hold or plant it.
class ProcessTempFolder {
 public:
  ProcessTempFolder() {
    std::random_device random;
    std::uniform_int_distribution<unsigned long long> bits;
    char name[40];
    for (;;) {
      std::snprintf(name, sizeof name, "comreg-tests-%016llx", bits(random));
      path_ = std::filesystem::temp_directory_path() / name;
      if (std::filesystem::create_directory(path_)) break;  // false: it existed
    }
  }
  ~ProcessTempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ProcessTempFolder(const ProcessTempFolder&) = delete;
  ProcessTempFolder& operator=(const ProcessTempFolder&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

std::filesystem::path temp_folder(const std::string& name) {
  static const ProcessTempFolder process;
  auto folder = process.path() / name;
  std::filesystem::create_directories(folder);
  return folder;
}

std::string source_path(const std::string& relative) {
  return std::string(COMREG_SOURCE_DIR) + "/" + relative;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string compare_golden(const std::string& relative, const std::string& actual) {
  const std::string path = source_path("tests/golden/" + relative);
  const char* update = std::getenv("COMREG_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream out(path, std::ios::binary);
    out << actual;
    return {};
  }
  std::string expected;
  try {
    expected = read_file(path);
  } catch (const std::exception&) {
    return "golden file " + path + " is missing (run with COMREG_UPDATE_GOLDEN=1 to create it)";
  }
  if (expected == actual) return {};
  std::size_t i = 0;
  while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) ++i;
  std::ostringstream msg;
  msg << relative << ": differs at byte " << i << " (expected " << expected.size() << " bytes, got "
      << actual.size() << ")\n  expected: " << expected.substr(i > 40 ? i - 40 : 0, 120)
      << "\n  actual:   " << actual.substr(i > 40 ? i - 40 : 0, 120);
  return msg.str();
}

}  // namespace comreg::testing
