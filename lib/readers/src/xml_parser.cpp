// The strict XML subset of xml_parser.hpp: a recursive-descent reader over UTF-8 text.
#include "readers/xml_parser.hpp"

#include <map>
#include <utility>

#include "core/utf.hpp"

namespace comreg::xml {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_name_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u == ':' || u >= 0x80;
}
bool is_name_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return is_name_start(c) || (u >= '0' && u <= '9') || u == '.' || u == '-';
}
// XML 1.0 Char: tab, LF, CR and everything from U+0020 but surrogates, U+FFFE and U+FFFF.
bool is_xml_char(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Thrown inside the parser only, caught in parse_document: it unwinds the recursive descent.
struct Failure {
  std::string message;
  std::size_t offset;
};

using Scope = std::map<std::string, std::string>;  // prefix -> namespace URI ("" = default)

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options) : s_(text), options_(options) {}

  ParsedElement document() {
    skip_misc();
    if (starts("<!DOCTYPE") || starts("<!doctype")) {
      fail("a DOCTYPE is not allowed in a manifest");
    }
    if (!starts("<")) fail(at_end() ? "the document has no root element" : "expected '<'");
    Scope scope;
    scope["xml"] = "http://www.w3.org/XML/1998/namespace";
    ParsedElement root = element(scope, 1);
    skip_misc();
    if (!at_end()) fail("content after the root element");
    return root;
  }

  Position position(std::size_t offset) {
    if (offset < cached_offset_) cached_offset_ = 0, cached_ = {1, 1};
    for (std::size_t i = cached_offset_; i < offset && i < s_.size(); ++i) {
      if (s_[i] == '\n') {
        ++cached_.line;
        cached_.column = 1;
      } else if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) {
        ++cached_.column;
      }
    }
    cached_offset_ = offset;
    return cached_;
  }

 private:
  [[noreturn]] void fail(std::string message) const { throw Failure{std::move(message), i_}; }
  [[noreturn]] void fail_at(std::string message, std::size_t offset) const {
    throw Failure{std::move(message), offset};
  }
  bool at_end() const { return i_ >= s_.size(); }
  bool starts(std::string_view p) const { return s_.substr(i_).substr(0, p.size()) == p; }
  void expect(std::string_view p, const char* what) {
    if (!starts(p)) fail(std::string("expected ") + what);
    i_ += p.size();
  }
  void skip_space() {
    while (!at_end() && is_space(s_[i_])) ++i_;
  }

  // Comments, processing instructions (the XML declaration among them) and white space.
  void skip_misc() {
    for (;;) {
      skip_space();
      if (starts("<!--")) {
        comment();
      } else if (starts("<?")) {
        processing_instruction();
      } else {
        return;
      }
    }
  }
  void comment() {
    const std::size_t start = i_;
    const std::size_t end = s_.find("-->", i_ + 4);
    if (end == std::string_view::npos) fail_at("unterminated comment", start);
    i_ = end + 3;
  }
  void processing_instruction() {
    const std::size_t start = i_;
    const std::size_t end = s_.find("?>", i_ + 2);
    if (end == std::string_view::npos) fail_at("unterminated processing instruction", start);
    i_ = end + 2;
  }

  std::string name(const char* what) {
    if (at_end() || !is_name_start(s_[i_])) fail(std::string("expected ") + what);
    const std::size_t start = i_;
    while (!at_end() && is_name_char(s_[i_])) ++i_;
    return std::string(s_.substr(start, i_ - start));
  }

  static std::pair<std::string, std::string> split(const std::string& qname) {
    const std::size_t colon = qname.find(':');
    if (colon == std::string::npos) return {"", qname};
    return {qname.substr(0, colon), qname.substr(colon + 1)};
  }

  // An entity or character reference at i_ ('&'), appended to out decoded.
  void reference(std::string& out) {
    const std::size_t start = i_;
    const std::size_t semi = s_.find(';', i_);
    if (semi == std::string_view::npos || semi - i_ > 12) fail_at("unterminated reference", start);
    const std::string_view ref = s_.substr(i_ + 1, semi - i_ - 1);
    i_ = semi + 1;
    static constexpr std::pair<std::string_view, char> named[] = {
        {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
    for (const auto& [n, c] : named) {
      if (ref == n) {
        out.push_back(c);
        return;
      }
    }
    if (ref.size() < 2 || ref[0] != '#') {
      fail_at("unknown entity '&" + std::string(ref) + ";'", start);
    }
    const bool hex = ref[1] == 'x';
    const std::string_view digits = ref.substr(hex ? 2 : 1);
    char32_t cp = 0;
    if (digits.empty()) fail_at("empty character reference", start);
    for (const char c : digits) {
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) fail_at("bad character reference '&" + std::string(ref) + ";'", start);
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
      if (cp > 0x10FFFF) fail_at("character reference beyond U+10FFFF", start);
    }
    if (!is_xml_char(cp)) fail_at("character reference to a character XML forbids", start);
    text::append_utf8(out, cp);
  }

  std::string attribute_value() {
    if (at_end() || (s_[i_] != '"' && s_[i_] != '\'')) fail("expected a quoted attribute value");
    const char quote = s_[i_++];
    value_begin_ = i_;
    std::string value;
    for (;;) {
      if (at_end()) fail("unterminated attribute value");
      const char c = s_[i_];
      if (c == quote) break;
      if (c == '<') fail("'<' in an attribute value");
      if (c == '&') {
        reference(value);
        continue;
      }
      // Attribute-value normalisation: white space characters become spaces.
      value.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
      ++i_;
    }
    ++i_;
    return value;
  }

  ParsedElement element(const Scope& outer, std::uint32_t depth) {
    if (depth > options_.max_depth) {
      fail("elements nested deeper than " + std::to_string(options_.max_depth));
    }
    const std::size_t start = i_;
    expect("<", "'<'");
    const std::string qname = name("an element name");
    ParsedElement e;
    e.at = position(start);
    e.span.begin = start;
    Scope scope = outer;
    std::vector<std::pair<std::string, std::size_t>> seen;      // qualified names, for duplicates
    std::vector<std::pair<std::string, std::size_t>> prefixed;  // attributes to resolve
    for (;;) {
      const bool had_space = !at_end() && is_space(s_[i_]);
      skip_space();
      if (starts("/>") || starts(">")) break;
      if (!had_space) fail("expected white space, '>' or '/>'");
      const std::size_t attr_start = i_;
      const std::string attr = name("an attribute name");
      skip_space();
      expect("=", "'=' after the attribute name");
      skip_space();
      std::string value = attribute_value();
      const std::size_t value_begin = value_begin_;
      const std::size_t value_end = i_ - 1;
      for (const auto& [n, off] : seen) {
        if (n == attr) fail_at("duplicate attribute '" + attr + "'", attr_start);
      }
      seen.emplace_back(attr, attr_start);
      auto [prefix, local] = split(attr);
      if (attr == "xmlns") {
        scope[""] = value;
      } else if (prefix == "xmlns") {
        if (value.empty()) fail_at("empty namespace for prefix '" + local + "'", attr_start);
        scope[local] = value;
      } else {
        if (!prefix.empty()) prefixed.emplace_back(prefix, attr_start);
        e.attributes.push_back(
            {prefix, local, std::move(value), position(attr_start), value_begin, value_end});
      }
    }
    auto [prefix, local] = split(qname);
    const auto ns = scope.find(prefix);
    if (ns == scope.end() && !prefix.empty()) {
      fail_at("undeclared namespace prefix '" + prefix + "'", start);
    }
    for (const auto& [p, off] : prefixed) {
      if (scope.find(p) == scope.end()) fail_at("undeclared namespace prefix '" + p + "'", off);
    }
    e.prefix = prefix;
    e.local = local;
    e.namespace_uri = ns == scope.end() ? std::string() : ns->second;
    if (starts("/>")) {
      i_ += 2;
      e.span.content_begin = e.span.content_end = e.span.end = i_;
      e.span.empty_tag = true;
      return e;
    }
    ++i_;  // '>'
    e.span.content_begin = i_;
    content(e, scope, depth);
    const std::size_t end_start = i_;
    e.span.content_end = end_start;
    expect("</", "an end tag");
    const std::string end_name = name("an element name");
    if (end_name != qname) {
      fail_at("end tag '</" + end_name + ">' does not match '<" + qname + ">'", end_start);
    }
    skip_space();
    expect(">", "'>'");
    e.span.end = i_;
    return e;
  }

  void content(ParsedElement& e, const Scope& scope, std::uint32_t depth) {
    for (;;) {
      if (at_end()) fail_at("element '" + e.local + "' is not closed", i_);
      if (starts("</")) return;
      if (starts("<!--")) {
        comment();
      } else if (starts("<![CDATA[")) {
        const std::size_t end = s_.find("]]>", i_ + 9);
        if (end == std::string_view::npos) fail("unterminated CDATA section");
        e.text.append(s_.substr(i_ + 9, end - i_ - 9));
        i_ = end + 3;
      } else if (starts("<?")) {
        processing_instruction();
      } else if (starts("<!")) {
        fail("a declaration is not allowed here");
      } else if (starts("<")) {
        e.children.push_back(element(scope, depth + 1));
      } else if (s_[i_] == '&') {
        reference(e.text);
      } else {
        e.text.push_back(s_[i_++]);
      }
    }
  }

  std::string_view s_;
  const ParseOptions& options_;
  std::size_t i_ = 0;
  std::size_t value_begin_ = 0;  // of the attribute value attribute_value() read last
  std::size_t cached_offset_ = 0;
  Position cached_{1, 1};
};

