// The base block reader (HiveHeader) on hives with hand-edited headers and logs, and where a
// hive mounted at a classes root keeps comreg's records: inside it, under a name no ProgID has.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "comreg/apply/apply.hpp"
#include "comreg/apply/registrations.hpp"
#include "comreg/model/progid.hpp"
#include "comreg/store/hive_backend.hpp"
#include "comreg/store/hive_header.hpp"
#include "support/diagnostic_matchers.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

// A fresh folder holding one empty hive, removed when the test ends.
struct HiveFolder {
  std::filesystem::path dir;
  std::string hive;
  explicit HiveFolder(const std::string& name) {
    dir = comreg::testing::temp_folder("comreg-hive-header-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    hive = (dir / "UsrClass.dat").string();
    REQUIRE(create_empty_hive(hive).ok());
  }
  ~HiveFolder() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

std::vector<std::uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

void put_dword(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}

// Recomputes the checksum at 508 (XOR of the 127 dwords before it).
void reseal(std::vector<std::uint8_t>& b) {
  std::uint32_t x = 0;
  for (std::size_t at = 0; at < 508; at += 4) {
    x ^= static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
  }
  put_dword(b, 508, x);
}

// A new-format log (file type 6) of the hive's base block with one entry of `sequence`.
std::vector<std::uint8_t> new_format_log(const std::string& hive, std::uint32_t sequence) {
  std::vector<std::uint8_t> log = read_bytes(hive);
  log.resize(1024);
  put_dword(log, 28, 6);
  reseal(log);
  const std::uint8_t entry[] = {'H', 'v', 'L', 'E'};
  std::copy(std::begin(entry), std::end(entry), log.begin() + 512);
  put_dword(log, 516, 512);       // size
  put_dword(log, 524, sequence);  // sequence number
  put_dword(log, 528, 4096);      // hive bins data size
  return log;
}

}  // namespace

TEST_CASE("HiveHeader: comreg's empty hive is clean, its fields as written", "[hive]") {
  HiveFolder f("clean");
  const auto header = parse_hive_header(read_bytes(f.hive));
  REQUIRE(header);
  CHECK(header->primary_sequence == 1);
  CHECK(header->secondary_sequence == 1);
  CHECK(header->file_type == 0);
  CHECK(header->checksum == header->computed_checksum);
  CHECK(header->consistent());
  CHECK_FALSE(check_hive_clean(f.hive).dirty);
  CHECK_FALSE(parse_hive_header(std::vector<std::uint8_t>(511, 0)));
  std::vector<std::uint8_t> not_regf = read_bytes(f.hive);
  not_regf[0] = 'x';
  CHECK_FALSE(parse_hive_header(not_regf));
}

TEST_CASE("HiveHeader: sequence numbers that differ make a hive dirty", "[hive]") {
  HiveFolder f("sequence");
  auto bytes = read_bytes(f.hive);
  put_dword(bytes, 4, 2);  // a write started and never finished
  reseal(bytes);
  write_bytes(f.hive, bytes);
  const HiveCleanliness state = check_hive_clean(f.hive);
  CHECK(state.dirty);
  CHECK_THAT(state.reason, Catch::Contains("sequence numbers differ (2 and 1)"));
}

TEST_CASE("HiveHeader: a wrong checksum makes a hive dirty", "[hive]") {
  HiveFolder f("checksum");
  auto bytes = read_bytes(f.hive);
  bytes[508] ^= 0x01;
  write_bytes(f.hive, bytes);
  const auto header = parse_hive_header(bytes);
  REQUIRE(header);
  CHECK_FALSE(header->consistent());
  CHECK_THAT(check_hive_clean(f.hive).reason, Catch::Contains("checksum"));
}

TEST_CASE("HiveHeader: logs beside the hive, newer or stale", "[hive]") {
  HiveFolder f("logs");
  SECTION("a new-format log with an entry at the hive's sequence holds newer data") {
    write_bytes(f.dir / "UsrClass.dat.LOG1", new_format_log(f.hive, 1));
    const HiveCleanliness state = check_hive_clean(f.hive);
    CHECK(state.dirty);
    CHECK_THAT(state.reason, Catch::Contains("UsrClass.dat.LOG1") &&
                                 Catch::Contains("log sequence 1, hive sequence 1"));
  }
  SECTION("found without case: usrclass.dat.log2") {
    write_bytes(f.dir / "UsrClass.dat.log2", new_format_log(f.hive, 7));
    CHECK(check_hive_clean(f.hive).dirty);
  }
  SECTION("a log whose entries are older than the hive is stale: clean") {
    auto bytes = read_bytes(f.hive);
    put_dword(bytes, 4, 5);
    put_dword(bytes, 8, 5);
    reseal(bytes);
    write_bytes(f.hive, bytes);
    write_bytes(f.dir / "UsrClass.dat.LOG1", new_format_log(f.hive, 4));
    const HiveCleanliness state = check_hive_clean(f.hive);
    CHECK_FALSE(state.dirty);
    CHECK(state.logs.size() == 1);
  }
  SECTION("empty and zeroed logs are clean") {
    write_bytes(f.dir / "UsrClass.dat.LOG1", {});
    write_bytes(f.dir / "UsrClass.dat.LOG2", std::vector<std::uint8_t>(4096, 0));
    const HiveCleanliness state = check_hive_clean(f.hive);
    CHECK_FALSE(state.dirty);
    CHECK(state.logs.size() == 2);
  }
  SECTION("a log that is not a base block cannot be judged: dirty") {
    write_bytes(f.dir / "UsrClass.dat.LOG", std::vector<std::uint8_t>(600, 0x41));
    CHECK_THAT(check_hive_clean(f.hive).reason, Catch::Contains("not a log comreg can read"));
  }
  SECTION("an old-format log applies only to a dirty hive") {
    auto log = new_format_log(f.hive, 9);
    put_dword(log, 28, 1);
    reseal(log);
    write_bytes(f.dir / "UsrClass.dat.LOG", log);
    CHECK_FALSE(check_hive_clean(f.hive).dirty);
  }
  SECTION("another hive's log is not this one's") {
    write_bytes(f.dir / "NTUSER.DAT.LOG1", new_format_log(f.hive, 9));
    CHECK_FALSE(check_hive_clean(f.hive).dirty);
  }
}

TEST_CASE("Hive: records of a classes-only hive live inside it, under a name no ProgID has",
          "[hive]") {
  CHECK(breaks_progid_rules(classes_bookkeeping_key));
  HiveFolder f("records");
  const std::string mount = "HKEY_CURRENT_USER\\Software\\Classes";
  const auto r =
      testing::load_text(testing::read_file(testing::source_path("samples/contoso-widgets.json")));
  REQUIRE(r.description);
  PlanOptions options;
  options.scope = Scope::user;
  const Plan plan = make_plan(*r.description, options);
  ApplyOptions apply_options;
  apply_options.owner = "Contoso.Widgets 1.0.0.0";
  {
    auto opened = HiveBackend::open(f.hive, mount, true);
    REQUIRE(opened.backend);
    CHECK_FALSE(opened.backend->holds("HKEY_CURRENT_USER\\Software\\comreg"));
    CHECK(opened.backend->holds(mount + "\\CLSID"));
    const ApplyReport report = install(plan, *opened.backend, apply_options);
    INFO(report.status.message);
    REQUIRE(report.status.ok());
    REQUIRE(opened.backend->commit().ok());
  }
  auto opened = HiveBackend::open(f.hive, mount, true);
  REQUIRE(opened.backend);
  HiveBackend& hive = *opened.backend;
  CHECK(hive.key_exists(mount + "\\comreg-records\\Registrations\\64\\Contoso.Widgets 1.0.0.0"));
  const auto listed = list_registrations(hive, Scope::user);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].owner == "Contoso.Widgets 1.0.0.0");
  const ApplyReport gone = uninstall(plan, hive, apply_options);
  INFO(gone.status.message);
  REQUIRE(gone.status.ok());
  CHECK_FALSE(hive.key_exists(mount + "\\comreg-records"));
  CHECK(list_registrations(hive, Scope::user).empty());
}
