// The position-keeping JSON reader: strict RFC 8259, offsets, codes, pointers, limits.
#include <catch2/catch.hpp>
#include <string>

#include "description/json_value.hpp"

using comreg::json::Document;
using comreg::json::Kind;
using comreg::json::LineIndex;
using comreg::json::parse;
using comreg::json::ParseError;
using comreg::json::Value;
using comreg::json::View;

namespace {

struct Parsed {
  bool ok;
  Value value;
  std::vector<ParseError> errors;
};

Parsed read(std::string_view text, std::uint32_t depth = 64) {
  Parsed p;
  p.ok = parse(text, p.value, p.errors, {depth});
  return p;
}

struct Flat {
  bool ok;
  Document doc;
  std::vector<ParseError> errors;
};

// The Document refers to `text`: callers keep it alive.
Flat read_flat(std::string_view text, std::uint32_t depth = 64) {
  Flat f;
  f.ok = parse(text, f.doc, f.errors, {depth});
  return f;
}

}  // namespace

TEST_CASE("JSON: values, offsets and member order", "[json]") {
  const std::string text = R"({"a": [1, -2.5e3, true, false, null], "b": {"c": "d"}})";
  const auto p = read(text);
  REQUIRE(p.ok);
  REQUIRE(p.errors.empty());
  REQUIRE(p.value.kind == Kind::object);
  REQUIRE(p.value.members.size() == 2);
  CHECK(p.value.members[0].key == "a");
  CHECK(p.value.members[0].key_offset == 1);
  const Value& a = p.value.members[0].value;
  REQUIRE(a.items.size() == 5);
  CHECK(a.items[1].kind == Kind::number);
  CHECK(a.items[1].text == "-2.5e3");  // numbers are kept as written
  CHECK(a.items[1].offset == text.find("-2.5e3"));
  CHECK(a.items[2].boolean);
  CHECK_FALSE(a.items[3].boolean);
  CHECK(a.items[4].kind == Kind::null);
  CHECK(p.value.find("b")->find("c")->text == "d");
  CHECK(p.value.find("missing") == nullptr);
}

TEST_CASE("JSON: the flat document has the same values and finds pointers", "[json]") {
  const std::string text = R"({"a": [1, {"x/y": "\u00e9", "t~": [true]}], "b": "plain"})";
  const auto f = read_flat(text);
  REQUIRE(f.ok);
  const View root = f.doc.root();
  REQUIRE(root.kind() == Kind::object);
  REQUIRE(root.size() == 2);
  CHECK(root.key(1).text() == "b");
  CHECK(root.find("b").text() == "plain");
  CHECK_FALSE(root.find("c").valid());
  const View a = root.find("a");
  REQUIRE(a.size() == 2);
  CHECK(a.item(0).text() == "1");
  CHECK(a.item(1).find("x/y").text() == "\xC3\xA9");
  // Pointers of values and of keys, RFC 6901 escaped.
  CHECK(f.doc.pointer_at(root.offset()) == "");
  CHECK(f.doc.pointer_at(static_cast<std::uint32_t>(text.find("\"plain\""))) == "/b");
  CHECK(f.doc.pointer_at(static_cast<std::uint32_t>(text.find("\"\\u00e9\""))) == "/a/1/x~1y");
  CHECK(f.doc.pointer_at(static_cast<std::uint32_t>(text.find("\"t~\""))) == "/a/1/t~0");
  CHECK(f.doc.pointer_at(static_cast<std::uint32_t>(text.find("true"))) == "/a/1/t~0/0");
}

TEST_CASE("JSON: string escapes and Unicode", "[json]") {
  const auto p = read(R"(["\"\\\/\b\f\n\r\t", "\u00e9\ud83d\ude00", "caf)"
                      "\xC3\xA9"
                      R"(", "a\u0000b"])");
  REQUIRE(p.ok);
  CHECK(p.value.items[0].text == "\"\\/\b\f\n\r\t");
  CHECK(p.value.items[1].text == "\xC3\xA9\xF0\x9F\x98\x80");  // é and U+1F600 (a pair)
  CHECK(p.value.items[2].text == "caf\xC3\xA9");
  CHECK(p.value.items[3].text == std::string("a\0b", 3));
}

TEST_CASE("JSON: a string read eight bytes at a time stops at every kind of byte in every place",
          "[json]") {
  // Plain runs are skipped a word at a time: a quote, an escape, a control byte, UTF-8 (valid
  // and not) at each place of strings longer than a word must be met where they are.
  const std::string plain = "abcdefghijklmnopqrstu";
  for (std::size_t at = 0; at <= plain.size(); ++at) {
    const std::string head = plain.substr(0, at);
    const std::string tail = plain.substr(at);
    INFO("at " << at);
    {
      const auto p = read("[\"" + head + "\\n" + tail + "\"]");
      REQUIRE(p.ok);
      CHECK(p.value.items[0].text == head + "\n" + tail);
    }
    {
      const auto p = read("[\"" + head + "\xC3\xA9" + tail + "\"]");
      REQUIRE(p.ok);
      CHECK(p.value.items[0].text == head + "\xC3\xA9" + tail);
    }
    {
      const auto p = read("[\"" + head + "\", \"" + tail + "\"]");
      REQUIRE(p.ok);
      CHECK(p.value.items[0].text == head);
      CHECK(p.value.items[1].text == tail);
    }
    for (const char bad : {'\x01', '\x1F', '\n', '\x7F', '\xFF'}) {
      const auto p = read("[\"" + head + bad + tail + "\"]");
      if (bad == '\x7F') {  // DEL is allowed in JSON strings
        REQUIRE(p.ok);
        CHECK(p.value.items[0].text == head + bad + tail);
        continue;
      }
      CHECK_FALSE(p.ok);
      REQUIRE(p.errors.size() == 1);
      CHECK(p.errors[0].offset == at + 2);
    }
  }
}