// The text as UTF-8: byte order marks recognised, UTF-16 converted.
std::optional<std::string> to_utf8(std::string_view bytes, std::string& error) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (bytes.size() >= 2 && ((b(0) == 0xFF && b(1) == 0xFE) || (b(0) == 0xFE && b(1) == 0xFF))) {
    const bool little = b(0) == 0xFF;
    if (bytes.size() % 2 != 0) {
      error = "UTF-16 text with an odd number of bytes";
      return std::nullopt;
    }
    std::u16string units;
    units.reserve(bytes.size() / 2);
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
      units.push_back(
          static_cast<char16_t>(little ? b(i) | (b(i + 1) << 8) : (b(i) << 8) | b(i + 1)));
    }
    return text::to_utf8(units);
  }
  if (bytes.size() >= 3 && b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) {
    return std::string(bytes.substr(3));
  }
  return std::string(bytes);
}

}  // namespace

const ParsedAttribute* ParsedElement::attribute(std::string_view local_name) const {
  for (const auto& a : attributes) {
    if (a.prefix.empty() && a.local == local_name) return &a;
  }
  return nullptr;
}

ParseResult parse_document(std::string_view bytes, const ParseOptions& options) {
  ParseResult result;
  std::string encoding_error;
  const auto text = to_utf8(bytes, encoding_error);
  if (!text) {
    result.error = ParseError{encoding_error, {1, 1}};
    return result;
  }
  Parser parser(*text, options);
  const std::size_t invalid = text::find_invalid_utf8(*text);
  if (invalid != std::string::npos) {
    result.error = ParseError{"invalid UTF-8", parser.position(invalid)};
    return result;
  }
  for (std::size_t i = 0; i < text->size(); ++i) {
    const auto c = static_cast<unsigned char>((*text)[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      result.error =
          ParseError{"control character U+00" + std::string(1, "0123456789ABCDEF"[c >> 4]) +
                         std::string(1, "0123456789ABCDEF"[c & 0xF]) + " is not allowed in XML",
                     parser.position(i)};
      return result;
    }
  }
  try {
    result.root = parser.document();
  } catch (const Failure& f) {
    result.error = ParseError{f.message, parser.position(f.offset)};
  }
  return result;
}

}  // namespace comreg::xml
