// SDDL <-> SecurityDescriptor <-> self-relative SECURITY_DESCRIPTOR, byte-compatible with
// ConvertStringSecurityDescriptorToSecurityDescriptorW(SDDL_REVISION_1).
//
// Layout (winnt.h SECURITY_DESCRIPTOR_RELATIVE): Revision 1, Sbz1, Control (with
// SE_SELF_RELATIVE), then the offsets of Owner, Group, Sacl, Dacl; the parts follow in the
// order Windows' RtlMakeSelfRelativeSD writes them: SACL, DACL, owner, group. (Real
// AccessPermission values read "01,00,04,80,44,00,00,00,54,00,00,00,00,00,00,00,14,00,…":
// DACL at 0x14, owner after it.)
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "comreg/core/guid.hpp"
#include "comreg/model/sddl.hpp"

namespace comreg {
namespace {

using Bytes = std::vector<std::uint8_t>;

struct Alias {
  const char* code;
  const char* sid;       // nullptr: relative to a domain or machine SID, unknown offline
  bool written = false;  // to_sddl writes the alias instead of the SID string
};

// The SDDL SID strings of Microsoft's "SID Strings" table.
constexpr Alias aliases[] = {
    {"AA", "S-1-5-32-579"},
    {"AC", "S-1-15-2-1", true},
    {"AN", "S-1-5-7", true},
    {"AO", "S-1-5-32-548"},
    {"AS", "S-1-18-1"},
    {"AU", "S-1-5-11", true},
    {"BA", "S-1-5-32-544", true},
    {"BG", "S-1-5-32-546", true},
    {"BO", "S-1-5-32-551"},
    {"BU", "S-1-5-32-545", true},
    {"CD", "S-1-5-32-574"},
    {"CG", "S-1-3-1", true},
    {"CO", "S-1-3-0", true},
    {"CY", "S-1-5-32-569"},
    {"ED", "S-1-5-9", true},
    {"ER", "S-1-5-32-573"},
    {"ES", "S-1-5-32-576"},
    {"HA", "S-1-5-32-578"},
    {"HI", "S-1-16-12288", true},
    {"IS", "S-1-5-32-568"},
    {"IU", "S-1-5-4", true},
    {"LS", "S-1-5-19", true},
    {"LU", "S-1-5-32-559", true},
    {"LW", "S-1-16-4096", true},
    {"ME", "S-1-16-8192", true},
    {"MP", "S-1-16-8448"},
    {"MS", "S-1-5-32-577"},
    {"MU", "S-1-5-32-558", true},
    {"NO", "S-1-5-32-556"},
    {"NS", "S-1-5-20", true},
    {"NU", "S-1-5-2", true},
    {"OW", "S-1-3-4", true},
    {"PO", "S-1-5-32-550"},
    {"PS", "S-1-5-10", true},
    {"PU", "S-1-5-32-547", true},
    {"RA", "S-1-5-32-575"},
    {"RC", "S-1-5-12", true},
    {"RD", "S-1-5-32-555", true},
    {"RE", "S-1-5-32-552"},
    {"RM", "S-1-5-32-580"},
    {"RU", "S-1-5-32-554"},
    {"SI", "S-1-16-16384", true},
    {"SO", "S-1-5-32-549"},
    {"SS", "S-1-18-2"},
    {"SU", "S-1-5-6", true},
    {"SY", "S-1-5-18", true},
    {"UD", "S-1-5-84-0-0-0-0-0"},
    {"WD", "S-1-1-0", true},
    {"WR", "S-1-5-33"},
    {"AP", nullptr},
    {"CA", nullptr},
    {"CN", nullptr},
    {"DA", nullptr},
    {"DC", nullptr},
    {"DD", nullptr},
    {"DG", nullptr},
    {"DU", nullptr},
    {"EA", nullptr},
    {"EK", nullptr},
    {"KA", nullptr},
    {"LA", nullptr},
    {"LG", nullptr},
    {"PA", nullptr},
    {"RO", nullptr},
    {"RS", nullptr},
    {"SA", nullptr},
};

struct Right {
  const char* code;
  std::uint32_t mask;
};

// The single-bit codes first, in the order to_sddl writes them; then the combined codes that
// are only read.
constexpr std::size_t written_rights = 17;
constexpr Right rights[] = {
    {"GA", 0x10000000}, {"GR", 0x80000000}, {"GW", 0x40000000}, {"GX", 0x20000000},
    {"RC", 0x00020000}, {"SD", 0x00010000}, {"WD", 0x00040000}, {"WO", 0x00080000},
    {"CC", 0x00000001}, {"DC", 0x00000002}, {"LC", 0x00000004}, {"SW", 0x00000008},
    {"RP", 0x00000010}, {"WP", 0x00000020}, {"DT", 0x00000040}, {"LO", 0x00000080},
    {"CR", 0x00000100}, {"FA", 0x001F01FF}, {"FR", 0x00120089}, {"FW", 0x00120116},
    {"FX", 0x001200A0}, {"KA", 0x000F003F}, {"KR", 0x00020019}, {"KW", 0x00020006},
    {"KX", 0x00020019}, {"NR", 0x00000002}, {"NW", 0x00000001}, {"NX", 0x00000004},
};

struct AceType {
  const char* code;
  std::uint8_t type;
  bool object;
};

constexpr AceType ace_types[] = {
    {"OA", 5, true},  {"OD", 6, true},  {"OU", 7, true}, {"OL", 8, true}, {"ML", 0x11, false},
    {"AU", 2, false}, {"AL", 3, false}, {"A", 0, false}, {"D", 1, false},
};

struct Flag {
  const char* code;
  std::uint8_t bit;
};

// In the order to_sddl writes them.
constexpr Flag ace_flags[] = {{"OI", 0x01}, {"CI", 0x02}, {"NP", 0x04}, {"IO", 0x08},
                              {"ID", 0x10}, {"SA", 0x40}, {"FA", 0x80}};

bool is_object_ace(std::uint8_t type) {
  return type >= 5 && type <= 8;  // ACCESS_{ALLOWED,DENIED}_OBJECT, SYSTEM_{AUDIT,ALARM}_OBJECT
}

std::size_t sid_size(const Sid& sid) {
  return 8 + 4 * sid.sub_authorities.size();
}

std::size_t ace_size(const Ace& ace) {
  std::size_t size = 8 + sid_size(ace.trustee);  // header, mask, SID
  if (is_object_ace(ace.type)) {
    size += 4 + (ace.object_type ? 16 : 0) + (ace.inherited_object_type ? 16 : 0);
  }
  return size;
}

std::size_t acl_size(const Acl& acl) {
  std::size_t size = 8;
  for (const auto& ace : acl.aces) size += ace_size(ace);
  return size;
}

// The control bits of an ACL's flags; the SACL's are the DACL's shifted left by one.
std::uint16_t acl_control(const Acl& acl, bool dacl) {
  std::uint16_t bits = 0;
  if (acl.protected_acl) bits |= 0x1000;
  if (acl.auto_inherit_required) bits |= 0x0100;
  if (acl.auto_inherited) bits |= 0x0400;
  return static_cast<std::uint16_t>(dacl ? bits : bits << 1);
}

void put16(Bytes& b, std::size_t at, std::uint32_t v) {
  b[at] = static_cast<std::uint8_t>(v);
  b[at + 1] = static_cast<std::uint8_t>(v >> 8);
}
void put32(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}
void append16(Bytes& b, std::uint32_t v) {
  b.resize(b.size() + 2);
  put16(b, b.size() - 2, v);
}
void append32(Bytes& b, std::uint32_t v) {
  b.resize(b.size() + 4);
  put32(b, b.size() - 4, v);
}

void append_sid(Bytes& b, const Sid& sid) {
  b.push_back(sid.revision);
  b.push_back(static_cast<std::uint8_t>(sid.sub_authorities.size()));
  for (int shift = 40; shift >= 0; shift -= 8)
    b.push_back(static_cast<std::uint8_t>(sid.authority >> shift));
  for (const auto sub : sid.sub_authorities) append32(b, sub);
}

void append_acl(Bytes& b, const Acl& acl) {
  const bool object_aces = std::any_of(acl.aces.begin(), acl.aces.end(),
                                       [](const Ace& a) { return is_object_ace(a.type); });
  b.push_back(object_aces ? 4 : 2);  // ACL_REVISION_DS when object ACEs are present
  b.push_back(0);
  append16(b, static_cast<std::uint32_t>(acl_size(acl)));
  append16(b, static_cast<std::uint32_t>(acl.aces.size()));
  append16(b, 0);
  for (const auto& ace : acl.aces) {
    b.push_back(ace.type);
    b.push_back(ace.flags);
    append16(b, static_cast<std::uint32_t>(ace_size(ace)));
    append32(b, ace.mask);
    if (is_object_ace(ace.type)) {
      append32(b, (ace.object_type ? 1u : 0u) | (ace.inherited_object_type ? 2u : 0u));
      if (ace.object_type) b.insert(b.end(), ace.object_type->begin(), ace.object_type->end());
      if (ace.inherited_object_type) {
        b.insert(b.end(), ace.inherited_object_type->begin(), ace.inherited_object_type->end());
      }
    }
    append_sid(b, ace.trustee);
  }
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  SddlParse run() {
    SecurityDescriptor sd;
    skip_space();
    if (pos_ == s_.size()) return fail("empty security descriptor", 0);
    while (pos_ < s_.size()) {
      skip_space();
      if (pos_ + 1 >= s_.size() || s_[pos_ + 1] != ':') {
        return fail("expected O:, G:, D: or S:", pos_);
      }
      const char part = s_[pos_];
      const std::size_t part_at = pos_;
      pos_ += 2;
      switch (part) {
        case 'O':
        case 'G': {
          auto sid = sid_token();
          if (!sid) return error_;
          (part == 'O' ? sd.owner : sd.group) = std::move(*sid);
          break;
        }
        case 'D':
        case 'S': {
          // A part given twice: the flags add up, and the last list with entries (or none)
          // counts; a later NO_ACCESS_CONTROL does not take an earlier list back.
          std::optional<Acl>& acl = part == 'D' ? sd.dacl : sd.sacl;
          const bool first = !acl;
          if (first) acl.emplace();
          bool null_acl = false;
          if (!acl_flags(*acl, null_acl)) return error_;
          if (null_acl) {
            if (first) acl->null_acl = true;
          } else {
            std::vector<Ace> aces;
            if (!ace_list(aces)) return error_;
            acl->null_acl = false;
            acl->aces = std::move(aces);
          }
          break;
        }
        default:
          return fail("expected O:, G:, D: or S:", part_at);
      }
      skip_space();
    }
    SddlParse r;
    r.descriptor = std::move(sd);
    return r;
  }

 private:
  SddlParse fail(std::string message, std::size_t at) {
    error_ = SddlParse{};
    error_.error = std::move(message);
    error_.error_offset = at;
    return error_;
  }

  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }

  static std::optional<Sid> sid_from_string(std::string_view text) {
    // S-R-I-S-S…: revision 1, authority decimal or 0x hex (48 bits), up to 15 sub-authorities.
    if (text.size() < 4 || (text[0] != 'S' && text[0] != 's') || text[1] != '-')
      return std::nullopt;
    std::vector<std::uint64_t> parts;
    std::size_t i = 2;
    while (i <= text.size()) {
      const std::size_t dash = text.find('-', i);
      const std::string_view part =
          text.substr(i, dash == std::string_view::npos ? text.npos : dash - i);
      if (part.empty()) return std::nullopt;
      std::uint64_t v = 0;
      if (part.size() > 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
        for (char c : part.substr(2)) {
          if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
          v = v * 16 + static_cast<std::uint64_t>(std::isdigit(static_cast<unsigned char>(c))
                                                      ? c - '0'
                                                      : (std::tolower(c) - 'a' + 10));
          if (v > 0xFFFFFFFFFFFFull) return std::nullopt;
        }
      } else {
        for (char c : part) {
          if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
          v = v * 10 + static_cast<std::uint64_t>(c - '0');
          if (v > 0xFFFFFFFFFFFFull) return std::nullopt;
        }
      }
      parts.push_back(v);
      if (dash == std::string_view::npos) break;
      i = dash + 1;
    }
    if (parts.size() < 2 || parts[0] != 1 || parts.size() - 2 > 15) return std::nullopt;
    Sid sid;
    sid.authority = parts[1];
    for (std::size_t k = 2; k < parts.size(); ++k) {
      if (parts[k] > 0xFFFFFFFFu) return std::nullopt;
      sid.sub_authorities.push_back(static_cast<std::uint32_t>(parts[k]));
    }
    return sid;
  }