TEST_CASE("JSON: strict syntax errors with offsets, codes and hints", "[json]") {
  struct Case {
    const char* text;
    const char* message;
    std::uint32_t offset;
    const char* code;
  };
  const Case cases[] = {
      {"{\"a\": 1,}", "expected a member name in double quotes, found '}'", 8, "json-syntax"},
      {"[1,]", "expected a value, found ']'", 3, "json-syntax"},
      {"{'a': 1}", "expected a member name in double quotes, found '''", 1, "json-syntax"},
      {"{\"a\": 1 \"b\": 2}", "expected ',' or '}' after an object member, found '\"'", 8,
       "json-syntax"},
      {"[1 2]", "expected ',' or ']' after an array element, found '2'", 3, "json-syntax"},
      {"[01]", "numbers must not have leading zeros", 2, "json-syntax"},
      {"[1.]", "expected digits after '.', found ']'", 3, "json-syntax"},
      {"[1e]", "expected digits in the exponent, found ']'", 3, "json-syntax"},
      {"[-]", "expected digits in a number, found ']'", 2, "json-syntax"},
      {"[NaN]", "expected a value, found 'N'", 1, "json-syntax"},
      {"[Infinity]", "expected a value, found 'I'", 1, "json-syntax"},
      {"[1] // comment", "unexpected '/' after the document", 4, "json-syntax"},
      {"/* c */ [1]", "expected a value, found '/'", 0, "json-syntax"},
      {"[\"a\\x\"]", "invalid escape '\\x' in a string", 3, "json-syntax"},
      {"[\"\\u12G4\"]", "expected four hex digits after \\u, found 'G'", 6, "json-syntax"},
      {"[\"\\ud800\"]", "unpaired UTF-16 surrogate in \\u escape", 8, "json-syntax"},
      {"[\"\\ud800\\u0041\"]", "unpaired UTF-16 surrogate in \\u escape", 8, "json-syntax"},
      {"[\"\\udc00\"]", "unpaired UTF-16 surrogate in \\u escape", 8, "json-syntax"},
      {"[\"a\nb\"]", "control character in a string (byte 0x0A)", 3, "json-syntax"},
      {"[\"abc", "unterminated string: expected '\"', found end of file", 5, "json-syntax"},
      {"{\"a\" 1}", "expected ':' after the member name, found '1'", 5, "json-syntax"},
      {"[1] 2", "unexpected '2' after the document", 4, "json-syntax"},
      {"[nul]", "expected a value, found 'n'", 1, "json-syntax"},
      {"[tru]", "expected a value, found 't'", 1, "json-syntax"},
      {"", "expected a value, found end of file", 0, "json-syntax"},
      {"[1,", "expected a value, found end of file", 3, "json-syntax"},
      {"[\"\xC0\xAF\"]", "invalid UTF-8 byte 0xC0", 2, "invalid-utf8"},          // overlong
      {"[\"\xED\xA0\x80\"]", "invalid UTF-8 byte 0xED", 2, "invalid-utf8"},      // surrogate
      {"[\"\xF4\x90\x80\x80\"]", "invalid UTF-8 byte 0xF4", 2, "invalid-utf8"},  // > U+10FFFF
      {"[\"ab\xE2\x82\"]", "invalid UTF-8 byte 0xE2", 4, "invalid-utf8"},        // truncated
      {"[\xFF]", "invalid UTF-8 byte 0xFF", 1, "invalid-utf8"},                  // outside strings
      {"[\xC3\xA9]", "expected a value, found '\xC3\xA9'", 1, "json-syntax"},    // valid, misplaced
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto p = read(c.text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message == c.message);
    CHECK(p.errors[0].offset == c.offset);
    CHECK(std::string(p.errors[0].code) == c.code);
    CHECK_FALSE(p.errors[0].hint.empty());
  }
}

TEST_CASE("JSON: an error names the pointer of the value being read", "[json]") {
  const std::string text = R"({"servers": [ {"kind": "inproc"}, {"name": "a)"
                           "\xFF"
                           R"("} ]})";
  const auto p = read(text);
  REQUIRE(p.errors.size() == 1);
  CHECK(std::string(p.errors[0].code) == "invalid-utf8");
  CHECK(p.errors[0].pointer == "/servers/1/name");
  const auto q = read(R"({"a": {"b": [1, 2 3]}})");
  REQUIRE(q.errors.size() == 1);
  CHECK(q.errors[0].pointer == "/a/b");
}

