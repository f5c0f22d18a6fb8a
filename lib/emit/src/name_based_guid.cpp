// SHA-1 and RFC 4122 version 5 GUIDs, written from FIPS 180-4 and RFC 4122 section 4.3.
#include "emit/name_based_guid.hpp"

#include <array>
#include <cstdint>

#include "comreg/core/guid.hpp"

namespace comreg {
namespace {

std::uint32_t rotl(std::uint32_t x, int n) {
  return (x << n) | (x >> (32 - n));
}

// One 64-byte block into `h`. The four kinds of rounds are four loops (no test per round) over
// a 16-word window of the message schedule: the GPP and WiX writers hash a name per item,
// hundreds of thousands in a big registration.
void sha1_block(std::array<std::uint32_t, 5>& h, const unsigned char* p) {
  std::uint32_t w[16];
  for (std::size_t t = 0; t < 16; ++t) {
    w[t] = std::uint32_t{p[4 * t]} << 24 | std::uint32_t{p[4 * t + 1]} << 16 |
           std::uint32_t{p[4 * t + 2]} << 8 | std::uint32_t{p[4 * t + 3]};
  }
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  const auto word = [&w](std::size_t t) {
    if (t < 16) return w[t];
    const std::uint32_t x =
        rotl(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1);
    w[t & 15] = x;
    return x;
  };
  const auto round = [&](std::uint32_t f, std::uint32_t k, std::uint32_t wt) {
    const std::uint32_t temp = rotl(a, 5) + f + e + k + wt;
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = temp;
  };
  std::size_t t = 0;
  for (; t < 20; ++t) round((b & c) | (~b & d), 0x5A827999u, word(t));
  for (; t < 40; ++t) round(b ^ c ^ d, 0x6ED9EBA1u, word(t));
  for (; t < 60; ++t) round((b & c) | (b & d) | (c & d), 0x8F1BBCDCu, word(t));
  for (; t < 80; ++t) round(b ^ c ^ d, 0xCA62C1D6u, word(t));
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

}  // namespace

std::string sha1(std::string_view data) {
  std::array<std::uint32_t, 5> h{0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t whole = data.size() / 64 * 64;
  for (std::size_t at = 0; at < whole; at += 64) sha1_block(h, bytes + at);
  // The rest, 0x80, zeros and the length in bits: one block, or two when the rest is 56 or more.
  unsigned char tail[128] = {};
  const std::size_t rest = data.size() - whole;
  for (std::size_t i = 0; i < rest; ++i) tail[i] = bytes[whole + i];
  tail[rest] = 0x80;
  const std::size_t tail_size = rest < 56 ? 64 : 128;
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  for (std::size_t i = 0; i < 8; ++i) {
    tail[tail_size - 1 - i] = static_cast<unsigned char>((bits >> (8 * i)) & 0xFF);
  }
  sha1_block(h, tail);
  if (tail_size == 128) sha1_block(h, tail + 64);
  std::string out;
  out.reserve(20);
  for (std::uint32_t v : h) {
    for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  return out;
}

std::string name_based_guid(std::string_view name_space, std::string_view name) {
  // RFC 4122 4.3: hash the namespace in network byte order, then the name.
  const auto ns = guid_bytes(name_space);
  std::string input;
  if (ns) {
    const auto& b = *ns;  // Data1..Data3 little-endian in memory: swap to big-endian
    const int order[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    for (int i : order) input.push_back(static_cast<char>(b[static_cast<std::size_t>(i)]));
  }
  input += name;
  std::string d = sha1(input);
  d[6] = static_cast<char>((static_cast<unsigned char>(d[6]) & 0x0F) | 0x50);
  d[8] = static_cast<char>((static_cast<unsigned char>(d[8]) & 0x3F) | 0x80);
  // {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}: the digest's first 16 bytes in order.
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out = "{";
  out.reserve(38);
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    const auto byte = static_cast<unsigned char>(d[i]);
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  out += '}';
  return out;
}

}  // namespace comreg
