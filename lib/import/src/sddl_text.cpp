// Self-relative SECURITY_DESCRIPTOR (winnt.h) -> SDDL. Rights become two-letter codes when
// every bit has one, else one hex number; well-known SIDs become their aliases. The result is
// accepted only if it converts back to the same bytes, so nothing is ever approximated.
#include "import/sddl_text.hpp"

#include <cstdio>

#include "comreg/model/sddl.hpp"

namespace comreg {
namespace {

using Bytes = std::vector<std::uint8_t>;

struct Reader {
  const Bytes& b;
  bool ok = true;
  std::uint32_t u8(std::size_t at) {
    if (at >= b.size()) return ok = false, 0;
    return b[at];
  }
  std::uint32_t u16(std::size_t at) { return u8(at) | u8(at + 1) << 8; }
  std::uint32_t u32(std::size_t at) { return u16(at) | u16(at + 2) << 16; }
};

constexpr std::pair<const char*, const char*> aliases[] = {
    {"S-1-1-0", "WD"},      {"S-1-5-18", "SY"},     {"S-1-5-32-544", "BA"}, {"S-1-5-32-545", "BU"},
    {"S-1-5-32-546", "BG"}, {"S-1-5-4", "IU"},      {"S-1-5-20", "NS"},     {"S-1-5-19", "LS"},
    {"S-1-5-11", "AU"},     {"S-1-5-10", "PS"},     {"S-1-5-7", "AN"},      {"S-1-3-0", "CO"},
    {"S-1-3-1", "CG"},      {"S-1-3-4", "OW"},      {"S-1-5-12", "RC"},     {"S-1-5-6", "SU"},
    {"S-1-5-2", "NU"},      {"S-1-5-9", "ED"},      {"S-1-15-2-1", "AC"},   {"S-1-5-32-547", "PU"},
    {"S-1-5-32-555", "RD"}, {"S-1-5-32-558", "MU"}, {"S-1-5-32-559", "LU"}, {"S-1-16-4096", "LW"},
    {"S-1-16-8192", "ME"},  {"S-1-16-12288", "HI"}, {"S-1-16-16384", "SI"},
};

constexpr std::pair<const char*, std::uint32_t> rights[] = {
    {"GA", 0x10000000}, {"GR", 0x80000000}, {"GW", 0x40000000}, {"GX", 0x20000000},
    {"RC", 0x00020000}, {"SD", 0x00010000}, {"WD", 0x00040000}, {"WO", 0x00080000},
    {"CC", 0x00000001}, {"DC", 0x00000002}, {"LC", 0x00000004}, {"SW", 0x00000008},
    {"RP", 0x00000010}, {"WP", 0x00000020}, {"DT", 0x00000040}, {"LO", 0x00000080},
    {"CR", 0x00000100},
};

constexpr std::pair<const char*, std::uint32_t> ace_flags[] = {
    {"OI", 0x01}, {"CI", 0x02}, {"NP", 0x04}, {"IO", 0x08},
    {"ID", 0x10}, {"SA", 0x40}, {"FA", 0x80}};

std::optional<std::string> sid(Reader& r, std::size_t at) {
  const std::uint32_t revision = r.u8(at);
  const std::uint32_t count = r.u8(at + 1);
  std::uint64_t authority = 0;
  for (std::size_t i = 0; i < 6; ++i) authority = authority << 8 | r.u8(at + 2 + i);
  if (!r.ok || revision != 1) return std::nullopt;
  std::string s = "S-1-" + std::to_string(authority);
  for (std::uint32_t i = 0; i < count; ++i) s += "-" + std::to_string(r.u32(at + 8 + 4 * i));
  if (!r.ok) return std::nullopt;
  for (const auto& [text, alias] : aliases) {
    if (s == text) return std::string(alias);
  }
  return s;
}

std::string rights_text(std::uint32_t mask) {
  std::string out;
  std::uint32_t covered = 0;
  for (const auto& [code, bit] : rights) {
    if ((mask & bit) != 0) out += code, covered |= bit;
  }
  if (covered == mask && !out.empty()) return out;
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", mask);
  return buf;
}

std::optional<std::string> acl(Reader& r, std::size_t at) {
  const std::uint32_t count = r.u16(at + 4);
  std::size_t ace = at + 8;
  std::string out;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t type = r.u8(ace);
    const std::uint32_t flags = r.u8(ace + 1);
    const std::uint32_t size = r.u16(ace + 2);
    const std::uint32_t mask = r.u32(ace + 4);
    if (!r.ok || size < 8) return std::nullopt;
    const char* type_code = type == 0      ? "A"
                            : type == 1    ? "D"
                            : type == 2    ? "AU"
                            : type == 3    ? "AL"
                            : type == 0x11 ? "ML"
                                           : nullptr;
    if (type_code == nullptr) return std::nullopt;  // object ACEs and others: keep the bytes
    std::string flag_text;
    for (const auto& [code, bit] : ace_flags) {
      if ((flags & bit) != 0) flag_text += code;
    }
    const auto who = sid(r, ace + 8);
    if (!who) return std::nullopt;
    out += std::string("(") + type_code + ";" + flag_text + ";" + rights_text(mask) + ";;;" + *who +
           ")";
    ace += size;
  }
  return out;
}

// "P", "AI", "AR" for the protected / auto-inherited / auto-inherit-required control bits.
std::string acl_flags(std::uint32_t control, std::uint32_t shift) {
  std::string out;
  if ((control & (0x1000u << shift)) != 0) out += "P";
  if ((control & (0x0100u << shift)) != 0) out += "AR";
  if ((control & (0x0400u << shift)) != 0) out += "AI";
  return out;
}

}  // namespace

std::optional<std::string> security_descriptor_to_sddl(const Bytes& descriptor) {
  Reader r{descriptor};
  if (r.u8(0) != 1) return std::nullopt;
  const std::uint32_t control = r.u16(2);
  const std::uint32_t owner = r.u32(4), group = r.u32(8), sacl = r.u32(12), dacl = r.u32(16);
  if (!r.ok) return std::nullopt;
  std::string out;
  if (owner != 0) {
    const auto s = sid(r, owner);
    if (!s) return std::nullopt;
    out += "O:" + *s;
  }
  if (group != 0) {
    const auto s = sid(r, group);
    if (!s) return std::nullopt;
    out += "G:" + *s;
  }
  if ((control & 0x0004) != 0 && dacl != 0) {
    const auto a = acl(r, dacl);
    if (!a) return std::nullopt;
    out += "D:" + acl_flags(control, 0) + *a;
  }
  if ((control & 0x0010) != 0 && sacl != 0) {
    const auto a = acl(r, sacl);
    if (!a) return std::nullopt;
    out += "S:" + acl_flags(control, 1) + *a;
  }
  if (out.empty()) return std::nullopt;
  const SddlResult back = sddl_to_security_descriptor(out);
  if (!back.ok() || back.descriptor != descriptor) return std::nullopt;
  return out;
}

}  // namespace comreg
