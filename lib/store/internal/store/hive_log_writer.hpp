// HiveLogWriter: the transaction log a commit writes before it changes a hive in place — the
// new format of Windows 8.1 and later (a base block copy in the first sector, then one log
// entry "HvLE" holding the dirty pages, checked with Marvin32), from the published
// specification (msuhanov/regf, "Format of transaction log files"). hive_log_replay.hpp reads
// it back; so does Windows. Bytes in, bytes out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace comreg::regf {

/// The unit a commit compares and logs: Windows tracks a hive's changes in 4 KiB blocks.
inline constexpr std::size_t log_page_size = 4096;

/// Where bytes go, piece by piece (a log, a hive file); false stops the writing (a full disk).
using LogSink = std::function<bool(std::span<const std::uint8_t>)>;

/// Gives `take` each run of neighbouring `pages` (sorted offsets in the hive bins data) as the
/// span of the hive file `after` that holds it: what is written in one piece, to the log and
/// into the file. False when `take` said stop.
bool for_each_page_run(std::span<const std::uint8_t> after, std::span<const std::uint32_t> pages,
                       const LogSink& take);

/// Writes a log holding `pages` (sorted) of the hive file `after` to `sink`: `after`'s base
/// block (its first sector, file type 6, checksum recomputed) and one entry whose sequence
/// number, hive bins data size and flag are `after`'s. The pages go from `after` as they are,
/// runs of neighbours in one piece: the log is never held whole. Applying it to the hive as it
/// was gives `after`'s bins. False when the sink said stop.
bool write_hive_log(std::span<const std::uint8_t> after, std::span<const std::uint32_t> pages,
                    const LogSink& sink);

}  // namespace comreg::regf
