// The new-format transaction log a commit writes first (see hive_log_writer.hpp).
#include "store/hive_log_writer.hpp"

#include <algorithm>
#include <cstring>

#include "comreg/store/hive_log_replay.hpp"
#include "store/regf_format.hpp"

namespace comreg::regf {
namespace {

constexpr std::size_t sector = 512;  // a log's base block copy, and the unit of its entries
constexpr std::uint32_t new_format_log = 6;
constexpr std::size_t entry_header = 40;

}  // namespace

bool for_each_page_run(std::span<const std::uint8_t> after, std::span<const std::uint32_t> pages,
                       const LogSink& take) {
  for (std::size_t i = 0; i < pages.size();) {
    std::size_t j = i + 1;
    while (j < pages.size() && pages[j] == pages[j - 1] + log_page_size) ++j;
    const std::size_t from = base_block_size + pages[i];
    if (!take(after.subspan(from, std::min((j - i) * log_page_size, after.size() - from)))) {
      return false;
    }
    i = j;
  }
  return true;
}

bool write_hive_log(std::span<const std::uint8_t> after, std::span<const std::uint32_t> pages,
                    const LogSink& sink) {
  const std::size_t refs = pages.size() * 8;
  const std::size_t body = refs + pages.size() * log_page_size;
  const std::size_t entry = (entry_header + body + sector - 1) / sector * sector;
  std::vector<std::uint8_t> head(sector + entry_header + refs, 0);

  // The base block's first sector, marked as a new-format log: the specification's "partial
  // backup copy", with sequence numbers equal (a valid log) and those of the entry.
  std::copy_n(after.begin(), sector, head.begin());
  std::uint8_t* b = head.data();
  put32(b + 28, new_format_log);
  put32(b + 508, base_block_xor(b));

  std::uint8_t* e = b + sector;
  std::memcpy(e, "HvLE", 4);
  put32(e + 4, static_cast<std::uint32_t>(entry));
  put32(e + 8, get32(after.data() + 144) & 1U);  // the base block's flag bit 0, as replayed
  put32(e + 12, get32(after.data() + 4));        // written to both sequence numbers on replay
  put32(e + 16, get32(after.data() + 40));       // hive bins data size
  put32(e + 20, static_cast<std::uint32_t>(pages.size()));
  for (std::size_t i = 0; i < pages.size(); ++i) {
    put32(e + entry_header + i * 8, pages[i]);
    put32(e + entry_header + i * 8 + 4, static_cast<std::uint32_t>(log_page_size));
  }
  const std::vector<std::uint8_t> padding(entry - entry_header - body, 0);
  Marvin32 hash1(hive_log_hash_seed);
  hash1.update(std::span<const std::uint8_t>(e + entry_header, refs));
  for_each_page_run(after, pages, [&](std::span<const std::uint8_t> run) {
    hash1.update(run);
    return true;
  });
  hash1.update(padding);
  put64(e + 24, hash1.finish());
  put64(e + 32, marvin32(std::span<const std::uint8_t>(e, 32), hive_log_hash_seed));
  return sink(head) && for_each_page_run(after, pages, sink) && sink(padding);
}

}  // namespace comreg::regf
