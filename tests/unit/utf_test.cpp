#include <catch2/catch.hpp>

#include "core/utf.hpp"

using namespace comreg::text;

TEST_CASE("UTF: invalid UTF-8 is found at its offset", "[utf]") {
  CHECK(find_invalid_utf8("plain") == std::string_view::npos);
  CHECK(find_invalid_utf8("caf\xC3\xA9 \xF0\x9F\x98\x80") == std::string_view::npos);
  CHECK(find_invalid_utf8("ab\x80") == 2);             // stray continuation byte
  CHECK(find_invalid_utf8("a\xC0\xAF") == 1);          // overlong '/'
  CHECK(find_invalid_utf8("a\xED\xA0\x80") == 1);      // UTF-16 surrogate
  CHECK(find_invalid_utf8("a\xF4\x90\x80\x80") == 1);  // above U+10FFFF
  CHECK(find_invalid_utf8("a\xE2\x82") == 1);          // truncated
}

TEST_CASE("UTF: UTF-8 to UTF-16LE and back", "[utf]") {
  std::string le;
  append_utf16le(le, "A\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(le == std::string("A\0\xE9\0\x3D\xD8\x00\xDE", 8));
  CHECK(to_utf16("A\xF0\x9F\x98\x80") == u"A\U0001F600");
  CHECK(to_utf8(u"A\U0001F600\u00E9") == "A\xF0\x9F\x98\x80\xC3\xA9");
  CHECK(to_utf8(std::u16string(1, u'\xD800')) == "\xEF\xBF\xBD");  // lone surrogate -> U+FFFD
}
