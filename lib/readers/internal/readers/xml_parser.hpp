// XmlParser: a small strict XML reader for manifests, with line:column on every element,
// attribute and error.
//
// Why not tinyxml2 / XmlLite: tinyxml2 keeps line numbers but no columns, and the Windows build
// has only XmlLite, which would make the two platforms report different positions and accept
// different input. Manifests use a tiny part of XML, so one strict parser serves both: elements,
// attributes, character data, CDATA, comments, processing instructions and the five predefined
// entities plus character references. A DOCTYPE is refused, so no entity can expand (the input
// is untrusted), and nesting deeper than a limit is refused rather than recursed into.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace comreg::xml {

struct Position {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in code points
};

struct ParsedAttribute {
  std::string prefix;  // "" or the part before ':'
  std::string local;
  std::string value;  // entities decoded
  Position at;
  std::size_t value_begin = 0;  // byte offsets of the value as written, inside the quotes
  std::size_t value_end = 0;
};

/// Byte offsets of an element in the parsed UTF-8 text (after a byte order mark): from its '<'
/// to past its end tag, and its content (from past the start tag to the end tag's '<'). An
/// empty-element tag (<a/>) has content_begin == content_end == end.
struct ElementSpan {
  std::size_t begin = 0;
  std::size_t content_begin = 0;
  std::size_t content_end = 0;
  std::size_t end = 0;
  bool empty_tag = false;
};

/// An element with its namespace resolved from the xmlns declarations in scope.
struct ParsedElement {
  std::string prefix;
  std::string local;
  std::string namespace_uri;
  std::vector<ParsedAttribute> attributes;  // xmlns declarations excluded
  std::string text;                         // character data directly inside, concatenated
  std::vector<ParsedElement> children;
  Position at;
  ElementSpan span;

  [[nodiscard]] const ParsedAttribute* attribute(std::string_view local_name) const;
};

struct ParseError {
  std::string message;
  Position at;
};

struct ParseResult {
  std::optional<ParsedElement> root;
  std::optional<ParseError> error;
};

struct ParseOptions {
  std::uint32_t max_depth = 64;
};

/// Parses a whole document. `text` may start with a UTF-8 byte order mark or be UTF-16 (LE or BE,
/// with a byte order mark); it is read as UTF-8 otherwise and must be valid UTF-8.
[[nodiscard]] ParseResult parse_document(std::string_view text, const ParseOptions& options = {});

}  // namespace comreg::xml
