// SDDL -> self-relative SECURITY_DESCRIPTOR, byte-compatible with
// ConvertStringSecurityDescriptorToSecurityDescriptorW(SDDL_REVISION_1).
//
// Layout (winnt.h SECURITY_DESCRIPTOR_RELATIVE): Revision 1, Sbz1, Control (with
// SE_SELF_RELATIVE), then the offsets of Owner, Group, Sacl, Dacl; the parts follow in the
// order Windows' RtlMakeSelfRelativeSD writes them: SACL, DACL, owner, group. (Real
// AccessPermission values read "01,00,04,80,44,00,00,00,54,00,00,00,00,00,00,00,14,00,…":
// DACL at 0x14, owner after it.)
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>

#include "comreg/core/guid.hpp"
#include "comreg/model/sddl.hpp"

namespace comreg {
namespace {

using Bytes = std::vector<std::uint8_t>;

struct Alias {
  const char* code;
  const char* sid;  // nullptr: relative to a domain or machine SID, unknown offline
};

// The SDDL SID strings of Microsoft's "SID Strings" table.
constexpr Alias aliases[] = {
    {"AA", "S-1-5-32-579"},
    {"AC", "S-1-15-2-1"},
    {"AN", "S-1-5-7"},
    {"AO", "S-1-5-32-548"},
    {"AS", "S-1-18-1"},
    {"AU", "S-1-5-11"},
    {"BA", "S-1-5-32-544"},
    {"BG", "S-1-5-32-546"},
    {"BO", "S-1-5-32-551"},
    {"BU", "S-1-5-32-545"},
    {"CD", "S-1-5-32-574"},
    {"CG", "S-1-3-1"},
    {"CO", "S-1-3-0"},
    {"CY", "S-1-5-32-569"},
    {"ED", "S-1-5-9"},
    {"ER", "S-1-5-32-573"},
    {"ES", "S-1-5-32-576"},
    {"HA", "S-1-5-32-578"},
    {"HI", "S-1-16-12288"},
    {"IS", "S-1-5-32-568"},
    {"IU", "S-1-5-4"},
    {"LS", "S-1-5-19"},
    {"LU", "S-1-5-32-559"},
    {"LW", "S-1-16-4096"},
    {"ME", "S-1-16-8192"},
    {"MP", "S-1-16-8448"},
    {"MS", "S-1-5-32-577"},
    {"MU", "S-1-5-32-558"},
    {"NO", "S-1-5-32-556"},
    {"NS", "S-1-5-20"},
    {"NU", "S-1-5-2"},
    {"OW", "S-1-3-4"},
    {"PO", "S-1-5-32-550"},
    {"PS", "S-1-5-10"},
    {"PU", "S-1-5-32-547"},
    {"RA", "S-1-5-32-575"},
    {"RC", "S-1-5-12"},
    {"RD", "S-1-5-32-555"},
    {"RE", "S-1-5-32-552"},
    {"RM", "S-1-5-32-580"},
    {"RU", "S-1-5-32-554"},
    {"SI", "S-1-16-16384"},
    {"SO", "S-1-5-32-549"},
    {"SS", "S-1-18-2"},
    {"SU", "S-1-5-6"},
    {"SY", "S-1-5-18"},
    {"UD", "S-1-5-84-0-0-0-0-0"},
    {"WD", "S-1-1-0"},
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

constexpr Right rights[] = {
    {"GA", 0x10000000}, {"GR", 0x80000000}, {"GW", 0x40000000}, {"GX", 0x20000000},
    {"RC", 0x00020000}, {"SD", 0x00010000}, {"WD", 0x00040000}, {"WO", 0x00080000},
    {"RP", 0x00000010}, {"WP", 0x00000020}, {"CC", 0x00000001}, {"DC", 0x00000002},
    {"LC", 0x00000004}, {"SW", 0x00000008}, {"LO", 0x00000080}, {"DT", 0x00000040},
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

constexpr Flag ace_flags[] = {{"CI", 0x02}, {"OI", 0x01}, {"NP", 0x04}, {"IO", 0x08},
                              {"ID", 0x10}, {"SA", 0x40}, {"FA", 0x80}};

void put16(Bytes& b, std::size_t at, std::uint32_t v) {
  b[at] = static_cast<std::uint8_t>(v);
  b[at + 1] = static_cast<std::uint8_t>(v >> 8);
}
void put32(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}
void append32(Bytes& b, std::uint32_t v) {
  b.resize(b.size() + 4);
  put32(b, b.size() - 4, v);
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  SddlResult run() {
    SddlResult r;
    std::optional<Bytes> owner, group, dacl, sacl;
    std::uint16_t control = 0x8000;  // SE_SELF_RELATIVE
    bool dacl_present = false, sacl_present = false;
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
          (part == 'O' ? owner : group) = std::move(*sid);
          break;
        }
        case 'D':
        case 'S': {
          std::uint16_t acl_control = 0;
          bool null_acl = false;
          if (!acl_flags(part == 'D', acl_control, null_acl)) return error_;
          control = static_cast<std::uint16_t>(control | acl_control);
          Bytes acl;
          if (!null_acl && !ace_list(acl)) return error_;
          if (part == 'D') {
            dacl_present = true;
            if (!null_acl) dacl = std::move(acl);
          } else {
            sacl_present = true;
            if (!null_acl) sacl = std::move(acl);
          }
          break;
        }
        default:
          return fail("expected O:, G:, D: or S:", part_at);
      }
      skip_space();
    }
    if (dacl_present) control |= 0x0004;  // SE_DACL_PRESENT
    if (sacl_present) control |= 0x0010;  // SE_SACL_PRESENT

    Bytes sd(20, 0);
    sd[0] = 1;  // SECURITY_DESCRIPTOR_REVISION
    put16(sd, 2, control);
    auto place = [&sd](const std::optional<Bytes>& part, std::size_t offset_field) {
      if (!part) return;
      put32(sd, offset_field, static_cast<std::uint32_t>(sd.size()));
      sd.insert(sd.end(), part->begin(), part->end());
    };
    place(sacl, 12);
    place(dacl, 16);
    place(owner, 4);
    place(group, 8);
    r.descriptor = std::move(sd);
    return r;
  }

