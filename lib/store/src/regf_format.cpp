// Name rules of the regf format (see regf_format.hpp).
#include "store/regf_format.hpp"

#include <chrono>

namespace comreg::regf {

char16_t upcase(char16_t c) {
  if (c < 0x80) return (c >= u'a' && c <= u'z') ? static_cast<char16_t>(c - 0x20) : c;
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) ||
      (c >= 0x430 && c <= 0x44F)) {
    return static_cast<char16_t>(c - 0x20);
  }
  if (c == 0xFF) return 0x178;
  if (c >= 0x450 && c <= 0x45F) return static_cast<char16_t>(c - 0x50);
  return c;
}

std::u16string upcased(std::u16string_view name) {
  std::u16string out(name);
  for (auto& c : out) c = upcase(c);
  return out;
}

std::uint32_t name_hash(std::u16string_view name) {
  std::uint32_t h = 0;
  for (const char16_t c : name) h = 37 * h + upcase(c);
  return h;
}

std::u16string decode_name(const std::uint8_t* p, std::size_t bytes, bool compressed) {
  std::u16string out;
  if (compressed) {
    out.resize(bytes);
    for (std::size_t i = 0; i < bytes; ++i) out[i] = p[i];
  } else {
    out.resize(bytes / 2);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char16_t>(get16(p + 2 * i));
  }
  return out;
}

bool compressible(std::u16string_view name) {
  for (const char16_t c : name) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::string encode_name(std::u16string_view name, bool compressed) {
  std::string out;
  out.reserve(name.size() * (compressed ? 1 : 2));
  for (const char16_t c : name) {
    out.push_back(static_cast<char>(c & 0xFF));
    if (!compressed) out.push_back(static_cast<char>(c >> 8));
  }
  return out;
}

std::uint64_t filetime_now() {
  using namespace std::chrono;
  constexpr std::uint64_t unix_epoch = 116444736000000000ull;  // 1970-01-01 as a FILETIME
  const auto since = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  return unix_epoch + static_cast<std::uint64_t>(since) * 10;
}

}  // namespace comreg::regf