  // A SID at pos_: an alias (two letters) or "S-…", ending at ')' ';' or the next part.
  std::optional<Sid> sid_token() {
    skip_space();
    const std::size_t start = pos_;
    if (pos_ + 1 < s_.size() && (s_[pos_] == 'S' || s_[pos_] == 's') && s_[pos_ + 1] == '-') {
      std::size_t end = pos_;
      while (end < s_.size() &&
             (std::isxdigit(static_cast<unsigned char>(s_[end])) || s_[end] == '-' ||
              s_[end] == 'S' || s_[end] == 's' || s_[end] == 'x' || s_[end] == 'X')) {
        // Stop before the next "X:" part (e.g. "G:" after an owner SID string).
        if (end + 1 < s_.size() && s_[end + 1] == ':' && end > start) break;
        ++end;
      }
      auto sid = sid_from_string(s_.substr(start, end - start));
      if (!sid) {
        fail("invalid SID string '" + std::string(s_.substr(start, end - start)) + "'", start);
        return std::nullopt;
      }
      pos_ = end;
      return sid;
    }
    if (pos_ + 2 > s_.size()) {
      fail("expected a SID (an alias such as BA or SY, or S-1-…)", start);
      return std::nullopt;
    }
    const std::string code{
        static_cast<char>(std::toupper(static_cast<unsigned char>(s_[pos_]))),
        static_cast<char>(std::toupper(static_cast<unsigned char>(s_[pos_ + 1])))};
    for (const auto& a : aliases) {
      if (code != a.code) continue;
      if (a.sid == nullptr) {
        fail("SID alias '" + code +
                 "' is relative to a domain or machine, which is unknown "
                 "when the descriptor is computed; write the full S-1-5-21-… SID",
             start);
        return std::nullopt;
      }
      pos_ += 2;
      return sid_from_string(a.sid);
    }
    fail("unknown SID alias '" + std::string(s_.substr(start, 2)) + "'", start);
    return std::nullopt;
  }

