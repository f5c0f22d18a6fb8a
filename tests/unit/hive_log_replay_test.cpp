// Transaction log replay on logs built here from the format specification: a hive written by
// hivex, a copy with a changed value, and log entries (new format) or a dirty vector (old
// format) holding the pages that differ. The replayed bytes are read back with hivex.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "comreg/open/registry_open.hpp"
#include "comreg/store/hive_backend.hpp"
#include "comreg/store/hive_header.hpp"
#include "comreg/store/hive_log_replay.hpp"
#include "support/test_files.hpp"

using namespace comreg;

namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr const char* mount = "HKEY_LOCAL_MACHINE\\SOFTWARE";
constexpr const char* key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Replay";

std::uint32_t dword(const Bytes& b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

void put_dword(Bytes& b, std::size_t at, std::uint32_t v) {
  for (std::size_t i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

void put_qword(Bytes& b, std::size_t at, std::uint64_t v) {
  put_dword(b, at, static_cast<std::uint32_t>(v));
  put_dword(b, at + 4, static_cast<std::uint32_t>(v >> 32));
}

void reseal(Bytes& b) {
  std::uint32_t x = 0;
  for (std::size_t at = 0; at < 508; at += 4) x ^= dword(b, at);
  put_dword(b, 508, x);
}

Bytes read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const std::filesystem::path& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

// A folder for the hives of one test, removed at its end.
struct Scratch {
  std::filesystem::path dir;
  explicit Scratch(const std::string& name) {
    dir = comreg::testing::temp_folder("comreg-replay-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

// The bytes of a hive holding Replay\v = `value`, written by hivex over `from` (or a new hive).
Bytes hive_with(const Scratch& s, const std::string& value, const Bytes& from = {}) {
  const std::string file = (s.dir / "work.dat").string();
  std::filesystem::remove(file);
  if (from.empty()) {
    REQUIRE(create_empty_hive(file).ok());
  } else {
    write_bytes(file, from);
  }
  auto opened = HiveBackend::open(file, mount, true);
  REQUIRE(opened.backend);
  REQUIRE(opened.backend->set_value(key, "v", RegValue::sz(value)).ok());
  REQUIRE(opened.backend->commit().ok());
  return read_bytes(file);
}

// The value Replay\v as hivex reads it from `bytes` ("" when absent or unreadable).
std::string value_in(const Scratch& s, const Bytes& bytes) {
  const std::string file = (s.dir / "read.dat").string();
  write_bytes(file, bytes);
  auto opened = HiveBackend::open(file, mount, false);
  if (!opened.backend) return {};
  const auto v = opened.backend->get_value(key, "v");
  return v ? v->text : std::string();
}

// The 4 KiB blocks of hive bins data where `to` differs from `from` (offsets in the bins).
std::vector<std::uint32_t> changed_blocks(const Bytes& from, const Bytes& to) {
  std::vector<std::uint32_t> out;
  for (std::size_t at = 4096; at < to.size(); at += 4096) {
    const bool same =
        at + 4096 <= from.size() && std::equal(to.begin() + static_cast<std::ptrdiff_t>(at),
                                               to.begin() + static_cast<std::ptrdiff_t>(at + 4096),
                                               from.begin() + static_cast<std::ptrdiff_t>(at));
    if (!same) out.push_back(static_cast<std::uint32_t>(at - 4096));
  }
  return out;
}

// A new-format log entry taking `from` to `to`: its header, page references, the pages, and the
// two Marvin32 hashes.
Bytes log_entry(const Bytes& from, const Bytes& to, std::uint32_t sequence) {
  const auto blocks = changed_blocks(from, to);
  const std::size_t size = 40 + blocks.size() * 8 + blocks.size() * 4096;
  Bytes e((size + 511) / 512 * 512, 0);
  e[0] = 'H';
  e[1] = 'v';
  e[2] = 'L';
  e[3] = 'E';
  put_dword(e, 4, static_cast<std::uint32_t>(e.size()));
  put_dword(e, 12, sequence);
  put_dword(e, 16, dword(to, 40));
  put_dword(e, 20, static_cast<std::uint32_t>(blocks.size()));
  std::size_t data = 40 + blocks.size() * 8;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    put_dword(e, 40 + i * 8, blocks[i]);
    put_dword(e, 44 + i * 8, 4096);
    std::copy_n(to.begin() + 4096 + blocks[i], 4096, e.begin() + static_cast<std::ptrdiff_t>(data));
    data += 4096;
  }
  put_qword(e, 24, marvin32(std::span(e).subspan(40), hive_log_hash_seed));
  put_qword(e, 32, marvin32(std::span(e).subspan(0, 32), hive_log_hash_seed));
  return e;
}

// A new-format log: the hive's base block copied (file type 6, sequence numbers `sequence`),
// then the entries.
Bytes new_log(const Bytes& hive, std::uint32_t sequence, const std::vector<Bytes>& entries) {
  Bytes log(hive.begin(), hive.begin() + 512);
  put_dword(log, 4, sequence);
  put_dword(log, 8, sequence);
  put_dword(log, 28, 6);
  reseal(log);
  for (const auto& e : entries) log.insert(log.end(), e.begin(), e.end());
  return log;
}

// `hive` with its sequence numbers set (a write that started and did not finish, when they
// differ).
Bytes with_sequence(Bytes hive, std::uint32_t primary, std::uint32_t secondary) {
  put_dword(hive, 4, primary);
  put_dword(hive, 8, secondary);
  reseal(hive);
  return hive;
}

HiveReplay replay(const Bytes& base, std::vector<HiveLog> logs) {
  return replay_hive_logs(base, logs);
}

// Three states of one hive: A (the base), B and C (one and two later writes).
struct States {
  Bytes a, b, c;
  explicit States(const Scratch& s) {
    a = with_sequence(hive_with(s, "first"), 10, 10);
    b = hive_with(s, "second", a);
    c = hive_with(s, "third!", b);
  }
};

}  // namespace

TEST_CASE("marvin32: the hash Windows wrote into a log entry", "[hive][replay]") {
  // The first 32 bytes of the first entry of UsrClass.dat.LOG1 (tests/data/hives) and its
  // Hash-2, as Windows wrote them.
  const Bytes head = {0x48, 0x76, 0x4c, 0x45, 0x00, 0x3e, 0x00, 0x00, 0x00, 0x00, 0x00,
                      0x00, 0x1f, 0x01, 0x00, 0x00, 0x00, 0x30, 0x2b, 0x00, 0x03, 0x00,
                      0x00, 0x00, 0x79, 0xec, 0x51, 0xcd, 0xcf, 0x89, 0x32, 0xef};
  CHECK(marvin32(head, hive_log_hash_seed) == 0xED656C4DA9275E35ULL);
  CHECK(marvin32(head, 0xC5554E7A884DEF82ULL) != 0xED656C4DA9275E35ULL);
}

TEST_CASE("replay: a clean hive without logs comes back as it is", "[hive][replay]") {
  Scratch s("clean");
  const Bytes a = hive_with(s, "first");
  const HiveReplay r = replay(a, {});
  REQUIRE(r.ok);
  CHECK_FALSE(r.replayed());
  CHECK(r.hive == a);
}

TEST_CASE("replay: a new-format entry rewrites the pages of a dirty hive", "[hive][replay]") {
  Scratch s("one-entry");
  const States st(s);
  // Windows raised the primary sequence number to start writing B, and the write did not end.
  const Bytes dirty = with_sequence(st.a, 11, 10);
  const Bytes log = new_log(dirty, 10, {log_entry(st.a, st.b, 10)});
  const HiveReplay r = replay(dirty, {{"work.dat.LOG1", log}});
  REQUIRE(r.ok);
  CHECK(r.entries == 1);
  CHECK(r.pages == changed_blocks(st.a, st.b).size());
  CHECK(r.used == std::vector<std::string>{"work.dat.LOG1"});
  CHECK(value_in(s, st.a) == "first");
  CHECK(value_in(s, r.hive) == "second");
  const auto h = parse_hive_header(r.hive);
  REQUIRE(h);
  CHECK(h->consistent());
  CHECK(h->primary_sequence == 10);
  CHECK(h->file_type == 0);
  CHECK(dword(r.hive, 40) == dword(st.b, 40));
  CHECK(r.hive.size() == 4096 + dword(st.b, 40));
}

TEST_CASE("replay: entries newer than a clean hive are applied, older ones are not",
          "[hive][replay]") {
  Scratch s("clean-newer");
  const States st(s);
  SECTION("newer: the log's batch starts at the hive's sequence number") {
    const Bytes log = new_log(st.a, 10, {log_entry(st.a, st.b, 10), log_entry(st.b, st.c, 11)});
    const HiveReplay r = replay(st.a, {{"LOG1", log}});
    REQUIRE(r.ok);
    CHECK(r.entries == 2);
    CHECK(value_in(s, r.hive) == "third!");
    CHECK(dword(r.hive, 4) == 11);
  }
  SECTION("stale: the batch is older than the hive") {
    const Bytes newer = with_sequence(st.a, 20, 20);
    const Bytes log = new_log(st.a, 10, {log_entry(st.a, st.b, 10)});
    const HiveReplay r = replay(newer, {{"LOG1", log}});
    REQUIRE(r.ok);
    CHECK_FALSE(r.replayed());
    CHECK(r.hive == newer);
  }
  SECTION("entries before the log's own sequence number were applied already") {
    const Bytes log = new_log(st.a, 11, {log_entry(st.a, st.b, 10), log_entry(st.b, st.c, 11)});
    const HiveReplay r = replay(with_sequence(st.b, 12, 11), {{"LOG1", log}});
    REQUIRE(r.ok);
    CHECK(r.entries == 1);
    CHECK(value_in(s, r.hive) == "third!");
  }
}

TEST_CASE("replay: a torn entry, a wrong hash, a sequence gap stop the replay there",
          "[hive][replay]") {
  Scratch s("stops");
  const States st(s);
  const Bytes dirty = with_sequence(st.a, 11, 10);
  const Bytes first = log_entry(st.a, st.b, 10);
  Bytes second = log_entry(st.b, st.c, 11);
  std::string expected_note;
  SECTION("torn: the log ends inside the second entry") {
    second.resize(second.size() - 512);
    Bytes log = new_log(dirty, 10, {first, second});
    const HiveReplay r = replay(dirty, {{"LOG1", log}});
    REQUIRE(r.ok);
    CHECK(r.entries == 1);
    CHECK(value_in(s, r.hive) == "second");
    REQUIRE(r.notes.size() == 1);
    CHECK_THAT(r.notes[0], Catch::Contains("is torn"));
  }
  SECTION("a page changed after the hash was taken") {
    second[second.size() - 100] ^= 0x5A;
    const HiveReplay r = replay(dirty, {{"LOG1", new_log(dirty, 10, {first, second})}});
    REQUIRE(r.ok);
    CHECK(r.entries == 1);
    CHECK(value_in(s, r.hive) == "second");
    REQUIRE(r.notes.size() == 1);
    CHECK_THAT(r.notes[0], Catch::Contains("wrong Hash-1"));
  }
  SECTION("the header changed after the hash was taken") {
    put_dword(second, 8, 1);  // flags
    const HiveReplay r = replay(dirty, {{"LOG1", new_log(dirty, 10, {first, second})}});
    CHECK(r.entries == 1);
    REQUIRE(r.notes.size() == 1);
    CHECK_THAT(r.notes[0], Catch::Contains("wrong Hash-2"));
  }
  SECTION("a gap: 10, then 12") {
    const Bytes gap = log_entry(st.b, st.c, 12);
    const HiveReplay r = replay(dirty, {{"LOG1", new_log(dirty, 10, {first, gap})}});
    REQUIRE(r.ok);
    CHECK(r.entries == 1);
    CHECK(value_in(s, r.hive) == "second");
    REQUIRE(r.notes.size() == 1);
    CHECK_THAT(r.notes[0], Catch::Contains("entry 12 does not follow 10"));
  }
  SECTION("a first entry that is not the log's sequence number: nothing to apply") {
    const HiveReplay r = replay(dirty, {{"LOG1", new_log(dirty, 9, {log_entry(st.a, st.b, 10)})}});
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.reason, Catch::Contains("sequence numbers differ (11 and 10)"));
  }
}

TEST_CASE("replay: two logs are applied in sequence order, whatever their names",
          "[hive][replay]") {
  Scratch s("two-logs");
  const States st(s);
  const Bytes dirty = with_sequence(st.a, 11, 10);
  const Bytes log1 = new_log(dirty, 11, {log_entry(st.b, st.c, 11)});
  const Bytes log2 = new_log(dirty, 10, {log_entry(st.a, st.b, 10)});
  SECTION("LOG2 first, then LOG1") {
    const HiveReplay r = replay(dirty, {{"LOG1", log1}, {"LOG2", log2}});
    REQUIRE(r.ok);
    CHECK(r.entries == 2);
    CHECK(r.used == std::vector<std::string>{"LOG2", "LOG1"});
    CHECK(value_in(s, r.hive) == "third!");
  }
  SECTION("a gap between the logs stops before the second") {
    const Bytes later = new_log(dirty, 12, {log_entry(st.b, st.c, 12)});
    const HiveReplay r = replay(dirty, {{"LOG1", later}, {"LOG2", log2}});
    REQUIRE(r.ok);
    CHECK(r.entries == 1);
    CHECK(value_in(s, r.hive) == "second");
    CHECK_THAT(r.notes.back(), Catch::Contains("from the log before it"));
  }
}

TEST_CASE("replay: a base block with a wrong checksum is recovered from the log",
          "[hive][replay]") {
  Scratch s("base-block");
  const States st(s);
  Bytes broken = st.a;
  broken[508] ^= 0xFF;
  SECTION("from the log with the latest entries") {
    const Bytes log = new_log(st.a, 10, {log_entry(st.a, st.b, 10)});
    const HiveReplay r = replay(broken, {{"LOG1", log}});
    REQUIRE(r.ok);
    CHECK(value_in(s, r.hive) == "second");
    CHECK(parse_hive_header(r.hive)->consistent());
  }
  SECTION("no log: it cannot be recovered") {
    const HiveReplay r = replay(broken, {});
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.reason, Catch::Contains("checksum of its base block is wrong"));
  }
  SECTION("a log whose own base block is broken is not used") {
    Bytes log = new_log(st.a, 10, {log_entry(st.a, st.b, 10)});
    log[508] ^= 0xFF;
    const HiveReplay r = replay(broken, {{"LOG1", log}});
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.notes.at(0), Catch::Contains("inconsistent base block"));
  }
}

TEST_CASE("replay: sequence numbers that differ and no log: impossible", "[hive][replay]") {
  Scratch s("impossible");
  const States st(s);
  const HiveReplay r = replay(with_sequence(st.a, 11, 10), {{"LOG1", Bytes(1024, 0)}});
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.reason, Catch::Contains("no transaction log holds the changes"));
  CHECK(r.notes.empty());  // a zeroed log is a reset one, not worth a word
}

