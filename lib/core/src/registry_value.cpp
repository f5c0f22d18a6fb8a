#include "comreg/core/registry_value.hpp"

#include <bit>
#include <cstdio>
#include <cstring>
#include <span>

#include "core/ascii.hpp"
#include "core/hex.hpp"
#include "core/utf.hpp"

namespace comreg {
namespace {

// `utf8` as UTF-16LE with its NUL, appended to `out`.
void append_utf16le_z(std::vector<std::uint8_t>& out, std::string_view utf8) {
  const std::size_t at = out.size();
  out.resize(at + 2 * utf8.size() + 2);
  const std::size_t ascii =
      text::widen_ascii_prefix(utf8, reinterpret_cast<char*>(out.data() + at));
  if (ascii == utf8.size()) return;  // nearly every registry string: its NUL is there
  std::string rest;
  text::append_utf16le(rest, utf8.substr(ascii));
  out.resize(at + 2 * ascii);
  out.insert(out.end(), rest.begin(), rest.end());
  out.push_back(0);
  out.push_back(0);
}

// The index of the first NUL code unit of `raw` at or after unit `from`, or the unit count.
std::size_t find_nul_unit(std::span<const std::uint8_t> raw, std::size_t from) {
  const std::size_t units = raw.size() / 2;
  while (from < units && (raw[2 * from] | raw[2 * from + 1]) != 0) ++from;
  return from;
}

// Units [from, to) of `raw` as UTF-8; false when an unpaired surrogate became U+FFFD.
bool decode_units(std::span<const std::uint8_t> raw, std::size_t from, std::size_t to,
                  std::string& out) {
  return text::append_utf8_of_utf16le(out, raw.data() + 2 * from, to - from);
}

}  // namespace

std::string reg_type_name(RegType t) {
  switch (t) {
    case RegType::none:
      return "REG_NONE";
    case RegType::sz:
      return "REG_SZ";
    case RegType::expand_sz:
      return "REG_EXPAND_SZ";
    case RegType::binary:
      return "REG_BINARY";
    case RegType::dword:
      return "REG_DWORD";
    case RegType::dword_big_endian:
      return "REG_DWORD_BIG_ENDIAN";
    case RegType::link:
      return "REG_LINK";
    case RegType::multi_sz:
      return "REG_MULTI_SZ";
    case RegType::resource_list:
      return "REG_RESOURCE_LIST";
    case RegType::full_resource_descriptor:
      return "REG_FULL_RESOURCE_DESCRIPTOR";
    case RegType::resource_requirements_list:
      return "REG_RESOURCE_REQUIREMENTS_LIST";
    case RegType::qword:
      return "REG_QWORD";
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "REG_0x%x", static_cast<unsigned>(t));
  return buf;
}

RegValue RegValue::sz(std::string s) {
  RegValue v;
  v.type = RegType::sz;
  v.text = std::move(s);
  return v;
}

RegValue RegValue::expand_sz(std::string s) {
  RegValue v;
  v.type = RegType::expand_sz;
  v.text = std::move(s);
  return v;
}

RegValue RegValue::dword(std::uint32_t n) {
  RegValue v;
  v.type = RegType::dword;
  v.number = n;
  return v;
}

RegValue RegValue::qword(std::uint64_t n) {
  RegValue v;
  v.type = RegType::qword;
  v.number = n;
  return v;
}

RegValue RegValue::multi_sz(std::vector<std::string> list) {
  RegValue v;
  v.type = RegType::multi_sz;
  v.strings = std::move(list);
  return v;
}

RegValue RegValue::binary(std::vector<std::uint8_t> b) {
  RegValue v;
  v.type = RegType::binary;
  v.bytes = std::move(b);
  return v;
}

namespace {

// Decodes `raw` into `v` (whose type is set) where the type says how; returns whether `v` must
// also keep the bytes. Strings keep them when the text would not give them back exactly (a
// missing NUL, data after the terminator, an odd byte, an unpaired surrogate): comparisons
// must see the registry's real content. Decoded straight from the bytes: this is every value
// a hive or .reg file read gives.
bool decode_raw(RegValue& v, std::span<const std::uint8_t> raw) {
  const std::size_t units = raw.size() / 2;
  const bool even = raw.size() % 2 == 0;
  switch (v.type) {
    case RegType::sz:
    case RegType::expand_sz: {
      // The text is the string up to the first NUL (all of it when there is none).
      const std::size_t end = find_nul_unit(raw, 0);
      const bool exact = decode_units(raw, 0, end, v.text);
      return !(exact && even && end + 1 == units);
    }
    case RegType::multi_sz: {
      // Items end at NULs; a last item without its NUL still counts; the list's own end is an
      // empty item after the last, not an item.
      bool exact = even;
      std::size_t at = 0;
      while (at < units) {
        const std::size_t end = find_nul_unit(raw, at);
        std::string& item = v.strings.emplace_back();
        exact = decode_units(raw, at, end, item) && exact;
        at = end + 1;
      }
      // An empty last item was ended by the last unit (an unterminated one is never empty).
      const bool list_end = !v.strings.empty() && v.strings.back().empty();
      if (list_end) v.strings.pop_back();
      // What raw_bytes() would write: each item and its NUL, then one more NUL.
      return !(exact && list_end);
    }
    case RegType::dword:
      if (raw.size() != 4) return true;
      v.number = static_cast<std::uint64_t>(raw[0]) | static_cast<std::uint64_t>(raw[1]) << 8 |
                 static_cast<std::uint64_t>(raw[2]) << 16 |
                 static_cast<std::uint64_t>(raw[3]) << 24;
      return false;
    case RegType::qword:
      if (raw.size() != 8) return true;
      for (int i = 7; i >= 0; --i) v.number = v.number << 8 | raw[static_cast<std::size_t>(i)];
      return false;
    default:
      return true;
  }
}

}  // namespace

RegValue RegValue::from_raw(RegType type, std::vector<std::uint8_t> raw) {
  RegValue v;
  v.type = type;
  if (decode_raw(v, raw)) v.bytes = std::move(raw);
  return v;
}

RegValue RegValue::from_raw_view(RegType type, std::span<const std::uint8_t> raw) {
  RegValue v;
  v.type = type;
  if (decode_raw(v, raw)) v.bytes.assign(raw.begin(), raw.end());
  return v;
}

std::vector<std::uint8_t> RegValue::raw_bytes() const {
  switch (type) {
    case RegType::sz:
    case RegType::expand_sz: {
      if (!bytes.empty()) return bytes;
      std::vector<std::uint8_t> out;
      append_utf16le_z(out, text);
      return out;
    }
    case RegType::multi_sz: {
      if (!bytes.empty()) return bytes;
      // Room for all of it at once (a UTF-8 string has at least as many bytes as its UTF-16
      // has units): an ownership record's lists hold 2,000 paths each.
      std::size_t units = 1;
      for (const auto& item : strings) units += item.size() + 1;
      std::vector<std::uint8_t> out;
      out.reserve(2 * units);
      for (const auto& item : strings) append_utf16le_z(out, item);
      out.push_back(0);
      out.push_back(0);
      return out;
    }
    case RegType::dword:
      if (!bytes.empty()) return bytes;
      return {static_cast<std::uint8_t>(number), static_cast<std::uint8_t>(number >> 8),
              static_cast<std::uint8_t>(number >> 16), static_cast<std::uint8_t>(number >> 24)};
    case RegType::qword: {
      if (!bytes.empty()) return bytes;
      std::vector<std::uint8_t> out(8);
      for (std::size_t i = 0; i < 8; ++i) out[i] = static_cast<std::uint8_t>(number >> (8 * i));
      return out;
    }
    default:
      return bytes;
  }
}

namespace {

// The first '"' or '\\' in `s` at or after `from`, or s.size(): eight bytes a step where a
// word's bytes are in memory order (a report shows ownership records of 150,000 key paths, and
// a byte a step was two fifths of printing it).
std::size_t find_escaped(std::string_view s, std::size_t from) {
  if constexpr (std::endian::native == std::endian::little) {
    constexpr std::uint64_t ones = 0x0101010101010101;
    for (; from + 8 <= s.size(); from += 8) {
      const std::uint64_t word = text::load8(s.data() + from);
      const std::uint64_t quote = word ^ (ones * '"');
      const std::uint64_t backslash = word ^ (ones * '\\');
      // A zero byte's high bit (bytes above the first zero may be marked falsely: only the
      // lowest mark is used).
      const std::uint64_t zero =
          (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & (ones * 0x80);
      if (zero != 0) return from + static_cast<std::size_t>(std::countr_zero(zero)) / 8;
    }
  }
  while (from < s.size() && s[from] != '"' && s[from] != '\\') ++from;
  return from;
}

// A string as display() shows it: in quotes, quotes and backslashes escaped.
void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  // Runs between the characters to escape are appended whole: a plan's text is mostly paths.
  std::size_t run = 0;
  for (std::size_t i = find_escaped(s, 0); i < s.size(); i = find_escaped(s, i + 1)) {
    out.append(s.substr(run, i - run));
    out += '\\';
    run = i;  // the character itself starts the next run
  }
  out.append(s.substr(run));
  out += '"';
}

// Bytes as "01,ab,…", written into room made once: a report shows binary values of many
// kilobytes.
void append_hex_bytes(std::string& out, std::span<const std::uint8_t> bytes) {
  const std::size_t at = out.size();
  out.resize(at + 3 * bytes.size() - 1);
  char* p = out.data() + at;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) *p++ = ',';
    *p++ = text::hex_digits[bytes[i] >> 4];
    *p++ = text::hex_digits[bytes[i] & 15];
  }
}

}  // namespace

