// A strict RFC 8259 reader that keeps positions. It never recurses: open arrays and objects
// live on an explicit stack, so hostile nesting is refused at ParseOptions::max_depth (or
// costs heap, never the call stack). Completed children are gathered on a scratch stack and
// moved next to each other when their container closes, which keeps the Document flat.
#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <unordered_set>

#include "core/ascii.hpp"
#include "core/folded_ids.hpp"
#include "core/utf.hpp"
#include "description/json_value.hpp"

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

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer.push_back('/');
  for (char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer.push_back(c);
    }
  }
}

// ---- Document ------------------------------------------------------------------------------

std::string Document::pointer_at(std::uint32_t offset) const {
  std::string pointer;
  if (nodes_.empty()) return pointer;
  std::uint32_t at = root_;
  // Children are stored in source order, so each level is a binary search by offset.
  for (;;) {
    const Node& n = nodes_[at];
    if (n.offset == offset) return pointer;
    if ((n.kind != Kind::array && n.kind != Kind::object) || n.count == 0) return pointer;
    const std::uint32_t children = n.kind == Kind::object ? 2 * n.count : n.count;
    const auto begin = nodes_.begin() + n.first;
    const auto it = std::upper_bound(begin, begin + children, offset,
                                     [](std::uint32_t o, const Node& c) { return o < c.offset; });
    if (it == begin) return pointer;
    auto child = static_cast<std::uint32_t>(it - begin) - 1;
    if (n.kind == Kind::object) {
      const std::uint32_t member = child / 2;
      append_pointer_token(pointer, View(this, n.first + 2 * member).text());
      if (child % 2 == 0) return pointer;  // the key itself
    } else {
      pointer += '/';
      pointer += std::to_string(child);
    }
    at = n.first + child;
  }
}

// ---- the parser ----------------------------------------------------------------------------

namespace {

constexpr const char* syntax = "json-syntax";
constexpr const char* default_hint =
    "a description is JSON (RFC 8259): check the brackets, commas and quotes here and just "
    "before";
constexpr const char* eof_hint =
    "the file ends too early: is it truncated, or a bracket not closed?";
constexpr const char* utf8_hint = "save the file as UTF-8";

std::string hex2(unsigned c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02X", c & 0xFFu);
  return buf;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of the valid UTF-8 sequence at the start of `s` (whose first byte is >= 0x80), or 0.
std::size_t utf8_sequence(std::string_view s) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(0);
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // UTF-16 surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (s.size() < len) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (std::size_t i = 2; i < len; ++i) {
    if ((b(i) & 0xC0) != 0x80) return 0;
  }
  return len;
}

// Bytes a string can hold as they are: printable ASCII but '"' and '\\'.
constexpr auto plain = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x80; ++c) table[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return table;
}();

class Parser {
 public:
  Parser(std::string_view text, std::string& decoded, std::vector<Node>& nodes,
         std::vector<ParseError>& errors, const ParseOptions& options)
      : s_(text), decoded_(decoded), nodes_(nodes), errors_(errors), options_(options) {}

  // Returns the root's index in nodes_, or -1.
  std::int64_t run() {
    if (s_.size() > std::numeric_limits<std::uint32_t>::max()) {
      return fail("the file is larger than 4 GiB", "this is not a description"), -1;
    }
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    skip_space();
    if (!begin_value()) return -1;
    while (!stack_.empty()) {
      if (!step()) return -1;
    }
    skip_space();
    if (pos_ != s_.size()) return unexpected("unexpected ", " after the document"), -1;
    nodes_.push_back(scratch_.back());
    return static_cast<std::int64_t>(nodes_.size() - 1);
  }

 private:
  enum class State : std::uint8_t { open, after_value, after_comma };
  struct Frame {
    bool object;
    State state;
    std::uint32_t offset;  // of the opening bracket
    std::size_t start;     // first child in scratch_
  };

