// A JSON document tree that remembers where each value and key came from.
//
// nlohmann::json drops source positions, and validation must say file:line:col for every
// problem, so descriptions are read with this small reader instead. It also refuses what
// nlohmann accepts silently: duplicate keys, invalid UTF-8, nesting deeper than a limit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

/// A syntax problem: byte offset and message ("expected ',' or '}' after object member").
struct ParseError {
  std::uint32_t offset = 0;
  std::string message;
  std::string hint;
};

struct ParseOptions {
  std::uint32_t max_depth = 64;
};

/// Parses `text` (UTF-8; a UTF-8 BOM is skipped). Syntax errors stop the parse (the first is
/// reported); duplicate keys are reported and parsing goes on (the first occurrence is kept).
/// Returns true when `out` holds a complete document and `errors` has no syntax error.
bool parse(std::string_view text, Value& out, std::vector<ParseError>& errors,
           const ParseOptions& options = {});

/// Offset -> 1-based line and column (column counts Unicode characters, tabs as 1).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  struct Position {
    std::uint32_t line;
    std::uint32_t column;
  };
  [[nodiscard]] Position position(std::uint32_t offset) const;

 private:
  std::string_view text_;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace comreg::json
