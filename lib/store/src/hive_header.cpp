// The base block of a hive and its transaction logs, read to tell a clean hive from a dirty one
// (see hive_header.hpp). Reads only: nothing here changes a file.
#include "comreg/store/hive_header.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "comreg/core/file_path.hpp"
#include "core/ascii.hpp"
#include "store/regf_format.hpp"

namespace comreg {
namespace {

constexpr std::size_t base_block_size = 512;  // what the checksum and sequence numbers cover
constexpr std::size_t log_entries_offset = 512;

std::uint32_t dword(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

// The first `limit` bytes of `path` (fewer when it is shorter; none when it cannot be read).
std::vector<std::uint8_t> read_prefix(const std::filesystem::path& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint8_t> out(limit);
  if (!in) return {};
  in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(limit));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return out;
}

std::vector<std::uint8_t> read_all(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return {};
  return read_prefix(path, static_cast<std::size_t>(size));
}

// The highest sequence number of the new-format log entries ("HvLE") in `log`, if any.
std::optional<std::uint32_t> newest_log_entry(std::span<const std::uint8_t> log) {
  std::optional<std::uint32_t> newest;
  std::size_t at = log_entries_offset;
  while (at + 40 <= log.size() && log[at] == 'H' && log[at + 1] == 'v' && log[at + 2] == 'L' &&
         log[at + 3] == 'E') {
    const std::uint32_t size = dword(log, at + 4);
    const std::uint32_t sequence = dword(log, at + 12);
    newest = std::max(newest.value_or(0), sequence);
    // Entries sit at multiples of 512 bytes; a size that does not keep that ends the walk.
    if (size < 40 || size % 512 != 0 || size > log.size() - at) break;
    at += size;
  }
  return newest;
}

// Why the log `path` holds data newer than a hive whose primary sequence is `sequence` ("" when
// it does not).
std::string newer_data(const std::filesystem::path& path, std::uint32_t sequence) {
  const std::vector<std::uint8_t> log = read_all(path);
  if (log.empty()) return {};
  const auto header = parse_hive_header(log);
  if (!header) {
    const std::size_t head = std::min(log.size(), base_block_size);
    if (std::all_of(log.begin(), log.begin() + static_cast<std::ptrdiff_t>(head),
                    [](std::uint8_t b) { return b == 0; })) {
      return {};  // a reset log
    }
    return "its transaction log " + path.string() +
           " is not empty and is not a log comreg can read, so it may hold newer data";
  }
  if (header->file_type != 6) return {};  // old format: applies only to a dirty hive
  if (const auto newest = newest_log_entry(log); newest && *newest >= sequence) {
    return "its transaction log " + path.string() + " holds changes (log sequence " +
           std::to_string(*newest) + ", hive sequence " + std::to_string(sequence) +
           ") that are not in the file yet";
  }
  return {};
}

}  // namespace

std::optional<HiveHeader> parse_hive_header(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < base_block_size || bytes[0] != 'r' || bytes[1] != 'e' || bytes[2] != 'g' ||
      bytes[3] != 'f') {
    return std::nullopt;
  }
  HiveHeader h;
  h.primary_sequence = dword(bytes, 4);
  h.secondary_sequence = dword(bytes, 8);
  h.timestamp = dword(bytes, 12) | static_cast<std::uint64_t>(dword(bytes, 16)) << 32;
  h.file_type = dword(bytes, 28);
  h.checksum = dword(bytes, 508);
  h.computed_checksum = regf::base_block_xor(bytes.data());
  return h;
}

std::vector<std::string> hive_log_paths(const std::string& file) {
  const std::filesystem::path path = files::path_from_utf8(file);
  std::error_code ec;
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const std::string name = text::fold_case(files::utf8_of(path.filename()));
  std::vector<std::string> out;
  for (const char* suffix : {".log1", ".log2", ".log"}) {
    std::vector<std::string> found;  // sorted, so the choice among case variants is stable
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
      if (text::fold_case(files::utf8_of(entry.path().filename())) == name + suffix) {
        found.push_back(files::utf8_of(entry.path()));
      }
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

std::vector<std::uint8_t> read_hive_base_block(const std::string& file) {
  return read_prefix(files::path_from_utf8(file), base_block_size);
}

HiveCleanliness check_hive_clean(const std::string& file) {
  HiveCleanliness out;
  const std::filesystem::path path = files::path_from_utf8(file);
  const auto header = parse_hive_header(read_prefix(path, base_block_size));
  if (!header) return out;  // not a hive (or unreadable): opening it says so
  std::vector<std::filesystem::path> logs;
  for (const auto& log : hive_log_paths(file)) logs.push_back(files::path_from_utf8(log));
  std::sort(logs.begin(), logs.end());
  for (const auto& log : logs) out.logs.push_back(files::utf8_of(log));
  if (header->primary_sequence != header->secondary_sequence) {
    out.reason = "its sequence numbers differ (" + std::to_string(header->primary_sequence) +
                 " and " + std::to_string(header->secondary_sequence) +
                 "): Windows did not finish writing it, and the rest is in its transaction logs";
  } else if (header->checksum != header->computed_checksum) {
    out.reason = "the checksum of its base block is wrong";
  } else {
    for (const auto& log : logs) {
      out.reason = newer_data(log, header->primary_sequence);
      if (!out.reason.empty()) break;
    }
  }
  out.dirty = !out.reason.empty();
  return out;
}

}  // namespace comreg