  bool acl_flags(Acl& acl, bool& null_acl) {
    for (;;) {
      skip_space();
      if (s_.substr(pos_, 17) == "NO_ACCESS_CONTROL") {
        null_acl = true;
        pos_ += 17;
      } else if (s_.substr(pos_, 2) == "AR") {
        acl.auto_inherit_required = true;
        pos_ += 2;
      } else if (s_.substr(pos_, 2) == "AI") {
        acl.auto_inherited = true;
        pos_ += 2;
      } else if (pos_ < s_.size() && s_[pos_] == 'P') {
        acl.protected_acl = true;
        pos_ += 1;
      } else {
        return true;
      }
    }
  }

  bool ace_list(std::vector<Ace>& aces) {
    std::size_t size = 8;
    skip_space();
    while (pos_ < s_.size() && s_[pos_] == '(') {
      Ace a;
      a.at = pos_;
      ++pos_;
      if (!ace(a)) return false;
      size += ace_size(a);
      aces.push_back(std::move(a));
      skip_space();
    }
    if (size > 0xFFFF) {
      fail("access control list too large", pos_);
      return false;
    }
    return true;
  }

  bool expect(char c, const char* what) {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    fail(std::string("expected ") + what, pos_);
    return false;
  }

  std::string_view field() {
    skip_space();
    const std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != ';' && s_[pos_] != ')') ++pos_;
    std::string_view f = s_.substr(start, pos_ - start);
    while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.remove_suffix(1);
    return f;
  }