TEST_CASE("replay: an old-format log (a dirty vector and its pages)", "[hive][replay]") {
  Scratch s("old-format");
  const States st(s);
  const Bytes dirty = with_sequence(st.a, 11, 10);
  const auto blocks = changed_blocks(st.a, st.b);
  const std::uint32_t bins = dword(st.b, 40);
  Bytes log(dirty.begin(), dirty.begin() + 512);
  put_dword(log, 4, 11);
  put_dword(log, 8, 11);
  put_dword(log, 28, 1);
  put_dword(log, 40, bins);
  reseal(log);
  Bytes vector(512, 0);
  vector[0] = 'D';
  vector[1] = 'I';
  vector[2] = 'R';
  vector[3] = 'T';
  for (const auto block : blocks) {
    for (std::uint32_t page = block / 512; page < block / 512 + 8; ++page) {
      vector[4 + page / 8] |= static_cast<std::uint8_t>(1U << (page % 8));
    }
  }
  log.insert(log.end(), vector.begin(), vector.end());
  for (const auto block : blocks) {
    log.insert(log.end(), st.b.begin() + 4096 + block, st.b.begin() + 4096 + block + 4096);
  }
  SECTION("applied when its timestamp is the hive's") {
    const HiveReplay r = replay(dirty, {{"work.dat.LOG", log}});
    REQUIRE(r.ok);
    CHECK(r.pages == blocks.size() * 8);
    CHECK(value_in(s, r.hive) == "second");
    CHECK(parse_hive_header(r.hive)->consistent());
  }
  SECTION("not applied to a clean hive") {
    const HiveReplay r = replay(st.a, {{"work.dat.LOG", log}});
    REQUIRE(r.ok);
    CHECK_FALSE(r.replayed());
  }
  SECTION("not applied when its timestamp is another's") {
    put_dword(log, 12, dword(log, 12) + 1);
    reseal(log);
    const HiveReplay r = replay(dirty, {{"work.dat.LOG", log}});
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.notes.at(0), Catch::Contains("timestamp is not the hive's"));
  }
}

