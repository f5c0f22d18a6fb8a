// Replaying a hive's transaction logs into a clean copy of it, as Windows does when it loads a
// dirty hive: the new log format (log entries "HvLE", Windows 8.1 and later, checked with
// Marvin32) and the old one (a dirty vector "DIRT" and the pages it marks). Written from the
// published format (msuhanov/regf, "Windows registry file format specification"). Bytes in,
// bytes out: no hivex, no files, so both builds compile it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace comreg {

/// One transaction log beside a hive: its name (for messages) and its bytes.
struct HiveLog {
  std::string name;
  std::vector<std::uint8_t> bytes;
};

/// What a replay did: the clean hive, or why there is none.
struct HiveReplay {
  bool ok = false;                 // `hive` holds a clean hive
  std::vector<std::uint8_t> hive;  // sequence numbers equal, checksum and bins size right
  std::size_t entries = 0;         // log entries applied (new format; an old-format log is 1)
  std::size_t pages = 0;           // dirty pages written
  std::vector<std::string> used;   // the logs whose data was applied, in order
  std::vector<std::string> notes;  // where a log stopped being applied, and why
  std::string reason;              // why no clean hive can be made ("" when ok)
  [[nodiscard]] bool replayed() const { return entries > 0; }
};

/// Marvin32 of `data` with `seed` (the hash the new log format uses for its entries).
[[nodiscard]] std::uint64_t marvin32(std::span<const std::uint8_t> data, std::uint64_t seed);

/// Marvin32 over data given in pieces (a log entry written page by page): the same hash as
/// marvin32() of the pieces joined.
class Marvin32 {
 public:
  explicit Marvin32(std::uint64_t seed)
      : lo_(static_cast<std::uint32_t>(seed)), hi_(static_cast<std::uint32_t>(seed >> 32)) {}
  void update(std::span<const std::uint8_t> data);
  [[nodiscard]] std::uint64_t finish();

 private:
  void mix(std::uint32_t word);
  std::uint32_t lo_;
  std::uint32_t hi_;
  std::uint32_t pending_ = 0;  // bytes of a word not yet whole, little-endian
  std::size_t pending_bytes_ = 0;
};

/// The seed of the new log format's hashes. The specification gives its bytes as 82 EF 4D 88
/// 7A 4E 55 C5; the logs Windows writes (tests/data/hives) check only with them read as the
/// number 0x82EF4D887A4E55C5 (low dword 0x7A4E55C5 first), not as little-endian bytes.
inline constexpr std::uint64_t hive_log_hash_seed = 0x82EF4D887A4E55C5ULL;

/// Applies the logs to the hive `base` (a primary file's bytes). A clean hive whose logs hold
/// nothing newer comes back unchanged (`entries` 0). New format: the entries from the hive's
/// secondary sequence number on, log by log in sequence order (the log holding the earlier
/// entries first), stopping at a torn or bogus entry, a wrong hash, or a gap in the sequence;
/// a base block with a wrong checksum is recovered from the log holding the latest entries.
/// Old format: a dirty hive only, from a log whose timestamp matches the hive's. The result's
/// base block takes the last entry's sequence number (both fields), hive bins data size and
/// flag bit 0, file type 0 and a recomputed checksum.
[[nodiscard]] HiveReplay replay_hive_logs(std::span<const std::uint8_t> base,
                                          std::span<const HiveLog> logs);

/// Reads `file` and the logs beside it (`hive_log_paths`) and replays them. `ok` false with a
/// reason also when the file cannot be read or is not a hive.
[[nodiscard]] HiveReplay read_hive_replayed(const std::string& file);

}  // namespace comreg
