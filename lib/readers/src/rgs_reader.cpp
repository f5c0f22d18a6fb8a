// RgsReader: a recursive-descent reader of the ATL registrar grammar:
//   script := key*          key := [NoRemove|ForceRemove|Delete] name ['=' value] ['{' item* '}']
//   item   := 'val' name '=' value | key          value := type 'text'   (type: s e d q b m)
// Tokens are split at white space; '…' strings double their quotes. Every error names its
// line and column, and reading stops at the first (what follows a syntax error is guesswork).
#include <cstdlib>

#include "comreg/readers/rgs_reader.hpp"
#include "core/ascii.hpp"
#include "emit/rgs_syntax.hpp"

namespace comreg {
namespace {

struct Token {
  enum Kind { end, word, quoted } kind = end;
  std::string text;
  std::uint32_t line = 0, column = 0;
  [[nodiscard]] bool is(std::string_view punctuation) const {
    return kind == word && text == punctuation;
  }
};

class Reader {
 public:
  Reader(std::string_view text, const std::string& file, Diagnostics& diagnostics)
      : text_(text), file_(file), diagnostics_(diagnostics) {
    advance();
  }

  std::vector<RgsKey> script() {
    std::vector<RgsKey> roots;
    while (ok_ && token_.kind != Token::end) {
      RgsKey k;
      if (!key(k)) break;
      roots.push_back(std::move(k));
    }
    return roots;
  }

 private:
  void advance() {
    while (pos_ < text_.size() && rgs::is_space(text_[pos_])) step();
    token_ = Token{};
    token_.line = line_;
    token_.column = column_;
    if (pos_ >= text_.size()) return;
    if (text_[pos_] == '\'') {
      token_.kind = Token::quoted;
      step();
      for (;;) {
        if (pos_ >= text_.size()) {
          error(token_, "unterminated string", "close it with '");
          return;
        }
        const char c = text_[pos_];
        step();
        if (c == '\'') {
          if (pos_ < text_.size() && text_[pos_] == '\'') {
            step();
          } else {
            break;
          }
        }
        token_.text.push_back(c);
      }
      return;
    }
    token_.kind = Token::word;
    while (pos_ < text_.size() && !rgs::is_space(text_[pos_])) {
      token_.text.push_back(text_[pos_]);
      step();
    }
  }

