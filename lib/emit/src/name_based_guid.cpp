// SHA-1 and RFC 4122 version 5 GUIDs, written from FIPS 180-4 and RFC 4122 section 4.3.
#include "emit/name_based_guid.hpp"

#include <array>
#include <cstdint>
#include <cstdio>

#include "comreg/core/guid.hpp"

namespace comreg {
namespace {

std::uint32_t rotl(std::uint32_t x, int n) {
  return (x << n) | (x >> (32 - n));
}

}  // namespace

std::string sha1(std::string_view data) {
  std::array<std::uint32_t, 5> h{0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
  std::string msg(data);
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  msg.push_back('\x80');
  while (msg.size() % 64 != 56) msg.push_back('\0');
  for (int i = 7; i >= 0; --i) msg.push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
  for (std::size_t block = 0; block < msg.size(); block += 64) {
    std::array<std::uint32_t, 80> w{};
    for (std::size_t t = 0; t < 16; ++t) {
      w[t] = 0;
      for (std::size_t b = 0; b < 4; ++b)
        w[t] = (w[t] << 8) | static_cast<unsigned char>(msg[block + 4 * t + b]);
    }
    for (std::size_t t = 16; t < 80; ++t)
      w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (std::size_t t = 0; t < 80; ++t) {
      std::uint32_t f, k;
      if (t < 20) {
        f = (b & c) | (~b & d);
        k = 0x5A827999u;
      } else if (t < 40) {
        f = b ^ c ^ d;
        k = 0x6ED9EBA1u;
      } else if (t < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8F1BBCDCu;
      } else {
        f = b ^ c ^ d;
        k = 0xCA62C1D6u;
      }
      const std::uint32_t temp = rotl(a, 5) + f + e + k + w[t];
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }
  std::string out;
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
  char buf[40];
  const auto u = [&](std::size_t i) {
    return static_cast<unsigned>(static_cast<unsigned char>(d[i]));
  };
  std::snprintf(buf, sizeof buf,
                "{%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X}", u(0),
                u(1), u(2), u(3), u(4), u(5), u(6), u(7), u(8), u(9), u(10), u(11), u(12), u(13),
                u(14), u(15));
  return buf;
}

}  // namespace comreg
