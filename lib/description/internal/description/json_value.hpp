// A JSON document that remembers where each value and key came from.
//
// nlohmann::json drops source positions, and validation must say file:line:col for every
// problem, so descriptions are read with this small reader instead. It also refuses what
// nlohmann accepts silently: duplicate keys, invalid UTF-8, nesting deeper than a limit.
//
// Two forms: Document, a flat array of nodes whose strings point into the source text (what
// the loader reads: one allocation per few thousand values, so a 10,000-class description
// loads in milliseconds), and Value, a plain tree for small inputs and tests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/line_index.hpp"

namespace comreg::json {

enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

[[nodiscard]] const char* to_string(Kind k);  // "null", "boolean", "number", "string", …

struct Member;

/// A value and the byte offset of its first character in the source text.
struct Value {
  Kind kind = Kind::null;
  std::uint32_t offset = 0;
  bool boolean = false;
  std::string text;             // string: decoded UTF-8; number: the literal as written
  std::vector<Value> items;     // array
  std::vector<Member> members;  // object, in source order

  [[nodiscard]] const Value* find(std::string_view key) const;  // object member or nullptr
};

struct Member {
  std::string key;
  std::uint32_t key_offset = 0;  // offset of the opening quote of the key
  Value value;
};

/// A problem found while reading: byte offset, stable code ("json-syntax", "duplicate-key",
/// "too-deep", "invalid-utf8"), message ("expected ',' or '}' after an object member, found
/// 'x'"), hint, and the RFC 6901 pointer of the value being read ("" = the document).
struct ParseError {
  std::uint32_t offset = 0;
  std::string message;
  std::string hint;
  const char* code = "json-syntax";
  std::string pointer;
};

struct ParseOptions {
  std::uint32_t max_depth = 64;  // arrays and objects nested deeper are refused
};

/// One value of a Document. Strings without escapes point into the source text; the others
/// into Document::decoded. Containers hold their children's index range in Document::nodes
/// (an object's children alternate key, value).
struct Node {
  Kind kind = Kind::null;
  bool in_decoded = false;  // string text lives in Document::decoded
  bool boolean = false;
  std::uint32_t offset = 0;  // of the value's first character (a key's opening quote)
  std::uint32_t first = 0;   // string/number: text start; container: index of first child
  std::uint32_t count = 0;   // string/number: text length; array: items; object: members
};

class Document;

/// A cheap handle to one node of a Document (valid while the Document and its source live).
class View {
 public:
  View() = default;
  View(const Document* doc, std::uint32_t index) : doc_(doc), index_(index) {}

  [[nodiscard]] Kind kind() const;
  [[nodiscard]] std::uint32_t offset() const;
  [[nodiscard]] bool boolean() const;
  [[nodiscard]] std::string_view text() const;  // string (decoded) or number literal
  [[nodiscard]] std::uint32_t size() const;     // items of an array, members of an object
  [[nodiscard]] View item(std::uint32_t i) const;
  [[nodiscard]] View key(std::uint32_t i) const;    // object member i's key (a string node)
  [[nodiscard]] View value(std::uint32_t i) const;  // object member i's value
  /// The object member named `key`, or an invalid View (linear: objects here are small).
  [[nodiscard]] View find(std::string_view key) const;
  [[nodiscard]] bool valid() const { return doc_ != nullptr; }
  explicit operator bool() const { return valid(); }
  [[nodiscard]] std::uint32_t index() const { return index_; }

 private:
  const Document* doc_ = nullptr;
  std::uint32_t index_ = 0;
};

/// A parsed document. Refers to the source text: keep the text alive as long as the Document.
class Document {
 public:
  [[nodiscard]] View root() const { return {this, root_}; }
  [[nodiscard]] bool empty() const { return nodes_.empty(); }
  /// RFC 6901 pointer of the value, or of the member whose key, starts at `offset`
  /// ("" for the root or an offset no node starts at).
  [[nodiscard]] std::string pointer_at(std::uint32_t offset) const;

 private:
  friend class View;
  friend bool parse(std::string_view, Document&, std::vector<ParseError>&, const ParseOptions&);
  std::string_view source_;
  std::string decoded_;  // text of strings that had escapes
  std::vector<Node> nodes_;
  std::uint32_t root_ = 0;
};

// View's accessors are inline: the loader calls them millions of times on big descriptions.
inline Kind View::kind() const {
  return doc_->nodes_[index_].kind;
}
inline std::uint32_t View::offset() const {
  return doc_->nodes_[index_].offset;
}
inline bool View::boolean() const {
  return doc_->nodes_[index_].boolean;
}
inline std::string_view View::text() const {
  const Node& n = doc_->nodes_[index_];
  if (n.kind != Kind::string && n.kind != Kind::number) return {};
  const std::string_view base = n.in_decoded ? std::string_view(doc_->decoded_) : doc_->source_;
  return base.substr(n.first, n.count);
}
inline std::uint32_t View::size() const {
  const Node& n = doc_->nodes_[index_];
  return n.kind == Kind::array || n.kind == Kind::object ? n.count : 0;
}
inline View View::item(std::uint32_t i) const {
  return {doc_, doc_->nodes_[index_].first + i};
}
inline View View::key(std::uint32_t i) const {
  return {doc_, doc_->nodes_[index_].first + 2 * i};
}
inline View View::value(std::uint32_t i) const {
  return {doc_, doc_->nodes_[index_].first + 2 * i + 1};
}
inline View View::find(std::string_view name) const {
  const Node& n = doc_->nodes_[index_];
  if (n.kind != Kind::object) return {};
  for (std::uint32_t i = 0; i < n.count; ++i) {
    const Node& k = doc_->nodes_[n.first + 2 * i];
    if (k.count != name.size()) continue;  // most keys differ in length: no text needed
    const std::string_view base = k.in_decoded ? std::string_view(doc_->decoded_) : doc_->source_;
    if (base.substr(k.first, k.count) == name) return {doc_, n.first + 2 * i + 1};
  }
  return {};
}

/// Parses `text` (UTF-8; a UTF-8 BOM is skipped) without recursion. A syntax error, invalid
/// UTF-8 or too deep nesting stops the parse (the first is reported); duplicate keys are
/// reported and parsing goes on (the first occurrence is kept). Returns true when `out` holds
/// a complete document (`errors` may then still hold duplicate-key reports).
bool parse(std::string_view text, Document& out, std::vector<ParseError>& errors,
           const ParseOptions& options = {});

/// The same, as a tree of Values (for small inputs: the tree's depth is the document's).
bool parse(std::string_view text, Value& out, std::vector<ParseError>& errors,
           const ParseOptions& options = {});

/// Appends the RFC 6901 escaped `token` ('~' -> "~0", '/' -> "~1") to `pointer` after a '/'.
void append_pointer_token(std::string& pointer, std::string_view token);

/// Positions in the text; the index itself is core vocabulary (also used by other readers).
using LineIndex = comreg::LineIndex;

}  // namespace comreg::json