TEST_CASE("JSON: duplicate keys are reported and the first is kept", "[json]") {
  const std::string text = R"({"a": 1, "b": {"c": 2, "c": 3}, "a": 4})";
  const auto p = read(text);
  CHECK(p.ok);
  REQUIRE(p.errors.size() == 2);
  CHECK(p.errors[0].message == "duplicate member 'c'");
  CHECK(std::string(p.errors[0].code) == "duplicate-key");
  CHECK(p.errors[0].offset == text.rfind("\"c\""));
  CHECK(p.errors[0].pointer == "/b/c");
  CHECK(p.errors[1].message == "duplicate member 'a'");
  CHECK(p.errors[1].offset == text.rfind("\"a\""));
  CHECK(p.errors[1].pointer == "/a");
  REQUIRE(p.value.members.size() == 2);
  CHECK(p.value.find("a")->text == "1");
  CHECK(p.value.find("b")->find("c")->text == "2");
}

TEST_CASE("JSON: duplicate keys among many members", "[json]") {
  std::string text = "{";
  for (int i = 0; i < 100; ++i)
    text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
  // Names are compared exactly (the set's hash folds case; equal hashes are not equal names).
  text += "\"K42\": 1, \"k42\": 0}";
  const auto p = read(text);
  CHECK(p.ok);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].offset == text.rfind("\"k42\""));
  CHECK(p.value.members.size() == 101);
}

TEST_CASE("JSON: nesting is bounded, never recursed", "[json]") {
  CHECK(read(std::string(64, '[') + std::string(64, ']')).ok);
  const auto deep = read(std::string(65, '[') + std::string(65, ']'));
  CHECK_FALSE(deep.ok);
  REQUIRE(deep.errors.size() == 1);
  CHECK(deep.errors[0].message == "nesting deeper than 64 levels");
  CHECK(std::string(deep.errors[0].code) == "too-deep");
  CHECK(deep.errors[0].offset == 64);
  // Hostile input: a million open brackets, refused at the limit.
  const auto hostile = read(std::string(1'000'000, '['));
  CHECK_FALSE(hostile.ok);
  REQUIRE(hostile.errors.size() == 1);
  CHECK(std::string(hostile.errors[0].code) == "too-deep");
  // Even with no practical limit, depth costs heap, not stack.
  const std::string million = std::string(1'000'000, '[') + std::string(1'000'000, ']');
  const auto flat = read_flat(million, 2'000'000);
  CHECK(flat.ok);
  CHECK(flat.errors.empty());
  CHECK(flat.doc.root().size() == 1);
  const auto unclosed = read_flat(std::string(1'000'000, '{'), 2'000'000);
  CHECK_FALSE(unclosed.ok);
  REQUIRE(unclosed.errors.size() == 1);
  CHECK(unclosed.errors[0].message == "expected a member name in double quotes, found '{'");
}

TEST_CASE("JSON: a UTF-8 BOM is skipped", "[json]") {
  const auto p = read("\xEF\xBB\xBF{\"a\": 1}");
  CHECK(p.ok);
  CHECK(p.value.members[0].key_offset == 4);
}

TEST_CASE("JSON: a one-megabyte string", "[json]") {
  const std::string big(1 << 20, 'x');
  const std::string text = "{\"k\": \"" + big + "\\n\", \"j\": \"" + big + "\"}";
  const auto f = read_flat(text);
  REQUIRE(f.ok);
  CHECK(f.doc.root().find("k").text() == big + "\n");
  CHECK(f.doc.root().find("j").text() == big);
}

TEST_CASE("JSON: line and column of an offset", "[json]") {
  const std::string text = "\xEF\xBB\xBF{\n  \"caf\xC3\xA9\": 1,\r\n\t\"b\": 2\n}";
  const LineIndex lines(text);
  CHECK(lines.position(3).line == 1);
  CHECK(lines.position(3).column == 1);  // the BOM is not a character
  const auto one = lines.position(static_cast<std::uint32_t>(text.find('1')));
  CHECK(one.line == 2);
  CHECK(one.column == 11);  // code points, not bytes: é counts once
  const auto b = lines.position(static_cast<std::uint32_t>(text.find("\"b\"")));
  CHECK(b.line == 3);
  CHECK(b.column == 2);  // the tab counts as one
  const auto end = lines.position(static_cast<std::uint32_t>(text.size()));
  CHECK(end.line == 4);
  CHECK(end.column == 2);
}

TEST_CASE("JSON: columns on a very long line", "[json]") {
  // Minified input: one line of several megabytes with non-ASCII characters in it.
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "\"\xC3\xA9t\xC3\xA9\",";  // 8 bytes, 6 characters
  const LineIndex lines(text);
  const auto p = lines.position(static_cast<std::uint32_t>(8 * 77777));
  CHECK(p.line == 1);
  CHECK(p.column == 6 * 77777 + 1);
  const auto q = lines.position(static_cast<std::uint32_t>(8 * 77777 + 2));  // after "é
  CHECK(q.column == 6 * 77777 + 3);
}