  bool ace(Ace& out) {
    const std::size_t ace_at = pos_;
    const std::string_view type_text = field();
    const AceType* type = nullptr;
    for (const auto& t : ace_types) {
      if (type_text == t.code) type = &t;
    }
    if (type == nullptr) {
      fail("unknown ACE type '" + std::string(type_text) + "' (A, D, OA, OD, AU, AL, OU, OL, ML)",
           ace_at);
      return false;
    }
    out.type = type->type;
    if (!expect(';', "';' after the ACE type")) return false;
    const std::size_t flags_at = pos_;
    std::string_view flag_text = field();
    while (!flag_text.empty()) {
      bool found = false;
      for (const auto& f : ace_flags) {
        if (flag_text.substr(0, 2) == f.code) out.flags |= f.bit, found = true;
      }
      if (!found) {
        fail("unknown ACE flag '" + std::string(flag_text.substr(0, 2)) + "'", flags_at);
        return false;
      }
      flag_text.remove_prefix(std::min<std::size_t>(2, flag_text.size()));
    }
    if (!expect(';', "';' after the ACE flags")) return false;
    const std::size_t rights_at = pos_;
    if (!access_mask(field(), rights_at, out.mask)) return false;
    if (!expect(';', "';' after the access rights")) return false;
    const std::size_t guid_at = pos_;
    const std::string_view object_type = field();
    if (!expect(';', "';' after the object type")) return false;
    const std::size_t inherit_at = pos_;
    const std::string_view inherited_type = field();
    if (!expect(';', "';' after the inherited object type")) return false;
    auto sid = sid_token();
    if (!sid) return false;
    out.trustee = std::move(*sid);
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == ';') {
      fail("resource attributes in ACEs are not supported", pos_);
      return false;
    }
    if (!expect(')', "')' at the end of the ACE")) return false;

    if (type->object) {
      struct ObjectGuid {
        std::string_view text;
        std::size_t at;
        std::optional<std::array<std::uint8_t, 16>>& into;
      };
      for (const ObjectGuid& og :
           {ObjectGuid{object_type, guid_at, out.object_type},
            ObjectGuid{inherited_type, inherit_at, out.inherited_object_type}}) {
        if (og.text.empty()) continue;
        og.into = guid_bytes(og.text);
        if (!og.into) {
          fail("invalid GUID '" + std::string(og.text) + "'", og.at);
          return false;
        }
      }
    } else if (!object_type.empty() || !inherited_type.empty()) {
      fail("object GUIDs are allowed only in object ACEs (OA, OD, OU, OL)",
           object_type.empty() ? inherit_at : guid_at);
      return false;
    }
    return true;
  }

  bool access_mask(std::string_view text, std::size_t at, std::uint32_t& mask) {
    if (text.empty()) {
      fail("expected access rights (e.g. CCDCLC or 0x3)", at);
      return false;
    }
    if (std::isdigit(static_cast<unsigned char>(text[0]))) {
      std::uint64_t v = 0;
      const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
      for (char c : hex ? text.substr(2) : text) {
        const int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                      : hex && std::isxdigit(static_cast<unsigned char>(c))
                          ? std::tolower(c) - 'a' + 10
                          : -1;
        if (d < 0) {
          fail("invalid number '" + std::string(text) + "' in access rights", at);
          return false;
        }
        v = v * (hex ? 16 : 10) + static_cast<std::uint64_t>(d);
        if (v > 0xFFFFFFFFu) {
          fail("access mask '" + std::string(text) + "' exceeds 32 bits", at);
          return false;
        }
      }
      mask = static_cast<std::uint32_t>(v);
      return true;
    }
    for (std::size_t i = 0; i < text.size(); i += 2) {
      const std::string_view code = text.substr(i, 2);
      bool found = false;
      for (const auto& r : rights) {
        if (code == r.code) mask |= r.mask, found = true;
      }
      if (!found) {
        fail("unknown access right '" + std::string(code) + "'", at + i);
        return false;
      }
    }
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  SddlParse error_;
};

// Bounds-checked little-endian reads; any read past the end clears `ok`.
struct Reader {
  std::span<const std::uint8_t> b;
  bool ok = true;
  std::uint32_t u8(std::size_t at) {
    if (at >= b.size()) return ok = false, 0;
    return b[at];
  }
  std::uint32_t u16(std::size_t at) { return u8(at) | u8(at + 1) << 8; }
  std::uint32_t u32(std::size_t at) { return u16(at) | u16(at + 2) << 16; }
};

