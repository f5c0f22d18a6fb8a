// Committing a hive by writing only its changed pages into the file, the way Windows writes a
// hive: the pages go first to a transaction log beside it (hive_log_writer.hpp), then the
// base block is marked as being written (primary sequence number raised), the pages are
// written into the file, and the base block is sealed (both sequence numbers equal). A crash
// at any point leaves the hive as it was or a log that replays it to the new state
// (hive_log_replay.hpp; Windows replays the same log). A small change to a big hive then costs
// what changed, twice, instead of the whole file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "comreg/store/hive_file_commit.hpp"
#include "comreg/store/registry_backend.hpp"

namespace comreg {

/// How an in-place commit ended: written; not taken, with nothing changed (the caller commits
/// the file whole instead); or failed, `status` saying what state the hive is in.
enum class InPlaceOutcome : std::uint8_t { written, not_taken, failed };

struct InPlaceResult {
  InPlaceOutcome outcome = InPlaceOutcome::not_taken;
  Status status;               // why not taken, or what failed
  std::size_t pages = 0;       // 4 KiB pages written (each twice: log and file)
  std::string log;             // the log written
  bool file_as_before = true;  // false: a failed write could not be undone (the log replays it)
};

/// Where a test stops a commit, as a crash would: after the log is in place, after the base
/// block is marked, after the pages are written, after the base block is sealed.
enum class InPlaceStop : std::uint8_t { none, after_log, after_mark, after_pages, after_seal };

/// Writes `after` over the hive `file`, which `lock` holds, by the pages where it differs from
/// the file (read back to compare, and kept to be put back). Not taken when the file is not
/// that locked regular file with one name, when the change is more than half of `after`
/// (writing it whole is then cheaper), or when the log cannot be written. A failure after the
/// file was first touched puts the old pages back; `status` says so, or that the log holds the
/// new state when even that failed. POSIX only (the Windows build writes no hive).
[[nodiscard]] InPlaceResult commit_hive_in_place(const std::string& file, const HiveFileLock& lock,
                                                 std::span<const std::uint8_t> after,
                                                 InPlaceStop stop = InPlaceStop::none);

}  // namespace comreg
