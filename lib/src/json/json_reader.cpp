// A strict RFC 8259 reader that keeps positions. Recursion is bounded by ParseOptions::max_depth,
// so hostile nesting is refused, not a stack overflow.
#include <cstdio>

#include "json/json_value.hpp"
#include "text/utf.hpp"

namespace comreg::json {

const char* to_string(Kind k) {
  switch (k) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return "boolean";
    case Kind::number:
      return "number";
    case Kind::string:
      return "string";
    case Kind::array:
      return "array";
    case Kind::object:
      return "object";
  }
  return "value";
}

const Value* Value::find(std::string_view key) const {
  for (const auto& m : members) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

namespace {

class Reader {
 public:
  Reader(std::string_view text, std::vector<ParseError>& errors, const ParseOptions& options)
      : s_(text), errors_(errors), options_(options) {}

  bool document(Value& out) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    skip_space();
    if (!value(out, 0)) return false;
    skip_space();
    if (pos_ != s_.size()) return fail("unexpected " + describe_here() + " after the document");
    return true;
  }

 private:
  bool fail(std::string message, std::string hint = {}) {
    if (hint.empty()) {
      hint = pos_ >= s_.size()
                 ? "the file ends too early: is it truncated, or a bracket not closed?"
                 : "a description is JSON (RFC 8259): check the brackets, commas "
                   "and quotes here and just before";
    }
    errors_.push_back({static_cast<std::uint32_t>(pos_), std::move(message), std::move(hint)});
    return false;
  }

  std::string describe_here() const {
    if (pos_ >= s_.size()) return "end of file";
    const auto c = static_cast<unsigned char>(s_[pos_]);
    if (c < 0x20 || c >= 0x7F) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
      return buf;
    }
    return std::string("'") + static_cast<char>(c) + "'";
  }

  void skip_space() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) {
      return fail("expected a value, found " + describe_here(),
                  "values are strings in double quotes, numbers, true, false, null, [ ] or { }");
    }
    pos_ += word.size();
    return true;
  }

  bool value(Value& out, std::uint32_t depth) {
    out.offset = static_cast<std::uint32_t>(pos_);
    if (pos_ >= s_.size()) return fail("expected a value, found end of file");
    switch (s_[pos_]) {
      case '{':
        return object(out, depth + 1);
      case '[':
        return array(out, depth + 1);
      case '"':
        out.kind = Kind::string;
        return string(out.text);
      case 't':
        out.kind = Kind::boolean;
        out.boolean = true;
        return literal("true");
      case 'f':
        out.kind = Kind::boolean;
        out.boolean = false;
        return literal("false");
      case 'n':
        out.kind = Kind::null;
        return literal("null");
      default:
        break;
    }
    const char c = s_[pos_];
    if (c == '-' || (c >= '0' && c <= '9')) return number(out);
    if (c == '\'') return fail("expected a value, found \"'\"", "JSON strings use double quotes");
    return fail("expected a value, found " + describe_here(),
                "values are strings in double quotes, numbers, true, false, null, [ ] or { }");
  }

  bool too_deep() {
    return fail("nesting deeper than " + std::to_string(options_.max_depth) + " levels",
                "a description needs only a few levels; this input is not a description");
  }

  bool object(Value& out, std::uint32_t depth) {
    if (depth > options_.max_depth) return too_deep();
    out.kind = Kind::object;
    ++pos_;
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    for (;;) {
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != '"') {
        return fail("expected a member name in double quotes, found " + describe_here(),
                    pos_ < s_.size() && s_[pos_] == '}' ? "remove the trailing comma" : "");
      }
      Member m;
      m.key_offset = static_cast<std::uint32_t>(pos_);
      if (!string(m.key)) return false;
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != ':') {
        return fail("expected ':' after the member name, found " + describe_here());
      }
      ++pos_;
      skip_space();
      if (!value(m.value, depth)) return false;
      out.members.push_back(std::move(m));
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        break;
      }
      return fail("expected ',' or '}' after an object member, found " + describe_here(),
                  pos_ >= s_.size() ? "" : "separate members with ',' and end the object with '}'");
    }
    // Duplicate keys: nlohmann would keep the last silently; a description must not be
    // ambiguous, so report the second occurrence and keep the first.
    std::vector<Member> unique;
    unique.reserve(out.members.size());
    for (auto& m : out.members) {
      bool duplicate = false;
      for (const auto& u : unique) duplicate = duplicate || u.key == m.key;
      if (duplicate) {
        errors_.push_back({m.key_offset, "duplicate member '" + m.key + "'",
                           "remove one of them: JSON readers disagree on which one wins"});
      } else {
        unique.push_back(std::move(m));
      }
    }
    out.members = std::move(unique);
    return true;
  }

  bool array(Value& out, std::uint32_t depth) {
    if (depth > options_.max_depth) return too_deep();
    out.kind = Kind::array;
    ++pos_;
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    for (;;) {
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == ']') {
        return fail("expected a value, found ']'", "remove the trailing comma");
      }
      out.items.emplace_back();
      if (!value(out.items.back(), depth)) return false;
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or ']' after an array element, found " + describe_here(),
                  pos_ >= s_.size() ? "" : "separate elements with ',' and end the array with ']'");
    }
  }

  bool number(Value& out) {
    out.kind = Kind::number;
    const std::size_t start = pos_;
    auto digits = [&] {
      const std::size_t d = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ - d;
    };
    if (s_[pos_] == '-') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
      if (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
        return fail("numbers must not have leading zeros");
      }
    } else if (digits() == 0) {
      return fail("expected digits in a number, found " + describe_here());
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return fail("expected digits after '.', found " + describe_here());
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (digits() == 0) return fail("expected digits in the exponent, found " + describe_here());
    }
    out.text.assign(s_.substr(start, pos_ - start));
    return true;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool hex4(std::uint32_t& unit) {
    unit = 0;
    for (int i = 0; i < 4; ++i) {
      if (pos_ >= s_.size() || hex(s_[pos_]) < 0) {
        return fail("expected four hex digits after \\u, found " + describe_here());
      }
      unit = unit * 16 + static_cast<std::uint32_t>(hex(s_[pos_++]));
    }
    return true;
  }

  bool string(std::string& out) {
    ++pos_;  // opening quote
    for (;;) {
      // Copy the run of plain characters in one go: strings are most of a description.
      const std::size_t run = pos_;
      while (pos_ < s_.size()) {
        const auto c = static_cast<unsigned char>(s_[pos_]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++pos_;
      }
      out.append(s_.data() + run, pos_ - run);
      if (pos_ >= s_.size()) return fail("unterminated string: expected '\"', found end of file");
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) {
        return fail("control character in a string (byte 0x" + hex2(c) + ")",
                    "write it escaped (\\n, \\t, \\u00XX); comreg then reports whether it is "
                    "allowed where it is used");
      }
      if (c >= 0x80) {
        const std::size_t bad = text::find_invalid_utf8(s_.substr(pos_, 4));
        if (bad == 0) return fail("invalid UTF-8 byte 0x" + hex2(c), "save the file as UTF-8");
        std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        if (bad != std::string_view::npos && bad < len) {
          return fail("invalid UTF-8 byte 0x" + hex2(c), "save the file as UTF-8");
        }
        out.append(s_.data() + pos_, len);
        pos_ += len;
        continue;
      }
      // Escape sequence.
      ++pos_;
      if (pos_ >= s_.size()) return fail("unterminated string: expected '\"', found end of file");
      const char e = s_[pos_++];
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          std::uint32_t unit = 0;
          if (!hex4(unit)) return false;
          if (unit >= 0xDC00 && unit <= 0xDFFF)
            return fail("unpaired UTF-16 surrogate in \\u escape");
          if (unit >= 0xD800 && unit <= 0xDBFF) {
            std::uint32_t low = 0;
            if (s_.substr(pos_, 2) != "\\u") return fail("unpaired UTF-16 surrogate in \\u escape");
            pos_ += 2;
            if (!hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF)
              return fail("unpaired UTF-16 surrogate in \\u escape");
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          }
          text::append_utf8(out, unit);
          break;
        }
        default:
          pos_ -= 2;  // point at the backslash
          return fail("invalid escape '\\" + std::string(1, e) + "' in a string",
                      "a backslash in a JSON string is written \\\\ (Windows paths: C:\\\\dir)");
      }
    }
  }

  static std::string hex2(unsigned c) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02X", c & 0xFFu);
    return buf;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::vector<ParseError>& errors_;
  const ParseOptions& options_;
};

}  // namespace

bool parse(std::string_view text, Value& out, std::vector<ParseError>& errors,
           const ParseOptions& options) {
  Reader reader(text, errors, options);
  return reader.document(out);
}

}  // namespace comreg::json
