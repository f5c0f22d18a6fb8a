// The store conformance body (support/store_conformance.hpp) on every store this build has:
// MemoryBackend, and HiveBackend on a fresh hive file. Win32Backend runs it under Wine
// (tests/com/store_conformance_win32.cpp, the wine:store-conformance test).
#include <catch2/catch.hpp>
#include <memory>
#include <sstream>

#include "comreg/store/memory_backend.hpp"
#include "support/store_conformance.hpp"

#ifdef COMREG_HAVE_HIVEX
#include <filesystem>

#include "comreg/store/hive_backend.hpp"
#include "support/test_files.hpp"
#endif

using namespace comreg;

namespace {

void catch_check(bool ok, const char* expression, int line) {
  std::ostringstream where;
  where << "store_conformance.hpp:" << line << ": " << expression;
  INFO(where.str());
  CHECK(ok);
}

}  // namespace

TEST_CASE("Store conformance: MemoryBackend", "[conformance]") {
  MemoryBackend memory;
  test::store_conformance(
      memory, "HKEY_CURRENT_USER\\Software", [&]() -> RegistryBackend& { return memory; },
      catch_check);
  CHECK(memory.subkeys("HKEY_CURRENT_USER\\Software").empty());
}

#ifdef COMREG_HAVE_HIVEX
TEST_CASE("Store conformance: HiveBackend, reopened from the committed file", "[conformance]") {
  const auto dir = comreg::testing::temp_folder("comreg-conformance-test");
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "conformance.hiv").string();
  std::filesystem::remove(file);
  REQUIRE(create_empty_hive(file).ok());
  const auto open = [&] {
    auto opened = HiveBackend::open(file, "HKLM\\SOFTWARE", /*writable=*/true);
    INFO(opened.status.message);
    REQUIRE(opened.backend);
    return std::move(opened.backend);
  };
  std::unique_ptr<HiveBackend> hive = open();
  const auto reopen = [&]() -> RegistryBackend& {
    hive.reset();  // a reopen sees only what commit() wrote to the file
    hive = open();
    return *hive;
  };
  test::store_conformance(*hive, "HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso", reopen, catch_check);
  hive.reset();
  auto reread = HiveBackend::open(file, "HKLM\\SOFTWARE", /*writable=*/false);
  REQUIRE(reread.backend);
  CHECK(reread.backend->subkeys("HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso").empty());
  std::filesystem::remove(file);
}
#endif
