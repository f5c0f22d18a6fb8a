// The position-keeping JSON reader.
#include <catch2/catch.hpp>
#include <string>

#include "json/json_value.hpp"

using comreg::json::Kind;
using comreg::json::LineIndex;
using comreg::json::parse;
using comreg::json::ParseError;
using comreg::json::Value;

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
  CHECK(a.items[1].text == "-2.5e3");
  CHECK(a.items[1].offset == text.find("-2.5e3"));
  CHECK(a.items[2].boolean);
  CHECK(a.items[4].kind == Kind::null);
  CHECK(p.value.find("b")->find("c")->text == "d");
  CHECK(p.value.find("missing") == nullptr);
}

TEST_CASE("JSON: string escapes and Unicode", "[json]") {
  const auto p = read(R"(["\"\\\/\b\f\n\r\t", "\u00e9\ud83d\ude00", "caf)"
                      "\xC3\xA9"
                      R"("])");
  REQUIRE(p.ok);
  CHECK(p.value.items[0].text == "\"\\/\b\f\n\r\t");
  CHECK(p.value.items[1].text == "\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(p.value.items[2].text == "caf\xC3\xA9");
}

TEST_CASE("JSON: strict syntax errors with offsets", "[json]") {
  struct Case {
    const char* text;
    const char* message;
    std::uint32_t offset;
  };
  const Case cases[] = {
      {"{\"a\": 1,}", "expected a member name in double quotes, found '}'", 8},
      {"[1,]", "expected a value, found ']'", 3},
      {"{'a': 1}", "expected a member name in double quotes, found '''", 1},
      {"[01]", "numbers must not have leading zeros", 2},
      {"[1.]", "expected digits after '.', found ']'", 3},
      {"[\"a\\x\"]", "invalid escape '\\x' in a string", 3},
      {"[\"\\ud800\"]", "unpaired UTF-16 surrogate in \\u escape", 8},
      {"[\"a\nb\"]", "control character in a string (byte 0x0A)", 3},
      {"[\"abc", "unterminated string: expected '\"', found end of file", 5},
      {"{\"a\" 1}", "expected ':' after the member name, found '1'", 5},
      {"[1] 2", "unexpected '2' after the document", 4},
      {"[nul]", "expected a value, found 'n'", 1},
      {"", "expected a value, found end of file", 0},
      {"[\"\xC0\xAF\"]", "invalid UTF-8 byte 0xC0", 2},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto p = read(c.text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message == c.message);
    CHECK(p.errors[0].offset == c.offset);
    CHECK_FALSE(p.errors[0].hint.empty());
  }
}

TEST_CASE("JSON: duplicate keys are reported and the first is kept", "[json]") {
  const std::string text = R"({"a": 1, "b": 2, "a": 3})";
  const auto p = read(text);
  CHECK(p.ok);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "duplicate member 'a'");
  CHECK(p.errors[0].offset == text.rfind("\"a\""));
  REQUIRE(p.value.members.size() == 2);
  CHECK(p.value.find("a")->text == "1");
}

TEST_CASE("JSON: nesting is bounded, not recursed without limit", "[json]") {
  CHECK(read(std::string(64, '[') + std::string(64, ']')).ok);
  const auto deep = read(std::string(65, '[') + std::string(65, ']'));
  CHECK_FALSE(deep.ok);
  REQUIRE(deep.errors.size() == 1);
  CHECK(deep.errors[0].message == "nesting deeper than 64 levels");
  CHECK(deep.errors[0].offset == 64);
  const auto hostile = read(std::string(10'000'000, '{'));
  CHECK_FALSE(hostile.ok);
}

TEST_CASE("JSON: a UTF-8 BOM is skipped", "[json]") {
  const auto p = read("\xEF\xBB\xBF{\"a\": 1}");
  CHECK(p.ok);
  CHECK(p.value.members[0].key_offset == 4);
}

TEST_CASE("JSON: line and column of an offset", "[json]") {
  const std::string text = "{\n  \"caf\xC3\xA9\": 1,\r\n\t\"b\": 2\n}";
  const LineIndex lines(text);
  CHECK(lines.position(0).line == 1);
  CHECK(lines.position(0).column == 1);
  const auto one = lines.position(static_cast<std::uint32_t>(text.find('1')));
  CHECK(one.line == 2);
  CHECK(one.column == 11);  // code points, not bytes: é counts once
  const auto b = lines.position(static_cast<std::uint32_t>(text.find("\"b\"")));
  CHECK(b.line == 3);
  CHECK(b.column == 2);
}