void RegValue::display(std::string& out) const {
  switch (type) {
    case RegType::sz:
    case RegType::expand_sz:
      append_quoted(out, text);
      return;
    case RegType::multi_sz:
      out += '[';
      for (std::size_t i = 0; i < strings.size(); ++i) {
        if (i != 0) out += ", ";
        append_quoted(out, strings[i]);
      }
      out += ']';
      return;
    case RegType::dword:
    case RegType::qword:
      if (bytes.empty()) {
        // 0x and the lowercase hex digits, no leading zeros.
        char buf[16];
        char* end = buf + sizeof buf;
        char* p = end;
        std::uint64_t n = number;
        do {
          *--p = text::hex_digits[n & 15];
          n >>= 4;
        } while (n != 0);
        out += "0x";
        out.append(p, end);
        return;
      }
      break;
    default:
      break;
  }
  if (bytes.empty()) {
    out += "(empty)";
    return;
  }
  append_hex_bytes(out, bytes);
}

std::string RegValue::display() const {
  std::string out;
  display(out);
  return out;
}

bool operator==(const RegValue& a, const RegValue& b) {
  if (a.type != b.type) return false;
  // Equal as the registry would store them. Without encoding both where the decoded forms
  // already tell (install, uninstall and verify compare a value per planned value): equal
  // strings encode equally, and different valid UTF-8 encodes differently; only invalid UTF-8
  // (made U+FFFD) and data kept as bytes are compared as bytes.
  const bool decoded = a.bytes.empty() && b.bytes.empty();
  switch (a.type) {
    case RegType::sz:
    case RegType::expand_sz:
      if (decoded) {
        if (a.text == b.text) return true;
        if (text::find_invalid_utf8(a.text) == std::string_view::npos &&
            text::find_invalid_utf8(b.text) == std::string_view::npos) {
          return false;
        }
      }
      break;
    case RegType::multi_sz:
      if (decoded && a.strings == b.strings) return true;
      break;
    case RegType::dword:
    case RegType::qword:
      if (decoded) {  // a DWORD stores the low 32 bits
        return a.type == RegType::qword
                   ? a.number == b.number
                   : static_cast<std::uint32_t>(a.number) == static_cast<std::uint32_t>(b.number);
      }
      break;
    default:
      return a.bytes == b.bytes;  // always kept as bytes
  }
  return a.raw_bytes() == b.raw_bytes();
}

}  // namespace comreg
