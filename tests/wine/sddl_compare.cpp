// sddl_compare TABLE WINDOWS_OUTPUT: compares comreg's security descriptors with the ones
// ConvertStringSecurityDescriptorToSecurityDescriptorW made (tests/com/sddl_win32.cpp, one
// line of hex or "error N" per SDDL line of TABLE). One report line per SDDL; exit 1 when any
// differs.
//
// Equal bytes pass. So does the same descriptor laid out in another order: a self-relative
// descriptor reaches its parts through offsets, and Wine places owner and group first where
// Windows places them last (the layout is checked against published dumps in sddl_test.cpp).
// TABLE lines "#wine-lacks: why" and "#wine-differs: why" mark the next SDDL as one Wine fails
// on or converts differently from Windows; anything else starting with '#' is a comment.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "comreg/model/sddl.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;

std::string hex(const Bytes& b) {
  std::string out;
  char buf[4];
  for (std::size_t i = 0; i < b.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s%02x", i ? "," : "", b[i]);
    out += buf;
  }
  return out;
}

std::optional<Bytes> parse_hex(const std::string& text) {
  Bytes out;
  for (std::size_t i = 0; i < text.size(); i += 3) {
    if (i + 2 > text.size()) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(std::stoul(text.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// The parts of a self-relative descriptor, wherever they sit: control, owner, group, SACL, DACL.
struct Parts {
  std::uint16_t control = 0;
  Bytes owner, group, sacl, dacl;
  bool operator==(const Parts&) const = default;
};

std::uint32_t u32(const Bytes& b, std::size_t at) {
  return at + 4 > b.size() ? 0
                           : b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) |
                                 (static_cast<std::uint32_t>(b[at + 3]) << 24);
}

Bytes sid_at(const Bytes& b, std::uint32_t at) {
  if (at == 0 || at + 8 > b.size()) return {};
  const std::size_t size = 8 + 4 * static_cast<std::size_t>(b[at + 1]);
  return at + size > b.size() ? Bytes{} : Bytes(b.begin() + at, b.begin() + at + size);
}

Bytes acl_at(const Bytes& b, std::uint32_t at) {
  if (at == 0 || at + 8 > b.size()) return {};
  const std::size_t size = b[at + 2] | (b[at + 3] << 8);
  return at + size > b.size() ? Bytes{} : Bytes(b.begin() + at, b.begin() + at + size);
}

Parts parts(const Bytes& b) {
  Parts p;
  if (b.size() < 20) return p;
  p.control = static_cast<std::uint16_t>(b[2] | (b[3] << 8));
  p.owner = sid_at(b, u32(b, 4));
  p.group = sid_at(b, u32(b, 8));
  p.sacl = acl_at(b, u32(b, 12));
  p.dacl = acl_at(b, u32(b, 16));
  return p;
}

// "#wine-lacks: why" -> "why" (never empty: an empty reason would not mark the line).
std::string reason(const std::string& directive) {
  std::string why = directive.substr(directive.find(':') + 1);
  why.erase(0, why.find_first_not_of(' '));
  return why.empty() ? "(no reason given)" : why;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: sddl_compare TABLE WINDOWS_OUTPUT\n");
    return 2;
  }
  std::ifstream table(argv[1], std::ios::binary);
  std::ifstream windows(argv[2], std::ios::binary);
  if (!table || !windows) {
    std::fprintf(stderr, "sddl_compare: cannot read the inputs\n");
    return 2;
  }
  int failures = 0;
  int compared = 0;
  std::string line;
  std::string lacks;
  std::string differs;
  while (std::getline(table, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("#wine-lacks:", 0) == 0) lacks = reason(line);
    if (line.rfind("#wine-differs:", 0) == 0) differs = reason(line);
    if (line.empty() || line[0] == '#') continue;
    std::string theirs;
    if (!std::getline(windows, theirs)) {
      std::printf("FAIL %s: no Windows output for it\n", line.c_str());
      ++failures;
      break;
    }
    if (!theirs.empty() && theirs.back() == '\r') theirs.pop_back();
    ++compared;
    const auto ours = comreg::sddl_to_security_descriptor(line);
    const auto fail = [&](const std::string& why) {
      std::printf("FAIL %s: %s\n  comreg:  %s\n  windows: %s\n", line.c_str(), why.c_str(),
                  ours.ok() ? hex(ours.descriptor).c_str() : ours.error.c_str(), theirs.c_str());
      ++failures;
    };
    if (theirs.rfind("error", 0) == 0) {
      if (lacks.empty())
        fail("the Windows API failed");
      else if (!ours.ok())
        fail("comreg failed too");
      else
        std::printf("wine-lacks %s: %s (%s)\n", line.c_str(), lacks.c_str(), theirs.c_str());
    } else if (!ours.ok()) {
      fail("comreg failed");
    } else if (const auto bytes = parse_hex(theirs); !bytes) {
      fail("unreadable Windows output");
    } else if (*bytes == ours.descriptor) {
      std::printf("same-bytes %s\n", line.c_str());
    } else if (parts(*bytes) == parts(ours.descriptor)) {
      std::printf("same-parts %s (Wine's layout: owner and group first)\n", line.c_str());
    } else if (!differs.empty()) {
      std::printf("wine-differs %s: %s\n  comreg:  %s\n  windows: %s\n", line.c_str(),
                  differs.c_str(), hex(ours.descriptor).c_str(), theirs.c_str());
    } else {
      fail("different descriptors");
    }
    lacks.clear();
    differs.clear();
  }
  if (std::getline(windows, line)) {
    std::printf("FAIL: more Windows output than SDDL lines\n");
    ++failures;
  }
  std::printf("%d SDDL strings compared, %d failed\n", compared, failures);
  return failures == 0 && compared > 0 ? 0 : 1;
}
