#include "comreg/core/registry_value.hpp"

#include <cstdio>

#include "core/utf.hpp"

namespace comreg {
namespace {

std::string utf16le_z(std::string_view utf8) {
  std::string s;
  text::append_utf16le(s, utf8);
  s.append(2, '\0');
  return s;
}

std::vector<std::uint8_t> to_vector(const std::string& s) {
  return {s.begin(), s.end()};
}

// Decodes NUL-terminated UTF-16LE strings packed in `raw` (MULTI_SZ or a single string).
std::vector<std::string> decode_strings(const std::vector<std::uint8_t>& raw) {
  std::vector<std::string> out;
  std::u16string current;
  for (std::size_t i = 0; i + 1 < raw.size(); i += 2) {
    const auto unit = static_cast<char16_t>(raw[i] | (raw[i + 1] << 8));
    if (unit == 0) {
      out.push_back(text::to_utf8(current));
      current.clear();
    } else {
      current.push_back(unit);
    }
  }
  if (!current.empty()) out.push_back(text::to_utf8(current));
  return out;
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

RegValue RegValue::from_raw(RegType type, std::vector<std::uint8_t> raw) {
  RegValue v;
  v.type = type;
  switch (type) {
    case RegType::sz:
    case RegType::expand_sz: {
      auto list = decode_strings(raw);
      v.text = list.empty() ? std::string() : list.front();
      // Keep the bytes when they are not exactly what the text would produce (a missing NUL,
      // data after the terminator): comparisons must see the registry's real content.
      if (to_vector(utf16le_z(v.text)) != raw) v.bytes = std::move(raw);
      return v;
    }
    case RegType::multi_sz: {
      v.strings = decode_strings(raw);
      // The list ends with an empty string (the double NUL); it is not an item.
      if (!v.strings.empty() && v.strings.back().empty()) v.strings.pop_back();
      if (v.raw_bytes() != raw) v.bytes = std::move(raw);
      return v;
    }
    case RegType::dword:
      if (raw.size() == 4) {
        v.number = static_cast<std::uint64_t>(raw[0]) | static_cast<std::uint64_t>(raw[1]) << 8 |
                   static_cast<std::uint64_t>(raw[2]) << 16 |
                   static_cast<std::uint64_t>(raw[3]) << 24;
        return v;
      }
      break;
    case RegType::qword:
      if (raw.size() == 8) {
        for (int i = 7; i >= 0; --i) v.number = v.number << 8 | raw[static_cast<std::size_t>(i)];
        return v;
      }
      break;
    default:
      break;
  }
  v.bytes = std::move(raw);
  return v;
}

std::vector<std::uint8_t> RegValue::raw_bytes() const {
  switch (type) {
    case RegType::sz:
    case RegType::expand_sz:
      if (!bytes.empty()) return bytes;
      return to_vector(utf16le_z(text));
    case RegType::multi_sz: {
      if (!bytes.empty()) return bytes;
      std::string s;
      for (const auto& item : strings) s += utf16le_z(item);
      s.append(2, '\0');
      return to_vector(s);
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

// A string as display() shows it: in quotes, quotes and backslashes escaped.
void append_quoted(std::string& out, const std::string& s) {
  out += '"';
  // Runs between the characters to escape are appended whole: a plan's text is mostly paths.
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '"' && s[i] != '\\') continue;
    out.append(s, run, i - run);
    out += '\\';
    run = i;  // the character itself starts the next run
  }
  out.append(s, run, std::string::npos);
  out += '"';
}

void append_hex_byte(std::string& out, std::uint8_t b) {
  static constexpr char digits[] = "0123456789abcdef";
  out += digits[b >> 4];
  out += digits[b & 15];
}

}  // namespace

void RegValue::display(std::string& out) const {
  if (type != RegType::sz && type != RegType::expand_sz) {
    out += display();
    return;
  }
  append_quoted(out, text);
}

std::string RegValue::display() const {
  char buf[32];
  switch (type) {
    case RegType::sz:
    case RegType::expand_sz: {
      std::string out;
      display(out);
      return out;
    }
    case RegType::multi_sz: {
      std::string out = "[";
      for (std::size_t i = 0; i < strings.size(); ++i) {
        if (i != 0) out += ", ";
        append_quoted(out, strings[i]);
      }
      return out + "]";
    }
    case RegType::dword:
    case RegType::qword:
      if (bytes.empty()) {
        // 0x and the lowercase hex digits, no leading zeros.
        char* end = buf + sizeof buf;
        char* p = end;
        std::uint64_t n = number;
        do {
          *--p = "0123456789abcdef"[n & 15];
          n >>= 4;
        } while (n != 0);
        *--p = 'x';
        *--p = '0';
        return std::string(p, end);
      }
      break;
    default:
      break;
  }
  if (bytes.empty()) return "(empty)";
  std::string out;
  out.reserve(3 * bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) out += ',';
    append_hex_byte(out, bytes[i]);
  }
  return out;
}

bool operator==(const RegValue& a, const RegValue& b) {
  return a.type == b.type && a.raw_bytes() == b.raw_bytes();
}

}  // namespace comreg