// The SID at `at`, which must end by `end`.
std::optional<Sid> read_sid(Reader& r, std::size_t at, std::size_t end) {
  if (at + 8 > end) return std::nullopt;
  Sid sid;
  sid.revision = static_cast<std::uint8_t>(r.u8(at));
  const std::uint32_t count = r.u8(at + 1);
  if (sid.revision != 1 || at + 8 + 4 * std::size_t{count} > end) return std::nullopt;
  for (std::size_t i = 0; i < 6; ++i) sid.authority = sid.authority << 8 | r.u8(at + 2 + i);
  for (std::uint32_t i = 0; i < count; ++i) sid.sub_authorities.push_back(r.u32(at + 8 + 4 * i));
  if (!r.ok) return std::nullopt;
  return sid;
}

std::optional<std::array<std::uint8_t, 16>> read_guid(Reader& r, std::size_t at) {
  std::array<std::uint8_t, 16> g{};
  for (std::size_t i = 0; i < 16; ++i) g[i] = static_cast<std::uint8_t>(r.u8(at + i));
  if (!r.ok) return std::nullopt;
  return g;
}

bool read_aces(Reader& r, std::size_t at, Acl& acl) {
  const std::size_t acl_end = at + r.u16(at + 2);
  const std::uint32_t count = r.u16(at + 4);
  if (!r.ok || acl_end > r.b.size()) return false;
  std::size_t pos = at + 8;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (pos + 8 > acl_end) return false;
    Ace ace;
    ace.type = static_cast<std::uint8_t>(r.u8(pos));
    ace.flags = static_cast<std::uint8_t>(r.u8(pos + 1));
    const std::size_t size = r.u16(pos + 2);
    ace.mask = r.u32(pos + 4);
    if (size < 8 || pos + size > acl_end) return false;
    const std::size_t end = pos + size;
    std::size_t sid_at = pos + 8;
    if (is_object_ace(ace.type)) {
      if (pos + 12 > end) return false;
      const std::uint32_t present = r.u32(pos + 8);
      sid_at = pos + 12;
      for (const auto& [bit, into] :
           {std::pair{1u, &ace.object_type}, std::pair{2u, &ace.inherited_object_type}}) {
        if ((present & bit) == 0) continue;
        if (sid_at + 16 > end) return false;
        *into = read_guid(r, sid_at);
        sid_at += 16;
      }
    }
    auto trustee = read_sid(r, sid_at, end);
    if (!trustee) return false;
    ace.trustee = std::move(*trustee);
    acl.aces.push_back(std::move(ace));
    pos = end;
  }
  return r.ok;
}

std::string sid_text(const Sid& sid) {
  const std::string s = to_string(sid);
  for (const auto& a : aliases) {
    if (a.written && a.sid == s) return a.code;
  }
  return s;
}

std::string rights_text(std::uint32_t mask) {
  std::string out;
  std::uint32_t covered = 0;
  for (std::size_t i = 0; i < written_rights; ++i) {
    if ((mask & rights[i].mask) != 0) out += rights[i].code, covered |= rights[i].mask;
  }
  if (covered == mask && !out.empty()) return out;
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", mask);
  return buf;
}

std::optional<std::string> acl_text(const Acl& acl) {
  std::string out;
  if (acl.protected_acl) out += "P";
  if (acl.auto_inherit_required) out += "AR";
  if (acl.auto_inherited) out += "AI";
  if (acl.null_acl) return out + "NO_ACCESS_CONTROL";
  for (const auto& ace : acl.aces) {
    const char* type_code = ace.type == 0      ? "A"
                            : ace.type == 1    ? "D"
                            : ace.type == 2    ? "AU"
                            : ace.type == 3    ? "AL"
                            : ace.type == 0x11 ? "ML"
                                               : nullptr;
    if (type_code == nullptr) return std::nullopt;
    std::string flag_text;
    for (const auto& [code, bit] : ace_flags) {
      if ((ace.flags & bit) != 0) flag_text += code;
    }
    out += std::string("(") + type_code + ";" + flag_text + ";" + rights_text(ace.mask) + ";;;" +
           sid_text(ace.trustee) + ")";
  }
  return out;
}

}  // namespace