  // One move inside the innermost open container.
  bool step() {
    Frame& f = stack_.back();
    skip_space();
    const char close = f.object ? '}' : ']';
    const bool at_end = pos_ >= s_.size();
    if (f.state == State::after_value) {
      if (!at_end && s_[pos_] == ',') {
        ++pos_;
        f.state = State::after_comma;
        return true;
      }
      if (!at_end && s_[pos_] == close) return close_container();
      const char* what = f.object ? "expected ',' or '}' after an object member, found "
                                  : "expected ',' or ']' after an array element, found ";
      const char* hint = at_end     ? eof_hint
                         : f.object ? "separate members with ',' and end the object with '}'"
                                    : "separate elements with ',' and end the array with ']'";
      return unexpected(what, "", hint);
    }
    if (f.state == State::open && !at_end && s_[pos_] == close) return close_container();
    if (f.object) {
      if (at_end || s_[pos_] != '"') {
        const bool trailing = !at_end && s_[pos_] == '}';
        return unexpected("expected a member name in double quotes, found ", "",
                          trailing ? "remove the trailing comma" : nullptr);
      }
      Node key;
      key.kind = Kind::string;
      key.offset = static_cast<std::uint32_t>(pos_);
      if (!string(key)) return false;
      scratch_.push_back(key);
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != ':') {
        return unexpected("expected ':' after the member name, found ");
      }
      ++pos_;
      skip_space();
    } else if (f.state == State::after_comma && !at_end && s_[pos_] == ']') {
      return fail("expected a value, found ']'", "remove the trailing comma");
    }
    f.state = State::after_value;  // before begin_value(), which may push (and move `f`)
    return begin_value();
  }

  bool begin_value() {
    if (pos_ >= s_.size()) return fail("expected a value, found end of file");
    const char c = s_[pos_];
    if (c == '{' || c == '[') {
      if (stack_.size() >= options_.max_depth) {
        return fail("nesting deeper than " + std::to_string(options_.max_depth) + " levels",
                    "a description needs only a few levels; this input is not a description",
                    "too-deep");
      }
      stack_.push_back({c == '{', State::open, static_cast<std::uint32_t>(pos_), scratch_.size()});
      ++pos_;
      return true;
    }
    Node n;
    n.offset = static_cast<std::uint32_t>(pos_);
    in_scalar_ = true;
    bool ok = false;
    if (c == '"') {
      n.kind = Kind::string;
      ok = string(n);
    } else if (c == 't' || c == 'f' || c == 'n') {
      ok = literal(n);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      ok = number(n);
    } else if (c == '\'') {
      ok = fail("expected a value, found \"'\"", "JSON strings use double quotes");
    } else {
      ok = unexpected("expected a value, found ", "",
                      "values are strings in double quotes, numbers, true, false, null, [ ] or "
                      "{ }");
    }
    in_scalar_ = false;
    if (ok) scratch_.push_back(n);
    return ok;
  }

  bool close_container() {
    const Frame f = stack_.back();
    ++pos_;
    Node n;
    n.kind = f.object ? Kind::object : Kind::array;
    n.offset = f.offset;
    n.first = static_cast<std::uint32_t>(nodes_.size());
    const std::size_t children = scratch_.size() - f.start;
    if (f.object) {
      n.count = static_cast<std::uint32_t>(keep_unique_members(f.start, children / 2));
    } else {
      nodes_.insert(nodes_.end(), scratch_.begin() + static_cast<std::ptrdiff_t>(f.start),
                    scratch_.end());
      n.count = static_cast<std::uint32_t>(children);
    }
    scratch_.resize(f.start);
    stack_.pop_back();
    scratch_.push_back(n);
    return true;
  }

  std::string_view text_of(const Node& n) const {
    const std::string_view base = n.in_decoded ? std::string_view(decoded_) : s_;
    return base.substr(n.first, n.count);
  }

  // Moves the members of the closing object to nodes_, dropping repeated keys: JSON readers
  // disagree on which one wins, so the description must not be ambiguous. The first is kept.
  std::size_t keep_unique_members(std::size_t start, std::size_t members) {
    // Hashed under the process's seed (FoldedHash): a description can be any file, and with
    // std::hash an object's member names can be chosen to share a bucket.
    std::unordered_set<std::string_view, FoldedHash, std::equal_to<>> seen;
    const bool hashed = members > 16;  // small objects: comparing is cheaper than hashing
    if (hashed) seen.reserve(members);
    std::size_t kept = 0;
    for (std::size_t m = 0; m < members; ++m) {
      const Node& key = scratch_[start + 2 * m];
      const std::string_view name = text_of(key);
      bool duplicate = false;
      if (hashed) {
        duplicate = !seen.insert(name).second;
      } else {
        for (std::size_t k = 0; k < m && !duplicate; ++k) {
          duplicate = text_of(scratch_[start + 2 * k]) == name;
        }
      }
      if (duplicate) {
        std::string pointer = current_pointer();
        append_pointer_token(pointer, name);
        errors_.push_back({key.offset, "duplicate member '" + std::string(name) + "'",
                           "remove one of them: JSON readers disagree on which one wins",
                           "duplicate-key", std::move(pointer)});
        continue;
      }
      nodes_.push_back(key);
      nodes_.push_back(scratch_[start + 2 * m + 1]);
      ++kept;
    }
    return kept;
  }

  // The pointer of the value being read: the open containers, and the member or element
  // being read in the innermost one.
  std::string current_pointer() const {
    std::string pointer;
    for (std::size_t i = 0; i < stack_.size(); ++i) {
      const Frame& f = stack_[i];
      const bool innermost = i + 1 == stack_.size();
      const std::size_t end = innermost ? scratch_.size() : stack_[i + 1].start;
      const std::size_t children = end - f.start;
      if (f.object) {
        // Odd: a key was read and its value is being read.
        if (children % 2 == 1) append_pointer_token(pointer, text_of(scratch_[end - 1]));
      } else if (!innermost || in_scalar_) {
        pointer += '/';
        pointer += std::to_string(children);
      }
    }
    return pointer;
  }

  bool fail(std::string message, const char* hint = nullptr, const char* code = syntax) {
    if (hint == nullptr) hint = pos_ >= s_.size() ? eof_hint : default_hint;
    errors_.push_back(
        {static_cast<std::uint32_t>(pos_), std::move(message), hint, code, current_pointer()});
    return false;
  }

  // "<before><what is here><after>", where an invalid UTF-8 byte is reported as such.
  bool unexpected(const char* before, const char* after = "", const char* hint = nullptr) {
    if (pos_ >= s_.size()) return fail(std::string(before) + "end of file" + after, hint);
    const auto c = static_cast<unsigned char>(s_[pos_]);
    if (c >= 0x80) {
      const std::size_t len = utf8_sequence(s_.substr(pos_));
      if (len == 0) return fail("invalid UTF-8 byte 0x" + hex2(c), utf8_hint, "invalid-utf8");
      return fail(std::string(before) + "'" + std::string(s_.substr(pos_, len)) + "'" + after,
                  hint);
    }
    if (c < 0x20 || c == 0x7F) return fail(std::string(before) + "byte 0x" + hex2(c) + after, hint);
    return fail(std::string(before) + "'" + static_cast<char>(c) + "'" + after, hint);
  }

  void skip_space() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
      ++pos_;
    }
  }

  bool literal(Node& n) {
    for (const std::string_view word : {"true", "false", "null"}) {
      if (s_.substr(pos_, word.size()) == word) {
        n.kind = word == "null" ? Kind::null : Kind::boolean;
        n.boolean = word == "true";
        pos_ += word.size();
        return true;
      }
    }
    return unexpected("expected a value, found ", "",
                      "values are strings in double quotes, numbers, true, false, null, [ ] or "
                      "{ }");
  }

  bool number(Node& n) {
    n.kind = Kind::number;
    const std::size_t start = pos_;
    const auto digits = [&] {
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
      return unexpected("expected digits in a number, found ");
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return unexpected("expected digits after '.', found ");
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (digits() == 0) return unexpected("expected digits in the exponent, found ");
    }
    n.first = static_cast<std::uint32_t>(start);
    n.count = static_cast<std::uint32_t>(pos_ - start);
    return true;
  }

  bool hex4(std::uint32_t& unit) {
    unit = 0;
    for (int i = 0; i < 4; ++i) {
      const int d = pos_ < s_.size() ? hex_digit(s_[pos_]) : -1;
      if (d < 0) return unexpected("expected four hex digits after \\u, found ");
      unit = unit * 16 + static_cast<std::uint32_t>(d);
      ++pos_;
    }
    return true;
  }

  // Reads a string into `n`: a slice of the source when it has no escapes (the usual case),
  // else decoded into decoded_.
  bool string(Node& n) {
    ++pos_;  // opening quote
    const std::size_t start = pos_;
    bool decoding = false;
    std::size_t decoded_start = 0;
    for (;;) {
      // Plain characters in one go: strings are most of a description.
      const std::size_t run = pos_;
      // Eight at a time while none is a quote, a backslash, a control or a non-ASCII byte.
      while (pos_ + 8 <= s_.size()) {
        const std::uint64_t x = text::load8(s_.data() + pos_);
        if (text::has_high_byte(x) || text::has_byte_below(x, 0x20) || text::has_byte(x, '"') ||
            text::has_byte(x, '\\')) {
          break;
        }
        pos_ += 8;
      }
      while (pos_ < s_.size() && plain[static_cast<unsigned char>(s_[pos_])]) ++pos_;
      if (decoding) decoded_.append(s_.data() + run, pos_ - run);
      if (pos_ >= s_.size()) {
        return fail("unterminated string: expected '\"', found end of file");
      }
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        n.in_decoded = decoding;
        n.first = static_cast<std::uint32_t>(decoding ? decoded_start : start);
        n.count = static_cast<std::uint32_t>(decoding ? decoded_.size() - decoded_start
                                                      : pos_ - 1 - start);
        return true;
      }
      if (c < 0x20) {
        return fail("control character in a string (byte 0x" + hex2(c) + ")",
                    "write it escaped (\\n, \\t, \\u00XX); comreg then reports whether it is "
                    "allowed where it is used");
      }
      if (c >= 0x80) {
        const std::size_t len = utf8_sequence(s_.substr(pos_));
        if (len == 0) return fail("invalid UTF-8 byte 0x" + hex2(c), utf8_hint, "invalid-utf8");
        if (decoding) decoded_.append(s_.data() + pos_, len);
        pos_ += len;
        continue;
      }
      // An escape: from here on the string is decoded.
      if (!decoding) {
        decoding = true;
        decoded_start = decoded_.size();
        decoded_.append(s_.data() + start, pos_ - start);
      }
      if (!escape()) return false;
    }
  }

  bool escape() {
    const std::size_t backslash = pos_;
    ++pos_;
    if (pos_ >= s_.size()) return fail("unterminated string: expected '\"', found end of file");
    const char e = s_[pos_++];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        decoded_.push_back(e);
        return true;
      case 'b':
        decoded_.push_back('\b');
        return true;
      case 'f':
        decoded_.push_back('\f');
        return true;
      case 'n':
        decoded_.push_back('\n');
        return true;
      case 'r':
        decoded_.push_back('\r');
        return true;
      case 't':
        decoded_.push_back('\t');
        return true;
      case 'u':
        return unicode_escape();
      default:
        break;
    }
    pos_ = backslash;
    if (static_cast<unsigned char>(e) >= 0x80 || static_cast<unsigned char>(e) < 0x20) {
      return fail("invalid escape in a string",
                  "a backslash in a JSON string is written \\\\ (Windows paths: C:\\\\dir)");
    }
    return fail("invalid escape '\\" + std::string(1, e) + "' in a string",
                "a backslash in a JSON string is written \\\\ (Windows paths: C:\\\\dir)");
  }

  bool unicode_escape() {
    constexpr const char* surrogate_hint =
        "a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF one (a UTF-16 pair)";
    std::uint32_t unit = 0;
    if (!hex4(unit)) return false;
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
      return fail("unpaired UTF-16 surrogate in \\u escape", surrogate_hint);
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      if (s_.substr(pos_, 2) != "\\u") {
        return fail("unpaired UTF-16 surrogate in \\u escape", surrogate_hint);
      }
      pos_ += 2;
      std::uint32_t low = 0;
      if (!hex4(low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) {
        pos_ -= 6;
        return fail("unpaired UTF-16 surrogate in \\u escape", surrogate_hint);
      }
      unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    }
    text::append_utf8(decoded_, static_cast<char32_t>(unit));
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  bool in_scalar_ = false;
  std::string& decoded_;
  std::vector<Node>& nodes_;
  std::vector<ParseError>& errors_;
  const ParseOptions& options_;
  std::vector<Frame> stack_;
  std::vector<Node> scratch_;
};

