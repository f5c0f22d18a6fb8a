// The grammar follows Wine's importer (programs/regedit/regproc.c), as summarised in
// docs/verify.md; where Wine drops a line silently, this parser reports it.
#include "readers/reg_parser.hpp"

#include <algorithm>

#include "core/utf.hpp"
#include "readers/reg_text.hpp"

namespace comreg::regfile {
namespace {

bool blank(char c) {
  return c == ' ' || c == '\t';
}

std::size_t skip_blanks(std::string_view s, std::size_t at) {
  while (at < s.size() && blank(s[at])) ++at;
  return at;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Column (1-based, in characters) of byte `at` of a UTF-8 line.
std::uint32_t column_of(std::string_view text, std::size_t at) {
  std::uint32_t col = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

// 8-bit string bytes (REGEDIT4 hex(1)/(2)/(7) data) as UTF-16LE, in the file's code page.
std::vector<std::uint8_t> widen(const std::vector<std::uint8_t>& bytes, const RegText& text) {
  const std::string_view raw(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  std::string wide;
  text::append_utf16le(wide, text.decode_8bit(raw));
  return {wide.begin(), wide.end()};
}

}  // namespace

RegParser::RegParser(const RegText& text, const KeyFilter& filter, const Aliases& aliases,
                     bool eight_bit_strings, Diagnostics& diagnostics, MemoryBackend* direct)
    : text_(text),
      direct_(direct),
      filter_(filter),
      aliases_(aliases),
      eight_bit_strings_(eight_bit_strings),
      diagnostics_(diagnostics) {}

void RegParser::emit(RegistryOp::Kind kind, std::string_view key, std::string name,
                     RegValue value) {
  if (direct_ == nullptr) {
    ops_.push_back({kind, std::string(key), std::move(name), std::move(value), {}, {}});
    return;
  }
  // The parser has checked everything a MemoryBackend could refuse (key names of at most 255
  // characters, every value after its key), so this cannot fail. Called as the backend's own
  // operations, not through a RegistryOp: no copy of the key for every value of a large read.
  switch (kind) {
    case RegistryOp::Kind::create_key:
      (void)direct_->create_key(key);
      break;
    case RegistryOp::Kind::set_value:
      (void)direct_->set_value(key, name, std::move(value));
      break;
    case RegistryOp::Kind::delete_value:
      (void)direct_->delete_value(key, name);
      break;
    case RegistryOp::Kind::delete_tree:
      (void)direct_->delete_tree(key);
      break;
  }
}

void RegParser::error(std::string message, std::string_view text, std::size_t at,
                      const LineContext& where, std::string hint) {
  diagnostics_.error("reg-syntax", std::move(message),
                     {std::string(where.file), where.line(), column_of(text, at), {}},
                     std::move(hint));
}

bool RegParser::rest_is_blank(std::string_view text, std::size_t at, const LineContext& where) {
  at = skip_blanks(text, at);
  if (at == text.size() || text[at] == ';') return true;
  error("unexpected '" + std::string(text.substr(at, 1)) +
            "' after the value: expected the end of the line or a ';' comment",
        text, at, where);
  return false;
}

bool RegParser::line(std::string_view text, const LineContext& where) {
  std::size_t at = skip_blanks(text, 0);
  if (pending_) {
    if (at == text.size() || text[at] == ';') return true;  // blank and comment lines continue
    bool continues = false;
    if (!hex_bytes(text, at, pending_->bytes, continues, where)) {
      pending_.reset();
      return true;
    }
    if (!continues) {
      finish_hex(*pending_);
      pending_.reset();
    }
    return true;
  }
  if (at == text.size() || text[at] == ';') return true;
  if (text[at] == '[') return key_line(text, at, where);
  if (text[at] == '@' || text[at] == '"') {
    value_line(text, at, where);
    return true;
  }
  error("unexpected '" + std::string(text.substr(at, 1)) +
            "': expected a [key], a value (\"name\"= or @=) or a ';' comment",
        text, at, where);
  return true;
}

bool RegParser::key_line(std::string_view text, std::size_t at, const LineContext& where) {
  const std::size_t close = text.rfind(']');
  const bool remove = at + 1 < text.size() && text[at + 1] == '-';
  const std::size_t name_at = at + (remove ? 2 : 1);
  section_ = Section::none;
  if (close == std::string_view::npos || close < name_at) {
    error("expected ']' closing the key name", text, text.size(), where);
    return true;
  }
  if (name_at < text.size() && blank(text[name_at])) {
    error("a key name must not start with a blank", text, name_at, where,
          "write the root key right after the bracket: [HKEY_CLASSES_ROOT\\...]");
    return true;
  }
  if (!rest_is_blank(text, close + 1, where)) return true;
  return enter_key(text.substr(name_at, close - name_at), remove, text, name_at, where);
}

bool RegParser::enter_key(std::string_view name, bool remove, std::string_view text,
                          std::size_t name_at, const LineContext& where) {
  section_ = Section::none;
  bool aliased = false;
  auto key = canonical_key(name, aliases_, aliased);
  if (!key) {
    error("unknown root key '" + std::string(name.substr(0, name.find('\\'))) +
              "': expected HKEY_CLASSES_ROOT, HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE, "
              "HKEY_USERS, HKEY_CURRENT_CONFIG or their abbreviations HKCR, HKCU, HKLM, HKU, "
              "HKCC",
          text, name_at, where);
    return true;
  }
  // The registry's own limits (RegCreateKeyEx refuses more); a deeper key would also make
  // the backend's tree deeper than any stack should recurse.
  std::size_t depth = 0;
  for (std::size_t start = 0; start < key->size(); ++depth) {
    const std::size_t sep = std::min(key->find('\\', start), key->size());
    if (sep - start > 255) {
      error("a key name part is longer than 255 characters, the registry's limit", text,
            name_at + (start > key->size() - name.size() ? start - (key->size() - name.size()) : 0),
            where);
      return true;
    }
    start = sep + 1;
  }
  if (depth > 512) {
    error("the key is " + std::to_string(depth) + " levels deep; the registry allows 512", text,
          name_at, where);
    return true;
  }
  if (remove) {
    if (key->find('\\') == std::string::npos) {
      error("cannot delete the root key " + *key, text, name_at, where);
      return true;
    }
    if (filter_.deletion_applies(*key)) {
      emit(RegistryOp::Kind::delete_tree, *key, {}, {});
    }
    section_ = Section::deleted;
    return true;
  }
  if (!filter_.keeps(*key)) return false;
  section_ = Section::kept;
  // Counted for reports that name keys as the file does (an export of HKEY_CLASSES_ROOT).
  if (aliased) ++keys_aliased_;
  key_ = std::move(*key);
  ++keys_kept_;
  emit(RegistryOp::Kind::create_key, key_, {}, {});
  return true;
}

void RegParser::win31_line(std::string_view text, const LineContext& where) {
  if (skip_blanks(text, 0) == text.size()) return;
  constexpr std::string_view root = "HKEY_CLASSES_ROOT";
  std::size_t key_end = 0;
  while (key_end < text.size() && !blank(text[key_end])) ++key_end;
  const std::string_view name = text.substr(0, key_end);
  if (!is_at_or_below(name, root)) {
    error(
        "expected a line 'HKEY_CLASSES_ROOT\\key = value': a Windows 3.1 REGEDIT file has "
        "only these",
        text, 0, where,
        "the key name starts the line; Windows 3.1's registry had only HKEY_CLASSES_ROOT");
    return;
  }
  if (name.size() == root.size()) {
    error("expected a key below HKEY_CLASSES_ROOT: the root's own value cannot be set", text,
          key_end, where);
    return;
  }
  // Then blanks, '=' and at most one blank: the rest of the line, as it is, is the value.
  std::size_t at = skip_blanks(text, key_end);
  if (at < text.size() && text[at] != '=') {
    error("expected '=' after the key name (a key name has no blanks in this format)", text, at,
          where);
    return;
  }
  if (at < text.size()) ++at;
  if (at < text.size() && text[at] == ' ') ++at;
  if (!enter_key(name, false, text, 0, where) || section_ != Section::kept) return;
  emit(RegistryOp::Kind::set_value, key_, {}, RegValue::sz(std::string(text.substr(at))));
}

bool RegParser::quoted(std::string_view text, std::size_t& at, std::string& out,
                       const LineContext& where) {
  for (; at < text.size(); ++at) {
    // A run of plain characters in one append: values are mostly paths and names.
    std::size_t plain = at;
    while (plain < text.size() && text[plain] != '"' && text[plain] != '\\' &&
           text[plain] != '\0') {
      ++plain;
    }
    out.append(text.substr(at, plain - at));
    at = plain;
    if (at == text.size()) break;
    const char c = text[at];
    if (c == '"') {
      ++at;
      return true;
    }
    if (c == '\0') {
      // A raw NUL would end the string early for every reader of the value: refuse it as
      // the escaped form is refused.
      error("a NUL character cannot appear in a .reg string", text, at, where,
            "write the value as hex(1): or hex(7): bytes instead");
      return false;
    }
    if (++at == text.size()) break;  // c is the backslash of an escape
    switch (text[at]) {
      case '\\':
      case '"':
        out.push_back(text[at]);
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case '0':
        error("'\\0' cannot appear in a .reg string (regedit rejects the line)", text, at - 1,
              where, "write the value as hex(1): or hex(7): bytes instead");
        return false;
      default:
        // regedit warns and keeps the character.
        diagnostics_.warning("reg-escape",
                             "unknown escape '\\" + std::string(text.substr(at, 1)) +
                                 "' read as '" + std::string(text.substr(at, 1)) + "'",
                             {std::string(where.file), where.line(), column_of(text, at - 1), {}},
                             "write a backslash as \\\\");
        out.push_back(text[at]);
    }
  }
  error("expected '\"' closing the string", text, text.size(), where);
  return false;
}

void RegParser::value_line(std::string_view text, std::size_t at, const LineContext& where) {
  const std::size_t start = at;
  std::string name;
  if (text[at] == '@') {
    ++at;
  } else {
    ++at;
    if (!quoted(text, at, name, where)) return;
  }
  at = skip_blanks(text, at);
  if (at == text.size() || text[at] != '=') {
    error("expected '=' after the value name", text, at, where);
    return;
  }
  if (section_ == Section::none) {
    error("value outside a key: expected a [key] line before it", text, start, where);
    return;
  }
  data(std::move(name), text, skip_blanks(text, at + 1), where);
}

void RegParser::data(std::string name, std::string_view text, std::size_t at,
                     const LineContext& where) {
  const std::string_view rest = text.substr(at);
  const bool apply = section_ == Section::kept;
  if (rest.substr(0, 1) == "-") {
    if (rest_is_blank(text, at + 1, where) && apply)
      emit(RegistryOp::Kind::delete_value, key_, std::move(name), {});
    return;
  }
  if (rest.substr(0, 1) == "\"") {
    std::string value;
    ++at;
    if (!quoted(text, at, value, where) || !rest_is_blank(text, at, where)) return;
    if (apply) emit(RegistryOp::Kind::set_value, key_, std::move(name), RegValue::sz(value));
    return;
  }
  if (rest.substr(0, 6) == "dword:") {
    std::size_t p = skip_blanks(text, at + 6);
    std::uint32_t number = 0;
    int digits = 0;
    for (; p < text.size() && hex_digit(text[p]) >= 0; ++p, ++digits) {
      number = number << 4 | static_cast<std::uint32_t>(hex_digit(text[p]));
    }
    if (digits == 0 || digits > 8) {
      error("expected 1 to 8 hex digits after 'dword:'", text, digits == 0 ? p : at + 6, where,
            "write a DWORD as dword:0000002a, a larger number as hex(b): bytes");
      return;
    }
    if (!rest_is_blank(text, p, where)) return;
    if (apply) emit(RegistryOp::Kind::set_value, key_, std::move(name), RegValue::dword(number));
    return;
  }
  if (rest.substr(0, 3) == "hex") {
    std::size_t p = at + 3;
    auto type = RegType::binary;
    if (p < text.size() && text[p] == '(') {
      std::uint64_t n = 0;
      int digits = 0;
      for (++p; p < text.size() && hex_digit(text[p]) >= 0; ++p, ++digits) {
        n = n << 4 | static_cast<std::uint64_t>(hex_digit(text[p]));
      }
      if (digits == 0 || digits > 8 || p == text.size() || text[p] != ')') {
        error("expected a hex type number and ')' after 'hex(' (as in hex(2):)", text, p, where);
        return;
      }
      type = static_cast<RegType>(n);
      ++p;
    }
    if (p == text.size() || text[p] != ':') {
      error("expected ':' after '" + std::string(text.substr(at, p - at)) + "'", text, p, where);
      return;
    }
    PendingHex pending{std::move(name), type, {}, apply};
    bool continues = false;
    if (!hex_bytes(text, p + 1, pending.bytes, continues, where)) return;
    if (continues) {
      pending_ = std::move(pending);
    } else {
      finish_hex(pending);
    }
    return;
  }
  error("expected a value after '=': \"string\", dword:, hex:, hex(N): or - (delete)", text, at,
        where);
}

bool RegParser::hex_bytes(std::string_view text, std::size_t at, std::vector<std::uint8_t>& bytes,
                          bool& continues, const LineContext& where) {
  continues = false;
  bool need_byte = false;  // after a comma
  for (;;) {
    at = skip_blanks(text, at);
    if (at == text.size() || text[at] == ';') return true;
    if (text[at] == '\\') {
      continues = true;
      if (!rest_is_blank(text, at + 1, where)) return false;
      return true;
    }
    const int hi = hex_digit(text[at]);
    if (hi < 0) {
      error("expected a hex byte (00 to ff)" + std::string(need_byte ? "" : " or ','"), text, at,
            where);
      return false;
    }
    int value = hi;
    ++at;
    if (at < text.size() && hex_digit(text[at]) >= 0) value = value * 16 + hex_digit(text[at++]);
    if (at < text.size() && hex_digit(text[at]) >= 0) {
      error("a hex byte has at most 2 digits: expected ','", text, at, where);
      return false;
    }
    bytes.push_back(static_cast<std::uint8_t>(value));
    at = skip_blanks(text, at);
    need_byte = false;
    if (at < text.size() && text[at] == ',') {
      ++at;
      need_byte = true;
    } else if (at < text.size() && text[at] != '\\' && text[at] != ';') {
      error("expected ',' between hex bytes", text, at, where);
      return false;
    }
  }
}

void RegParser::finish_hex(PendingHex& pending) {
  if (!pending.apply) return;
  std::vector<std::uint8_t> raw = std::move(pending.bytes);
  const bool is_string = pending.type == RegType::sz || pending.type == RegType::expand_sz ||
                         pending.type == RegType::multi_sz;
  if (is_string) {
    if (eight_bit_strings_) {
      if (!raw.empty() && raw.back() == 0) raw.pop_back();
      raw = widen(raw, text_);
      raw.push_back(0);
      raw.push_back(0);
    } else if (raw.size() < 2 || raw[raw.size() - 1] != 0 || raw[raw.size() - 2] != 0 ||
               raw.size() % 2 != 0) {
      if (raw.size() % 2 != 0) raw.push_back(0);
      raw.push_back(0);
      raw.push_back(0);
    }
  }
  emit(RegistryOp::Kind::set_value, key_, std::move(pending.name),
       RegValue::from_raw(pending.type, std::move(raw)));
}

void RegParser::finish() {
  if (pending_) {
    finish_hex(*pending_);
    pending_.reset();
  }
}

}  // namespace comreg::regfile
