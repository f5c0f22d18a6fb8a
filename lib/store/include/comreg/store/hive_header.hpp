// HiveHeader: the base block of a registry hive file (regf) and whether the hive is "dirty" —
// holding changes that live only in its transaction logs (.LOG1/.LOG2/.LOG beside it). hivex
// neither replays those logs nor keeps them, so comreg refuses to write a dirty hive and warns
// when it reads one. Field offsets from the published format (msuhanov/regf, "Windows registry
// file format specification"). No hivex needed: both builds compile it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace comreg {

/// The fields of a base block (a hive's first 512 bytes, or a log file's first sector) that
/// say whether it is consistent.
struct HiveHeader {
  std::uint32_t primary_sequence = 0;    // offset 4: raised when a write starts
  std::uint32_t secondary_sequence = 0;  // offset 8: raised when it ends
  std::uint64_t timestamp = 0;           // offset 12: last written (FILETIME)
  std::uint32_t file_type = 0;           // offset 28: 0 hive, 1 old-format log, 6 new-format log
  std::uint32_t checksum = 0;            // offset 508: as stored
  std::uint32_t computed_checksum = 0;   // XOR of the 127 dwords before it

  /// A write finished and the block is intact.
  [[nodiscard]] bool consistent() const {
    return primary_sequence == secondary_sequence && checksum == computed_checksum;
  }
};

/// The base block at the start of `bytes`, or nullopt when there are fewer than 512 bytes or
/// no "regf" signature.
[[nodiscard]] std::optional<HiveHeader> parse_hive_header(std::span<const std::uint8_t> bytes);

/// The first 512 bytes of `file` (fewer when it is shorter or cannot be read): what a reader
/// compares before and after reading a hive that a writer may be changing in place.
[[nodiscard]] std::vector<std::uint8_t> read_hive_base_block(const std::string& file);

/// Whether the hive file is dirty, and why (in words for a message).
struct HiveCleanliness {
  bool dirty = false;
  std::string reason;             // "" when clean
  std::vector<std::string> logs;  // the transaction logs found beside the file
};

/// The transaction logs beside `file`: FILE.LOG1, FILE.LOG2 and FILE.LOG (names compared
/// without case), in that order, those that exist.
[[nodiscard]] std::vector<std::string> hive_log_paths(const std::string& file);

/// Reads the base block of `file` and the .LOG1, .LOG2 and .LOG files beside it (names compared
/// without case). Dirty: the sequence numbers differ, the checksum is wrong, or a log holds
/// newer data — a new-format log (type 6) with an entry whose sequence number is at least the
/// hive's primary one (the entries Windows would apply), or a non-empty log that is not a
/// readable base block (nothing tells it is stale). Old-format logs (type 1) apply only to a
/// hive that is dirty already. A file that cannot be read is not judged here (`dirty` false):
/// opening it reports that.
[[nodiscard]] HiveCleanliness check_hive_clean(const std::string& file);

}  // namespace comreg