 private:
  SddlResult fail(std::string message, std::size_t at) {
    error_ = SddlResult{};
    error_.error = std::move(message);
    error_.error_offset = at;
    return error_;
  }

  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }

  static std::optional<Bytes> sid_from_string(std::string_view text) {
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
    Bytes sid;
    sid.push_back(1);
    sid.push_back(static_cast<std::uint8_t>(parts.size() - 2));
    for (int shift = 40; shift >= 0; shift -= 8)
      sid.push_back(static_cast<std::uint8_t>(parts[1] >> shift));
    for (std::size_t k = 2; k < parts.size(); ++k) {
      if (parts[k] > 0xFFFFFFFFu) return std::nullopt;
      append32(sid, static_cast<std::uint32_t>(parts[k]));
    }
    return sid;
  }

  // A SID at pos_: an alias (two letters) or "S-…", ending at ')' ';' or the next part.
  std::optional<Bytes> sid_token() {
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

  bool acl_flags(bool dacl, std::uint16_t& control, bool& null_acl) {
    for (;;) {
      skip_space();
      if (s_.substr(pos_, 17) == "NO_ACCESS_CONTROL") {
        null_acl = true;
        pos_ += 17;
      } else if (s_.substr(pos_, 2) == "AR") {
        control |= dacl ? 0x0100 : 0x0200;
        pos_ += 2;
      } else if (s_.substr(pos_, 2) == "AI") {
        control |= dacl ? 0x0400 : 0x0800;
        pos_ += 2;
      } else if (pos_ < s_.size() && s_[pos_] == 'P') {
        control |= dacl ? 0x1000 : 0x2000;
        pos_ += 1;
      } else {
        return true;
      }
    }
  }

  bool ace_list(Bytes& acl) {
    acl.assign(8, 0);
    std::uint32_t count = 0;
    bool object_aces = false;
    skip_space();
    while (pos_ < s_.size() && s_[pos_] == '(') {
      ++pos_;
      if (!ace(acl, object_aces)) return false;
      ++count;
      skip_space();
    }
    if (acl.size() > 0xFFFF) {
      fail("access control list too large", pos_);
      return false;
    }
    acl[0] = object_aces ? 4 : 2;  // ACL_REVISION_DS when object ACEs are present
    put16(acl, 2, static_cast<std::uint32_t>(acl.size()));
    put16(acl, 4, count);
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

  bool ace(Bytes& acl, bool& object_aces) {
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
    if (!expect(';', "';' after the ACE type")) return false;
    std::uint8_t flags = 0;
    const std::size_t flags_at = pos_;
    std::string_view flag_text = field();
    while (!flag_text.empty()) {
      bool found = false;
      for (const auto& f : ace_flags) {
        if (flag_text.substr(0, 2) == f.code) flags |= f.bit, found = true;
      }
      if (!found) {
        fail("unknown ACE flag '" + std::string(flag_text.substr(0, 2)) + "'", flags_at);
        return false;
      }
      flag_text.remove_prefix(std::min<std::size_t>(2, flag_text.size()));
    }
    if (!expect(';', "';' after the ACE flags")) return false;
    const std::size_t rights_at = pos_;
    std::uint32_t mask = 0;
    if (!access_mask(field(), rights_at, mask)) return false;
    if (!expect(';', "';' after the access rights")) return false;
    const std::size_t guid_at = pos_;
    const std::string_view object_type = field();
    if (!expect(';', "';' after the object type")) return false;
    const std::size_t inherit_at = pos_;
    const std::string_view inherited_type = field();
    if (!expect(';', "';' after the inherited object type")) return false;
    auto sid = sid_token();
    if (!sid) return false;
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == ';') {
      fail("resource attributes in ACEs are not supported", pos_);
      return false;
    }
    if (!expect(')', "')' at the end of the ACE")) return false;

    Bytes body;
    append32(body, mask);
    if (type->object) {
      object_aces = true;
      std::uint32_t present = 0;
      Bytes guids;
      struct ObjectGuid {
        std::string_view text;
        std::size_t at;
        std::uint32_t bit;  // ACE_OBJECT_TYPE_PRESENT / ACE_INHERITED_OBJECT_TYPE_PRESENT
      };
      for (const ObjectGuid& og :
           {ObjectGuid{object_type, guid_at, 1u}, ObjectGuid{inherited_type, inherit_at, 2u}}) {
        const auto [text, at, bit] = og;
        if (text.empty()) continue;
        auto g = guid_bytes(text);
        if (!g) {
          fail("invalid GUID '" + std::string(text) + "'", at);
          return false;
        }
        present |= bit;
        guids.insert(guids.end(), g->begin(), g->end());
      }
      append32(body, present);
      body.insert(body.end(), guids.begin(), guids.end());
    } else if (!object_type.empty() || !inherited_type.empty()) {
      fail("object GUIDs are allowed only in object ACEs (OA, OD, OU, OL)",
           object_type.empty() ? inherit_at : guid_at);
      return false;
    }
    body.insert(body.end(), sid->begin(), sid->end());
    const std::size_t size = 4 + body.size();
    acl.push_back(type->type);
    acl.push_back(flags);
    acl.push_back(static_cast<std::uint8_t>(size));
    acl.push_back(static_cast<std::uint8_t>(size >> 8));
    acl.insert(acl.end(), body.begin(), body.end());
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
  SddlResult error_;
};

}  // namespace

SddlResult sddl_to_security_descriptor(std::string_view sddl) {
  return Parser(sddl).run();
}

}  // namespace comreg