  void step() {
    if (text_[pos_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80) {
      ++column_;
    }
    ++pos_;
  }

  void error(const Token& at, std::string message, std::string hint = {}) {
    if (!ok_) return;
    ok_ = false;
    diagnostics_.error("rgs-syntax", std::move(message), {file_, at.line, at.column, ""},
                       std::move(hint));
  }

  static std::string describe(const Token& t) {
    return t.kind == Token::end ? "the end of the script" : "'" + t.text + "'";
  }

  bool name(std::string& out, const char* what) {
    if (token_.kind == Token::end || token_.is("{") || token_.is("}") || token_.is("=")) {
      error(token_, std::string("expected ") + what + ", found " + describe(token_));
      return false;
    }
    out = token_.text;
    advance();
    return ok_;
  }

  bool value(RgsValue& out) {
    static constexpr std::string_view types = "sedqbm";
    if (token_.kind != Token::word || token_.text.size() != 1 ||
        types.find(static_cast<char>(text::fold_case(token_.text)[0])) == std::string_view::npos) {
      error(token_, "expected a value type (s, e, d, q, b or m), found " + describe(token_),
            "write a value as s 'text', d '123', b '0A1B', m 'a\\0b'");
      return false;
    }
    out.type = text::fold_case(token_.text)[0];
    advance();
    if (token_.kind == Token::end || token_.is("{") || token_.is("}")) {
      error(token_, "expected the value's text, found " + describe(token_), "quote it: 'text'");
      return false;
    }
    out.text = token_.text;
    advance();
    return ok_;
  }

  bool key(RgsKey& k) {
    k.line = token_.line;
    // Deeper than the registry's own limit is no registration, and would recurse without
    // bound here (a script 100,000 braces deep overflowed the stack).
    if (++depth_ > max_depth) {
      error(token_, "keys nested deeper than the registry's 512 levels");
      return false;
    }
    const bool ok = key_body(k);
    --depth_;
    return ok;
  }

  bool key_body(RgsKey& k) {
    if (token_.kind == Token::word) {
      const std::string w = text::fold_case(token_.text);
      if (w == "noremove") k.flag = RgsFlag::no_remove;
      if (w == "forceremove") k.flag = RgsFlag::force_remove;
      if (w == "delete") k.flag = RgsFlag::remove;
      if (k.flag != RgsFlag::none) advance();
    }
    if (!name(k.name, "a key name")) return false;
    if (token_.is("=")) {
      advance();
      RgsValue v;
      if (!value(v)) return false;
      k.default_value = std::move(v);
    }
    if (!token_.is("{")) return ok_;
    const Token open = token_;
    advance();
    while (ok_ && !token_.is("}")) {
      if (token_.kind == Token::end) {
        error(open, "'{' of key '" + k.name + "' is never closed", "add the matching '}'");
        return false;
      }
      if (token_.kind == Token::word && text::fold_case(token_.text) == "val") {
        advance();
        std::string value_name;
        if (!name(value_name, "a value name")) return false;
        if (!token_.is("=")) {
          error(token_,
                "expected '=' after value name '" + value_name + "', found " + describe(token_));
          return false;
        }
        advance();
        RgsValue v;
        if (!value(v)) return false;
        k.values.emplace_back(std::move(value_name), std::move(v));
      } else {
        RgsKey child;
        if (!key(child)) return false;
        k.children.push_back(std::move(child));
      }
    }
    advance();
    return ok_;
  }

  std::string_view text_;
  const std::string& file_;
  Diagnostics& diagnostics_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1, column_ = 1;
  Token token_;
  bool ok_ = true;
  static constexpr int max_depth = 512;
  int depth_ = 0;
};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool parse_number(const std::string& s, std::uint64_t max, std::uint64_t& out) {
  if (s.empty()) return false;
  // 0x… and, as VarUI4FromStr (ATL's conversion of d values) reads them, &H….
  const bool hex = s.size() > 2 && ((s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ||
                                    (s[0] == '&' && (s[1] == 'h' || s[1] == 'H')));
  std::uint64_t v = 0;
  for (std::size_t i = hex ? 2 : 0; i < s.size(); ++i) {
    const int d = hex ? hex_digit(s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
    if (d < 0) return false;
    const std::uint64_t base = hex ? 16 : 10;
    if (v > (max - static_cast<std::uint64_t>(d)) / base) return false;
    v = v * base + static_cast<std::uint64_t>(d);
  }
  out = v;
  return true;
}

}  // namespace

RgsReadResult read_rgs(std::string_view text, const std::string& file) {
  RgsReadResult result;
  Reader reader(text, file, result.diagnostics);
  result.roots = reader.script();
  if (result.diagnostics.has_errors()) result.roots.clear();
  return result;
}

std::optional<RegValue> rgs_to_reg_value(const RgsValue& value,
                                         const std::map<std::string, std::string>& replacements,
                                         std::string* error) {
  const auto fail = [&](std::string message) -> std::optional<RegValue> {
    if (error != nullptr) *error = std::move(message);
    return std::nullopt;
  };
  std::string t;
  for (std::size_t i = 0; i < value.text.size(); ++i) {
    if (value.text[i] != '%') {
      t.push_back(value.text[i]);
      continue;
    }
    const std::size_t close = value.text.find('%', i + 1);
    if (close == std::string::npos) return fail("unpaired '%' in '" + value.text + "'");
    const std::string name = value.text.substr(i + 1, close - i - 1);
    if (name.empty()) {
      t.push_back('%');
    } else {
      const auto it = replacements.find(name);
      if (it == replacements.end()) return fail("no replacement for %" + name + "%");
      t += it->second;
    }
    i = close;
  }
  std::uint64_t n = 0;
  switch (value.type) {
    case 's':
      return RegValue::sz(std::move(t));
    case 'e':
      return RegValue::expand_sz(std::move(t));
    case 'd':
      if (!parse_number(t, 0xFFFFFFFFu, n)) return fail("'" + t + "' is not a 32-bit number");
      return RegValue::dword(static_cast<std::uint32_t>(n));
    case 'q':
      if (!parse_number(t, ~std::uint64_t{0}, n)) return fail("'" + t + "' is not a 64-bit number");
      return RegValue::qword(n);
    case 'b': {
      if (t.size() % 2 != 0) return fail("binary '" + t + "' has an odd number of hex digits");
      std::vector<std::uint8_t> bytes;
      for (std::size_t i = 0; i < t.size(); i += 2) {
        const int hi = hex_digit(t[i]), lo = hex_digit(t[i + 1]);
        if (hi < 0 || lo < 0) return fail("binary '" + t + "' is not hex");
        bytes.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
      }
      return RegValue::binary(std::move(bytes));
    }
    case 'm': {
      std::vector<std::string> strings(1);
      for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == '0') {
          strings.emplace_back();
          ++i;
        } else {
          strings.back().push_back(t[i]);
        }
      }
      return RegValue::multi_sz(std::move(strings));
    }
    default:
      return fail(std::string("unknown value type '") + value.type + "'");
  }
}

}  // namespace comreg
