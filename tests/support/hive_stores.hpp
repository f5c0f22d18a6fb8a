// Offline hives in the hive tests (tests/unit/hive_backend_test.cpp, regf_writer_test.cpp):
// a temporary hive file, a hive opened or the test fails, and a subtree copied into a MemoryBackend
// for comparisons that ignore order.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "comreg/store/hive_backend.hpp"
#include "comreg/store/memory_backend.hpp"
#include "support/test_files.hpp"

namespace comreg::testing {

/// A fresh hive file name in a folder of this test process's temporary folder, removed when
/// the test ends.
struct TempHive {
  std::string path;
  explicit TempHive(const std::string& name, const std::string& folder = "comreg-hive-test") {
    const auto dir = comreg::testing::temp_folder(folder);
    std::filesystem::create_directories(dir);
    path = (dir / (name + ".hiv")).string();
    std::filesystem::remove(path);
  }
  ~TempHive() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  TempHive(const TempHive&) = delete;
  TempHive& operator=(const TempHive&) = delete;
};

inline std::unique_ptr<HiveBackend> open_hive(const std::string& file, const std::string& mount,
                                              bool writable = true) {
  auto opened = HiveBackend::open(file, mount, writable);
  INFO(opened.status.message);
  REQUIRE(opened.backend);
  return std::move(opened.backend);
}

/// A file's bytes (a hive's, to compare before and after a commit).
inline std::vector<std::uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// `mount\Vendor\Product<i>`: the keys of the wide hives the editor tests fill.
inline std::string product_key(const std::string& mount, int i) {
  return mount + "\\Vendor\\Product" + std::to_string(i);
}

/// `count` products of two keys and two values each (Path; Settings\Level) in `hive`: a wide
/// key whose change is a few percent of the file.
inline void add_products(RegistryBackend& hive, const std::string& mount, int count) {
  for (int i = 0; i < count; ++i) {
    REQUIRE(hive.set_value(product_key(mount, i), "Path",
                           RegValue::sz("C:\\Program Files\\Product " + std::to_string(i)))
                .ok());
    REQUIRE(hive.set_value(product_key(mount, i) + "\\Settings", "Level", RegValue::dword(1)).ok());
  }
}

/// Every key and value below `key` of `from`, at `to_key` in `to`.
inline void copy_tree(const RegistryBackend& from, const std::string& key, MemoryBackend& to,
                      const std::string& to_key) {
  REQUIRE(to.create_key(to_key).ok());
  for (const auto& name : from.value_names(key)) {
    const auto v = from.get_value(key, name);
    REQUIRE(v);
    REQUIRE(to.set_value(to_key, name, *v).ok());
  }
  for (const auto& sub : from.subkeys(key))
    copy_tree(from, key + "\\" + sub, to, to_key + "\\" + sub);
}

}  // namespace comreg::testing
