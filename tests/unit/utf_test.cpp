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

TEST_CASE("UTF: to_utf16 gives the units append_utf16le writes, at every place of a run", "[utf]") {
  // A character of each length, a stray continuation byte and a cut-off lead byte (each one
  // U+FFFD), at every place of ASCII text: the ASCII loop must hand over to the decoder and
  // take over again exactly there.
  const std::string ascii = "CLSID\\{00000000-0000}\\InprocServer32";
  for (const std::string odd : {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\x80", "\xC3"}) {
    for (std::size_t at = 0; at <= ascii.size(); ++at) {
      const std::string text = ascii.substr(0, at) + odd + ascii.substr(at) + odd;
      std::string le;
      append_utf16le(le, text);
      std::u16string units(le.size() / 2, u'\0');
      for (std::size_t i = 0; i < units.size(); ++i) {
        units[i] = static_cast<char16_t>(static_cast<unsigned char>(le[2 * i]) |
                                         static_cast<unsigned char>(le[2 * i + 1]) << 8);
      }
      INFO("at " << at);
      CHECK(to_utf16(text) == units);
    }
  }
  CHECK(to_utf16("").empty());
  CHECK(to_utf16(ascii) == u"CLSID\\{00000000-0000}\\InprocServer32");
}

namespace {

// UTF-8 of one code unit sequence, written the plain way: the reference the fast paths must
// agree with.
std::string reference_utf8(const std::u16string& units, bool& exact) {
  std::string out;
  exact = true;
  for (std::size_t i = 0; i < units.size(); ++i) {
    char32_t cp = units[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < units.size() && units[i + 1] >= 0xDC00 &&
        units[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (units[i + 1] - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
      exact = false;
    }
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace

TEST_CASE("UTF: UTF-16LE bytes to UTF-8, every kind of unit at every place of an ASCII run",
          "[utf]") {
  // The decoder takes ASCII four units at a time: a unit of each other kind (two-byte, three-
  // byte, a surrogate pair, lone surrogates, NUL, 0x7F/0x80 and a high byte over ASCII) placed
  // at every offset of runs of 0 to 13 units, which cross the four-unit steps.
  const std::u16string kinds[] = {u"\u00E9",
                                  u"\u4E2D",
                                  u"\U0001F600",
                                  std::u16string(1, u'\xD800'),
                                  std::u16string(1, u'\xDC00'),
                                  std::u16string(1, u'\0'),
                                  u"\u007F",
                                  u"\u0080",
                                  u"\u0141"};
  for (std::size_t length = 0; length < 14; ++length) {
    for (std::size_t at = 0; at <= length; ++at) {
      for (const auto& kind : kinds) {
        std::u16string units;
        for (std::size_t i = 0; i < length; ++i) units.push_back(static_cast<char16_t>(u'a' + i));
        units.insert(at, kind);
        std::string bytes;
        for (const char16_t u : units) {
          bytes.push_back(static_cast<char>(u & 0xFF));
          bytes.push_back(static_cast<char>(u >> 8));
        }
        bool exact = true;
        const std::string expected = reference_utf8(units, exact);
        std::string got = "prefix";
        const bool got_exact = append_utf8_of_utf16le(
            got, reinterpret_cast<const unsigned char*>(bytes.data()), units.size());
        CAPTURE(length, at, static_cast<unsigned>(kind[0]));
        CHECK(got == "prefix" + expected);
        CHECK(got_exact == exact);
        CHECK(to_utf8(units) == expected);
      }
    }
  }
}
