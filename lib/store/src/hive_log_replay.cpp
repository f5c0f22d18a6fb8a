// Transaction log replay (see hive_log_replay.hpp). Every rule here is the format
// specification's: section "Format of transaction log files" (old and new format), "Dirty state
// of a hive" and "Multiple transaction log files". Nothing is trusted: every size and offset read
// from a log is checked against the bytes there are before it is used.
#include "comreg/store/hive_log_replay.hpp"

#include <algorithm>
#include <fstream>
#include <optional>

#include "comreg/core/file_path.hpp"
#include "comreg/store/hive_header.hpp"
#include "store/regf_format.hpp"

namespace comreg {
namespace {

constexpr std::size_t base_block_size = 4096;  // a primary file's base block
constexpr std::size_t sector = 512;            // a log's base block copy; the log's unit
constexpr std::size_t hbin_unit = 4096;        // hive bins data grows in these
constexpr std::uint32_t new_format_log = 6;
constexpr std::uint32_t old_format_log = 1;

std::uint32_t dword(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

std::uint64_t qword(std::span<const std::uint8_t> b, std::size_t at) {
  return dword(b, at) | static_cast<std::uint64_t>(dword(b, at + 4)) << 32;
}

void put_dword(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
  for (std::size_t i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::uint32_t rotl(std::uint32_t v, int n) {
  return (v << n) | (v >> (32 - n));
}

bool signature(std::span<const std::uint8_t> b, std::size_t at, const char (&sig)[5]) {
  return at + 4 <= b.size() &&
         std::equal(sig, sig + 4, b.begin() + static_cast<std::ptrdiff_t>(at));
}

// A log whose first sector is a valid base block copy: a regf signature, a right checksum and
// equal sequence numbers (a log's validity in the specification).
struct LogView {
  const HiveLog* log = nullptr;
  HiveHeader header;
};

std::optional<LogView> valid_log(const HiveLog& log, std::vector<std::string>& notes) {
  if (log.bytes.empty()) return std::nullopt;
  const auto header = parse_hive_header(log.bytes);
  if (!header) {
    if (std::any_of(log.bytes.begin(), log.bytes.end(), [](std::uint8_t b) { return b != 0; })) {
      notes.push_back(log.name + " does not start with a base block: not used");
    }
    return std::nullopt;
  }
  if (!header->consistent()) {
    notes.push_back(
        log.name + " has an inconsistent base block (checksum or sequence numbers): " + "not used");
    return std::nullopt;
  }
  return LogView{&log, *header};
}

// One new-format log entry, checked: its pages lie inside it and inside the bins it describes.
struct Page {
  std::uint32_t offset;  // in the hive bins data
  std::uint32_t size;
  std::size_t data;  // where its bytes are in the log
};

struct Entry {
  std::size_t at = 0;  // offset in the log
  std::uint32_t sequence = 0;
  std::uint32_t flags = 0;
  std::uint32_t bins_size = 0;
  std::vector<Page> pages;
};

// Why the entry at `at` is not one to apply ("" when it is).
std::string read_entry(std::span<const std::uint8_t> log, std::size_t at, Entry& e) {
  if (!signature(log, at, "HvLE") || at + 40 > log.size()) return "no entry";
  const std::uint32_t size = dword(log, at + 4);
  if (size < 40 || size % sector != 0 || size > log.size() - at) {
    return "is torn (its size " + std::to_string(size) + " does not fit the log)";
  }
  e.at = at;
  e.flags = dword(log, at + 8);
  e.sequence = dword(log, at + 12);
  e.bins_size = dword(log, at + 16);
  const std::uint32_t count = dword(log, at + 20);
  if (e.bins_size == 0 || e.bins_size % hbin_unit != 0) {
    return "has a hive bins data size (" + std::to_string(e.bins_size) +
           ") that is not a multiple of 4096";
  }
  const auto body = log.subspan(at + 40, size - 40);
  if (marvin32(body, hive_log_hash_seed) != qword(log, at + 24)) return "has a wrong Hash-1";
  if (marvin32(log.subspan(at, 32), hive_log_hash_seed) != qword(log, at + 32)) {
    return "has a wrong Hash-2";
  }
  if (count > (size - 40) / 8) return "lists more pages than it holds";
  std::size_t data = at + 40 + std::size_t{count} * 8;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::size_t ref = at + 40 + std::size_t{i} * 8;
    const Page p{dword(log, ref), dword(log, ref + 4), data};
    if (p.size == 0 || p.size > at + size - data ||
        std::uint64_t{p.offset} + p.size > e.bins_size) {
      return "has a page outside the entry or the hive bins";
    }
    e.pages.push_back(p);
    data += p.size;
  }
  return {};
}

// The entries of a valid new-format log to apply: from the one whose sequence number is the
// log's primary sequence number (older ones were applied already), each one more than the last.
std::vector<Entry> log_chain(const LogView& v, std::vector<std::string>& notes) {
  const std::span<const std::uint8_t> log = v.log->bytes;
  std::vector<Entry> chain;
  for (std::size_t at = sector; at < log.size();) {
    Entry e;
    const std::string why = read_entry(log, at, e);
    if (why == "no entry") break;
    if (!why.empty()) {
      notes.push_back(v.log->name + ": the entry at offset " + std::to_string(at) + " " + why +
                      "; applied up to the one before it");
      break;
    }
    at += dword(log, at + 4);
    if (chain.empty()) {
      if (e.sequence < v.header.primary_sequence) continue;  // applied before
      if (e.sequence != v.header.primary_sequence) {
        notes.push_back(v.log->name + ": its first entry has sequence number " +
                        std::to_string(e.sequence) + ", not the log's " +
                        std::to_string(v.header.primary_sequence) + ": not used");
        break;
      }
    } else if (e.sequence != chain.back().sequence + 1) {
      notes.push_back(v.log->name + ": entry " + std::to_string(e.sequence) + " does not follow " +
                      std::to_string(chain.back().sequence) + "; applied up to " +
                      std::to_string(chain.back().sequence));
      break;
    }
    chain.push_back(std::move(e));
  }
  return chain;
}

// Writes an entry's pages into `hive`, grown (or cut) to the entry's hive bins data size.
void apply_entry(std::vector<std::uint8_t>& hive, std::span<const std::uint8_t> log, const Entry& e,
                 HiveReplay& out) {
  hive.resize(base_block_size + e.bins_size, 0);
  for (const Page& p : e.pages) {
    std::copy_n(log.begin() + static_cast<std::ptrdiff_t>(p.data), p.size,
                hive.begin() + static_cast<std::ptrdiff_t>(base_block_size + p.offset));
    ++out.pages;
  }
  ++out.entries;
}

// Sequence number, bins size, flag bit 0, file type and checksum after a replay.
void seal(std::vector<std::uint8_t>& hive, std::uint32_t sequence, std::uint32_t bins_size,
          std::optional<std::uint32_t> flag) {
  hive.resize(base_block_size + bins_size, 0);
  put_dword(hive, 4, sequence);
  put_dword(hive, 8, sequence);
  put_dword(hive, 28, 0);  // a primary file
  put_dword(hive, 40, bins_size);
  if (flag) put_dword(hive, 144, (dword(hive, 144) & ~1U) | (*flag & 1U));
  put_dword(hive, 508, regf::base_block_xor(hive.data()));
}

// A primary file whose base block is the log's copy (file type set back to 0) and whose bins
// are the base's: how a base block with a wrong checksum is recovered.
std::vector<std::uint8_t> recover_base_block(std::span<const std::uint8_t> base, const LogView& v) {
  std::vector<std::uint8_t> hive(base.begin(), base.end());
  hive.resize(std::max(hive.size(), base_block_size), 0);
  std::fill_n(hive.begin(), sector, std::uint8_t{0});
  std::copy_n(v.log->bytes.begin(), sector, hive.begin());
  put_dword(hive, 28, 0);
  return hive;
}

// New format. Returns false when no log has entries to apply.
bool replay_new_format(std::span<const std::uint8_t> base, const std::optional<HiveHeader>& hdr,
                       bool base_valid, const std::vector<LogView>& logs, HiveReplay& out) {
  struct Chain {
    const LogView* view;
    std::vector<Entry> entries;
  };
  std::vector<Chain> chains;
  for (const auto& v : logs) {
    if (v.header.file_type != new_format_log) continue;
    auto entries = log_chain(v, out.notes);
    if (entries.empty()) continue;
    if (base_valid && entries.front().sequence < hdr->secondary_sequence) continue;  // stale
    chains.push_back({&v, std::move(entries)});
  }
  if (chains.empty()) return false;
  std::sort(chains.begin(), chains.end(), [](const Chain& a, const Chain& b) {
    return a.entries.front().sequence < b.entries.front().sequence;
  });
  std::vector<std::uint8_t> hive;
  if (base_valid) {
    hive.assign(base.begin(), base.end());
  } else {
    // Only the log with the latest entries is used, and its base block replaces the hive's.
    const Chain latest = chains.back();
    chains = {latest};
    hive = recover_base_block(base, *latest.view);
  }
  const Entry* last = nullptr;
  for (const Chain& c : chains) {
    bool used = false;
    for (const Entry& e : c.entries) {
      if (last != nullptr && e.sequence <= last->sequence) continue;
      if (last != nullptr && e.sequence != last->sequence + 1) {
        out.notes.push_back(c.view->log->name + ": entry " + std::to_string(e.sequence) +
                            " does not follow " + std::to_string(last->sequence) +
                            " from the log before it; applied up to " +
                            std::to_string(last->sequence));
        break;
      }
      apply_entry(hive, c.view->log->bytes, e, out);
      last = &e;
      used = true;
    }
    if (used) out.used.push_back(c.view->log->name);
  }
  seal(hive, last->sequence, last->bins_size, last->flags);
  out.hive = std::move(hive);
  return true;
}

// Old format: the pages a dirty vector marks, from a log whose timestamp is the hive's.
bool replay_old_format(std::span<const std::uint8_t> base, const std::optional<HiveHeader>& hdr,
                       bool base_valid, const std::vector<LogView>& logs, HiveReplay& out) {
  // When the base block is invalid, the first bin's timestamp stands for its timestamp.
  std::uint64_t stamp = 0;
  if (base_valid) {
    stamp = hdr->timestamp;
  } else if (base.size() >= base_block_size + 28 && signature(base, base_block_size, "hbin")) {
    stamp = qword(base, base_block_size + 20);
  }
  for (const auto& v : logs) {
    if (v.header.file_type != old_format_log) continue;
    if (v.header.timestamp != stamp) {
      out.notes.push_back(v.log->name + ": its timestamp is not the hive's: not used");
      continue;
    }
    const std::span<const std::uint8_t> log = v.log->bytes;
    const std::uint32_t bins_size = dword(log, 40);
    if (bins_size == 0 || bins_size % hbin_unit != 0 || !signature(log, sector, "DIRT")) {
      out.notes.push_back(v.log->name + ": no dirty vector: not used");
      continue;
    }
    const std::size_t bits = bins_size / sector;
    const std::size_t vector_bytes = 4 + (bits + 7) / 8;
    std::size_t page = sector + (vector_bytes + sector - 1) / sector * sector;
    if (sector + vector_bytes > log.size()) {
      out.notes.push_back(v.log->name + ": its dirty vector is cut short: not used");
      continue;
    }
    std::vector<std::uint8_t> hive = base_valid
                                         ? std::vector<std::uint8_t>(base.begin(), base.end())
                                         : recover_base_block(base, v);
    hive.resize(base_block_size + bins_size, 0);
    std::size_t written = 0;
    std::string stop;
    for (std::size_t bit = 0; bit < bits && stop.empty(); ++bit) {
      if ((log[sector + 4 + bit / 8] >> (bit % 8) & 1U) == 0) continue;
      if (page + sector > log.size()) {
        stop = "its dirty pages are cut short";
        break;
      }
      const std::size_t to = bit * sector;
      // A page that starts a bin must be a bin header saying where it is.
      if (to % hbin_unit == 0 && signature(log, page, "hbin") && dword(log, page + 4) != to) {
        stop = "a dirty hive bin at offset " + std::to_string(to) + " says it is elsewhere";
        break;
      }
      std::copy_n(log.begin() + static_cast<std::ptrdiff_t>(page), sector,
                  hive.begin() + static_cast<std::ptrdiff_t>(base_block_size + to));
      page += sector;
      ++written;
    }
    if (!stop.empty()) out.notes.push_back(v.log->name + ": " + stop + "; applied up to there");
    const std::uint32_t sequence = base_valid
                                       ? std::max(hdr->primary_sequence, hdr->secondary_sequence)
                                       : v.header.primary_sequence;
    seal(hive, sequence, bins_size, std::nullopt);
    out.hive = std::move(hive);
    out.pages = written;
    out.entries = 1;
    out.used.push_back(v.log->name);
    return true;
  }
  return false;
}

std::vector<std::uint8_t> read_file(const std::string& path, bool& ok) {
  std::ifstream in(files::path_from_utf8(path), std::ios::binary);
  ok = static_cast<bool>(in);
  if (!ok) return {};
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

void Marvin32::mix(std::uint32_t word) {
  lo_ += word;
  hi_ ^= lo_;
  lo_ = rotl(lo_, 20) + hi_;
  hi_ = rotl(hi_, 9) ^ lo_;
  lo_ = rotl(lo_, 27) + hi_;
  hi_ = rotl(hi_, 19);
}

void Marvin32::update(std::span<const std::uint8_t> data) {
  std::size_t at = 0;
  for (; pending_bytes_ > 0 && pending_bytes_ < 4 && at < data.size(); ++at) {
    pending_ |= static_cast<std::uint32_t>(data[at]) << (8 * pending_bytes_++);
  }
  if (pending_bytes_ == 4) {
    mix(pending_);
    pending_ = 0;
    pending_bytes_ = 0;
  }
  for (; at + 4 <= data.size(); at += 4) mix(dword(data, at));
  for (; at < data.size(); ++at) {
    pending_ |= static_cast<std::uint32_t>(data[at]) << (8 * pending_bytes_++);
  }
}

std::uint64_t Marvin32::finish() {
  // The tail: the bytes left, then 0x80, as one more little-endian word; then a zero word.
  mix(pending_ | 0x80U << (8 * pending_bytes_));
  mix(0);
  return static_cast<std::uint64_t>(hi_) << 32 | lo_;
}

std::uint64_t marvin32(std::span<const std::uint8_t> data, std::uint64_t seed) {
  Marvin32 hash(seed);
  hash.update(data);
  return hash.finish();
}

HiveReplay replay_hive_logs(std::span<const std::uint8_t> base, std::span<const HiveLog> logs) {
  HiveReplay out;
  const auto hdr = parse_hive_header(base);
  if (!hdr || base.size() < base_block_size) {
    out.reason = "it does not start with a hive's base block";
    return out;
  }
  const bool base_valid = hdr->checksum == hdr->computed_checksum;
  const bool dirty = !hdr->consistent();
  std::vector<LogView> views;
  for (const auto& log : logs) {
    if (auto v = valid_log(log, out.notes)) views.push_back(*v);
  }
  // New-format entries newer than a clean hive are applied too: Windows 8.1 and later can keep
  // recent changes only in the logs (the hive is marked dirty only when it is written).
  if (replay_new_format(base, hdr, base_valid, views, out) ||
      (dirty && replay_old_format(base, hdr, base_valid, views, out))) {
    out.ok = true;
    return out;
  }
  if (!base_valid) {
    out.reason =
        "the checksum of its base block is wrong and no transaction log holds a valid "
        "copy of it with entries to apply";
  } else if (dirty) {
    out.reason = "its sequence numbers differ (" + std::to_string(hdr->primary_sequence) + " and " +
                 std::to_string(hdr->secondary_sequence) +
                 ") and no transaction log holds the changes of the write that did not finish";
  } else {
    out.hive.assign(base.begin(), base.end());
    out.ok = true;
  }
  return out;
}

HiveReplay read_hive_replayed(const std::string& file) {
  bool ok = false;
  const std::vector<std::uint8_t> base = read_file(file, ok);
  if (!ok) {
    HiveReplay out;
    out.reason = "cannot read " + file;
    return out;
  }
  std::vector<HiveLog> logs;
  for (const auto& path : hive_log_paths(file)) {
    bool read = false;
    HiveLog log{path, read_file(path, read)};
    if (read) logs.push_back(std::move(log));
  }
  return replay_hive_logs(base, logs);
}

}  // namespace comreg