namespace {

// The one diagnostic with `code`, or a failed check.
const Diagnostic& only(const Diagnostics& d, const std::string& code) {
  const auto n = std::count_if(d.begin(), d.end(), [&](const auto& x) { return x.code == code; });
  REQUIRE(n == 1);
  return *std::find_if(d.begin(), d.end(), [&](const auto& x) { return x.code == code; });
}

}  // namespace

TEST_CASE("open_registry: a dirty hive is read and written in its replayed state",
          "[hive][replay]") {
  Scratch s("open");
  const States st(s);
  const std::string hive = (s.dir / "SOFTWARE").string();
  const std::string log1 = hive + ".LOG1";
  const Bytes dirty = with_sequence(st.a, 11, 10);
  Bytes log = new_log(dirty, 10, {log_entry(st.a, st.b, 10)});
  const RegistrySpec spec{RegistrySpec::Kind::hive, hive, mount};
  RegistryOpenOptions options;
  options.scope = Scope::machine;

  SECTION("read: the logged value, with a warning; the files unchanged") {
    write_bytes(hive, dirty);
    write_bytes(log1, log);
    Diagnostics d;
    const auto opened = open_registry(spec, options, d);
    REQUIRE(opened.backend);
    CHECK(opened.backend->get_value(key, "v")->text == "second");
    const Diagnostic& w = only(d, "dirty-hive");
    CHECK(w.severity == Severity::warning);
    CHECK_THAT(w.message, Catch::Contains("sequence numbers differ (11 and 10)") &&
                              Catch::Contains("replayed 1 log entry") &&
                              Catch::Contains("reads the replayed state"));
    CHECK(read_bytes(hive) == dirty);
    CHECK(read_bytes(log1) == log);
  }
  SECTION("write: the change made to the replayed state, the log emptied after") {
    write_bytes(hive, dirty);
    write_bytes(log1, log);
    options.writable = true;
    {
      Diagnostics d;
      const auto opened = open_registry(spec, options, d);
      REQUIRE(opened.backend);
      CHECK(only(d, "dirty-hive").severity == Severity::note);
      REQUIRE(opened.backend->set_value(key, "w", RegValue::sz("added")).ok());
      REQUIRE(opened.backend->commit().ok());
    }
    const Bytes written = read_bytes(hive);
    CHECK(value_in(s, written) == "second");
    CHECK(std::filesystem::file_size(log1) == 0);
    CHECK_FALSE(check_hive_clean(hive).dirty);
    const auto h = parse_hive_header(written);
    REQUIRE(h);
    CHECK(h->consistent());
    CHECK(h->primary_sequence > 10);  // past every entry the log held
  }
  SECTION("a clean hive that holds its log's last batch already: no warning, written") {
    // Windows wrote entries 10 and 11 into the file and the hive says 11: the log looks newer
    // to check_hive_clean (an entry at the hive's sequence number), but its batch is stale.
    const Bytes written = with_sequence(st.c, 11, 11);
    write_bytes(hive, written);
    write_bytes(log1, new_log(st.a, 10, {log_entry(st.a, st.b, 10), log_entry(st.b, st.c, 11)}));
    REQUIRE(check_hive_clean(hive).dirty);
    options.writable = true;
    Diagnostics d;
    const auto opened = open_registry(spec, options, d);
    REQUIRE(opened.backend);
    CHECK(d.empty());
    CHECK(opened.backend->get_value(key, "v")->text == "third!");
  }
  SECTION("a second writer is refused while the first holds the hive") {
    write_bytes(hive, st.a);
    options.writable = true;
    Diagnostics d1;
    const auto first = open_registry(spec, options, d1);
    REQUIRE(first.backend);
    Diagnostics d2;
    const auto second = open_registry(spec, options, d2);
    CHECK_FALSE(second.backend);
    CHECK_THAT(only(d2, "hive-locked").message, Catch::Contains("is locked by another process"));
    Diagnostics reader;
    options.writable = false;
    CHECK(open_registry(spec, options, reader).backend);  // readers are not blocked
  }
  SECTION("logs that cannot be replayed: writing refused, the files byte for byte") {
    log[log.size() - 1] ^= 0x01;  // the entry's Hash-1 no longer matches
    write_bytes(hive, dirty);
    write_bytes(log1, log);
    options.writable = true;
    Diagnostics d;
    CHECK_FALSE(open_registry(spec, options, d).backend);
    const Diagnostic& e = only(d, "dirty-hive");
    CHECK(e.severity == Severity::error);
    CHECK_THAT(e.message, Catch::Contains("cannot write the hive " + hive) &&
                              Catch::Contains("cannot be replayed") &&
                              Catch::Contains("wrong Hash-1") &&
                              Catch::Contains("nothing was changed"));
    CHECK(read_bytes(hive) == dirty);
    CHECK(read_bytes(log1) == log);
    Diagnostics reading;
    options.writable = false;
    const auto opened = open_registry(spec, options, reading);
    REQUIRE(opened.backend);
    CHECK(opened.backend->get_value(key, "v")->text == "first");
    CHECK_THAT(only(reading, "dirty-hive").message, Catch::Contains("reads the base file"));
  }
}
