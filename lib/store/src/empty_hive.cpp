// A minimal empty registry hive, built byte by byte: hivex edits hives but cannot start one.
//
// Layout (the "regf" format as hivex's lib/hivex-internal.h and Windows read it):
//   0x0000  base block, 4096 bytes: "regf", sequence numbers 1/1 (equal = consistent),
//           format 1.3, root cell offset 0x20, bins size 0x1000, XOR checksum at 0x1FC
//   0x1000  one hive bin ("hbin", 4096 bytes): a 32-byte header, then cells whose offsets are
//           relative to 0x1000. Each cell starts with its size; negative = in use.
//     0x20  nk: the root key "ROOT" (flags HIVE_ENTRY | NO_DELETE | COMP_NAME), no subkeys or
//           values (lists 0xFFFFFFFF), security at the sk cell
//     0x78  sk: the root's security descriptor, linked to itself, used once; keys hivex adds
//           inherit it
//     ...   one free cell to the end of the bin
// Timestamps are fixed (2020-01-01) so the file is the same on every run.
#include <cstring>

#include "comreg/model/sddl.hpp"
#include "comreg/store/hive_backend.hpp"

namespace comreg {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t base_block_size = 0x1000;
constexpr std::size_t bin_size = 0x1000;
constexpr std::uint32_t root_cell = 0x20;
constexpr std::uint64_t fixed_filetime = (1577836800ull + 11644473600ull) * 10000000ull;

void put16(Bytes& b, std::size_t at, std::uint32_t v) {
  b[at] = static_cast<std::uint8_t>(v);
  b[at + 1] = static_cast<std::uint8_t>(v >> 8);
}
void put32(Bytes& b, std::size_t at, std::uint32_t v) {
  for (std::size_t i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void put64(Bytes& b, std::size_t at, std::uint64_t v) {
  for (std::size_t i = 0; i < 8; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void put_text(Bytes& b, std::size_t at, const char* s) {
  std::memcpy(b.data() + at, s, std::strlen(s));
}
std::uint32_t get32(const Bytes& b, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(b[at + i]) << (8 * i);
  return v;
}
std::uint32_t cell_size(std::size_t payload) {
  return static_cast<std::uint32_t>((payload + 4 + 7) & ~std::size_t{7});
}
std::uint32_t in_use(std::uint32_t size) {
  return ~size + 1;  // two's complement: the negative size marks a cell in use
}

}  // namespace

std::vector<std::uint8_t> empty_hive_bytes() {
  Bytes b(base_block_size + bin_size, 0);

  // Base block.
  put_text(b, 0x00, "regf");
  put32(b, 0x04, 1);  // primary sequence number
  put32(b, 0x08, 1);  // secondary: equal to the primary, so no log replay is needed
  put64(b, 0x0C, fixed_filetime);
  put32(b, 0x14, 1);  // major version
  put32(b, 0x18, 3);  // minor version
  put32(b, 0x1C, 0);  // file type: primary
  put32(b, 0x20, 1);  // file format: direct memory load
  put32(b, 0x24, root_cell);
  put32(b, 0x28, static_cast<std::uint32_t>(bin_size));
  put32(b, 0x2C, 1);  // clustering factor
  std::uint32_t checksum = 0;
  for (std::size_t i = 0; i < 0x1FC; i += 4) checksum ^= get32(b, i);
  if (checksum == 0) checksum = 1;
  if (checksum == 0xFFFFFFFFu) checksum = 0xFFFFFFFEu;
  put32(b, 0x1FC, checksum);

  // The bin.
  const std::size_t bin = base_block_size;
  put_text(b, bin + 0x00, "hbin");
  put32(b, bin + 0x04, 0);  // offset of this bin from the first
  put32(b, bin + 0x08, static_cast<std::uint32_t>(bin_size));
  put64(b, bin + 0x14, fixed_filetime);

  // Root key.
  static constexpr char root_name[] = "ROOT";
  const std::size_t name_length = sizeof root_name - 1;
  const std::uint32_t nk_size = cell_size(0x4C + name_length);
  const std::uint32_t sk_cell = root_cell + nk_size;
  const std::size_t nk = bin + root_cell;
  put32(b, nk, in_use(nk_size));
  const std::size_t k = nk + 4;
  put_text(b, k + 0x00, "nk");
  put16(b, k + 0x02, 0x0004 | 0x0008 | 0x0020);  // HIVE_ENTRY | NO_DELETE | COMP_NAME
  put64(b, k + 0x04, fixed_filetime);
  put32(b, k + 0x10, 0);            // parent: none
  put32(b, k + 0x14, 0);            // subkeys
  put32(b, k + 0x18, 0);            // volatile subkeys
  put32(b, k + 0x1C, 0xFFFFFFFFu);  // subkey list
  put32(b, k + 0x20, 0xFFFFFFFFu);  // volatile subkey list
  put32(b, k + 0x24, 0);            // values
  put32(b, k + 0x28, 0xFFFFFFFFu);  // value list
  put32(b, k + 0x2C, sk_cell);
  put32(b, k + 0x30, 0xFFFFFFFFu);  // class name
  put16(b, k + 0x48, static_cast<std::uint32_t>(name_length));
  put_text(b, k + 0x4C, root_name);

  // Security: SYSTEM and Administrators full control, Users read, inherited by subkeys (the
  // rights Windows gives a new hive's root).
  const Bytes descriptor =
      sddl_to_security_descriptor("O:BAG:SYD:(A;OICI;KA;;;SY)(A;OICI;KA;;;BA)(A;OICI;KR;;;BU)")
          .descriptor;
  const std::uint32_t sk_size = cell_size(0x14 + descriptor.size());
  const std::size_t sk = bin + sk_cell;
  put32(b, sk, in_use(sk_size));
  put_text(b, sk + 4, "sk");
  put32(b, sk + 4 + 0x04, sk_cell);  // next sk: itself (the only one)
  put32(b, sk + 4 + 0x08, sk_cell);  // previous sk: itself
  put32(b, sk + 4 + 0x0C, 1);        // reference count: the root
  put32(b, sk + 4 + 0x10, static_cast<std::uint32_t>(descriptor.size()));
  std::memcpy(b.data() + sk + 4 + 0x14, descriptor.data(), descriptor.size());

  // The rest of the bin is one free cell.
  const std::uint32_t used = sk_cell + sk_size;
  put32(b, bin + used, static_cast<std::uint32_t>(bin_size) - used);
  return b;
}

}  // namespace comreg