std::string to_string(const Sid& sid) {
  std::string s = "S-" + std::to_string(sid.revision) + "-" + std::to_string(sid.authority);
  for (const auto sub : sid.sub_authorities) s += "-" + std::to_string(sub);
  return s;
}

SddlParse parse_sddl(std::string_view sddl) {
  return Parser(sddl).run();
}

std::vector<std::uint8_t> encode_security_descriptor(const SecurityDescriptor& sd) {
  std::uint32_t control = 0x8000;                                  // SE_SELF_RELATIVE
  if (sd.dacl) control |= 0x0004u | acl_control(*sd.dacl, true);   // SE_DACL_PRESENT
  if (sd.sacl) control |= 0x0010u | acl_control(*sd.sacl, false);  // SE_SACL_PRESENT
  Bytes out(20, 0);
  out[0] = 1;  // SECURITY_DESCRIPTOR_REVISION
  put16(out, 2, control);
  const auto offset_here = [&out](std::size_t offset_field) {
    put32(out, offset_field, static_cast<std::uint32_t>(out.size()));
  };
  if (sd.sacl && !sd.sacl->null_acl) {
    offset_here(12);
    append_acl(out, *sd.sacl);
  }
  if (sd.dacl && !sd.dacl->null_acl) {
    offset_here(16);
    append_acl(out, *sd.dacl);
  }
  if (sd.owner) {
    offset_here(4);
    append_sid(out, *sd.owner);
  }
  if (sd.group) {
    offset_here(8);
    append_sid(out, *sd.group);
  }
  return out;
}

std::optional<SecurityDescriptor> decode_security_descriptor(std::span<const std::uint8_t> bytes) {
  Reader r{bytes};
  if (bytes.size() < 20 || r.u8(0) != 1) return std::nullopt;
  const std::uint32_t control = r.u16(2);
  const std::uint32_t owner = r.u32(4), group = r.u32(8), sacl = r.u32(12), dacl = r.u32(16);
  SecurityDescriptor sd;
  for (const auto& [offset, into] : {std::pair{owner, &sd.owner}, std::pair{group, &sd.group}}) {
    if (offset == 0) continue;
    *into = read_sid(r, offset, bytes.size());
    if (!*into) return std::nullopt;
  }
  for (const auto& [present, shift, offset, into] :
       {std::tuple{0x0004u, 0u, dacl, &sd.dacl}, std::tuple{0x0010u, 1u, sacl, &sd.sacl}}) {
    if ((control & present) == 0) continue;
    Acl& acl = into->emplace();
    acl.protected_acl = (control & (0x1000u << shift)) != 0;
    acl.auto_inherit_required = (control & (0x0100u << shift)) != 0;
    acl.auto_inherited = (control & (0x0400u << shift)) != 0;
    acl.null_acl = offset == 0;
    if (!acl.null_acl && !read_aces(r, offset, acl)) return std::nullopt;
  }
  return sd;
}

std::optional<std::string> to_sddl(const SecurityDescriptor& sd) {
  std::string out;
  if (sd.owner) out += "O:" + sid_text(*sd.owner);
  if (sd.group) out += "G:" + sid_text(*sd.group);
  for (const auto& [prefix, acl] : {std::pair{"D:", &sd.dacl}, std::pair{"S:", &sd.sacl}}) {
    if (!*acl) continue;
    const auto text = acl_text(**acl);
    if (!text) return std::nullopt;
    out += prefix + *text;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

SddlResult sddl_to_security_descriptor(std::string_view sddl) {
  SddlParse parsed = parse_sddl(sddl);
  SddlResult r;
  if (!parsed.descriptor) {
    r.error = std::move(parsed.error);
    r.error_offset = parsed.error_offset;
    return r;
  }
  r.descriptor = encode_security_descriptor(*parsed.descriptor);
  return r;
}

std::optional<std::string> security_descriptor_to_sddl(
    const std::vector<std::uint8_t>& descriptor) {
  // Only text that gives back these very bytes: nothing is ever approximated.
  const auto sd = decode_security_descriptor(descriptor);
  if (!sd) return std::nullopt;
  auto text = to_sddl(*sd);
  if (!text || sddl_to_security_descriptor(*text).descriptor != descriptor) return std::nullopt;
  return text;
}

}  // namespace comreg