// Document -> Value tree without recursion: containers are sized before their children are
// filled, so the addresses handed out stay valid.
void to_tree(const Document& doc, Value& root) {
  std::vector<std::pair<View, Value*>> work{{doc.root(), &root}};
  while (!work.empty()) {
    const auto [v, out] = work.back();
    work.pop_back();
    out->kind = v.kind();
    out->offset = v.offset();
    out->boolean = v.boolean();
    out->text.assign(v.text());
    if (v.kind() == Kind::array) {
      out->items.resize(v.size());
      for (std::uint32_t i = 0; i < v.size(); ++i) work.emplace_back(v.item(i), &out->items[i]);
    } else if (v.kind() == Kind::object) {
      out->members.resize(v.size());
      for (std::uint32_t i = 0; i < v.size(); ++i) {
        out->members[i].key.assign(v.key(i).text());
        out->members[i].key_offset = v.key(i).offset();
        work.emplace_back(v.value(i), &out->members[i].value);
      }
    }
  }
}

}  // namespace

bool parse(std::string_view text, Document& out, std::vector<ParseError>& errors,
           const ParseOptions& options) {
  out = Document();
  out.source_ = text;
  // A description holds about one node per 20-25 bytes. Reserving for one per 12 avoids
  // regrowing (copying and refaulting the nodes); pages never reached are never touched.
  out.nodes_.reserve(text.size() / 12 + 4);
  Parser parser(text, out.decoded_, out.nodes_, errors, options);
  const std::int64_t root = parser.run();
  if (root < 0) {
    out.nodes_.clear();
    return false;
  }
  out.root_ = static_cast<std::uint32_t>(root);
  return true;
}

bool parse(std::string_view text, Value& out, std::vector<ParseError>& errors,
           const ParseOptions& options) {
  Document doc;
  if (!parse(text, doc, errors, options)) return false;
  out = Value();
  to_tree(doc, out);
  return true;
}

}  // namespace comreg::json
