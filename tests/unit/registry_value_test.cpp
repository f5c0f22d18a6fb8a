#include <catch2/catch.hpp>

#include <iterator>

#include "comreg/core/registry_value.hpp"
#include "core/utf.hpp"

using comreg::RegType;
using comreg::RegValue;

TEST_CASE("RegValue: raw bytes as the registry stores them", "[value]") {
  CHECK(RegValue::sz("Ab").raw_bytes() == std::vector<std::uint8_t>{'A', 0, 'b', 0, 0, 0});
  CHECK(RegValue::multi_sz({"a", "b"}).raw_bytes() ==
        std::vector<std::uint8_t>{'a', 0, 0, 0, 'b', 0, 0, 0, 0, 0});
  CHECK(RegValue::dword(0x01020304).raw_bytes() == std::vector<std::uint8_t>{4, 3, 2, 1});
  CHECK(RegValue::qword(1).raw_bytes() == std::vector<std::uint8_t>{1, 0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("RegValue: decoding raw bytes round-trips and keeps odd data", "[value]") {
  const auto sz = RegValue::from_raw(RegType::sz, {'A', 0, 'b', 0, 0, 0});
  CHECK(sz.text == "Ab");
  CHECK(sz == RegValue::sz("Ab"));
  // A string without its terminator is not the same value as the terminated one.
  const auto unterminated = RegValue::from_raw(RegType::sz, {'A', 0});
  CHECK(unterminated.text == "A");
  CHECK_FALSE(unterminated == RegValue::sz("A"));
  CHECK(RegValue::from_raw(RegType::dword, {4, 3, 2, 1}).number == 0x01020304);
  CHECK(RegValue::from_raw(RegType::multi_sz, RegValue::multi_sz({"x", "y"}).raw_bytes()).strings ==
        std::vector<std::string>{"x", "y"});
  CHECK_FALSE(RegValue::sz("1") == RegValue::expand_sz("1"));  // the type matters
}

TEST_CASE("RegValue: type names and display", "[value]") {
  CHECK(comreg::reg_type_name(RegType::expand_sz) == "REG_EXPAND_SZ");
  CHECK(comreg::reg_type_name(static_cast<RegType>(0x42)) == "REG_0x42");
  CHECK(RegValue::sz("C:\\\"x\"").display() == "\"C:\\\\\\\"x\\\"\"");
  CHECK(RegValue::dword(11).display() == "0xb");
  CHECK(RegValue::binary({1, 0xAB}).display() == "01,ab");
  // Each escape at the start, in the middle and at the end of a run, and runs without any.
  CHECK(RegValue::sz("\\a\"\"b\\").display() == "\"\\\\a\\\"\\\"b\\\\\"");
  CHECK(RegValue::expand_sz("%SystemRoot%\\x.dll").display() == "\"%SystemRoot%\\\\x.dll\"");
  CHECK(RegValue::sz("").display() == "\"\"");
  CHECK(RegValue::multi_sz({"a\"", "", "\\"}).display() == "[\"a\\\"\", \"\", \"\\\\\"]");
  CHECK(RegValue::dword(0).display() == "0x0");
  CHECK(RegValue::dword(0xFFFFFFFFu).display() == "0xffffffff");
  CHECK(RegValue::qword(0x0123456789ABCDEFull).display() == "0x123456789abcdef");
  CHECK(RegValue::qword(UINT64_MAX).display() == "0xffffffffffffffff");
  CHECK(RegValue::binary({}).display() == "(empty)");
  CHECK(RegValue::binary({0x00, 0x0F, 0xF0, 0xFF}).display() == "00,0f,f0,ff");
  CHECK(RegValue::from_raw(RegType::dword, {1, 2}).display() == "01,02");  // too short
  // display(out) appends after what `out` holds, every kind written in place.
  std::string out = "v=";
  RegValue::binary({0x7F, 0x80}).display(out);
  out += ' ';
  RegValue::qword(0x10).display(out);
  out += ' ';
  RegValue::multi_sz({"x"}).display(out);
  out += ' ';
  RegValue::binary({}).display(out);
  out += ' ';
  RegValue::sz("y").display(out);
  CHECK(out == "v=7f,80 0x10 [\"x\"] (empty) \"y\"");
  // Quotes and backslashes at every place of strings of 0 to 20 bytes, one or two of them
  // (the search reads eight bytes a step: before, inside and after each word), with bytes
  // next in value to them and high bytes around.
  const auto quoted = [](const std::string& s) {
    std::string q = "\"";
    for (const char c : s) {
      if (c == '"' || c == '\\') q += '\\';
      q += c;
    }
    return q + "\"";
  };
  for (std::size_t n = 0; n <= 20; ++n) {
    for (std::size_t i = 0; i <= n; ++i) {
      for (std::size_t j = i; j <= n; ++j) {
        for (const char a : {'"', '\\', '#', '[', ']'}) {
          std::string s(n, 'x');
          for (std::size_t k = 0; k < n; ++k) s[k] = k % 3 == 0 ? '!' : k % 3 == 1 ? '\xC3' : ']';
          if (i < n) s[i] = a;
          if (j < n) s[j] = j % 2 == 0 ? '"' : '\\';
          INFO("string of " << n << ", special bytes at " << i << " and " << j);
          CHECK(RegValue::sz(s).display() == quoted(s));
        }
      }
    }
  }
  std::vector<std::uint8_t> many(1000);
  for (std::size_t i = 0; i < many.size(); ++i) many[i] = static_cast<std::uint8_t>(i * 7);
  const std::string shown = RegValue::binary(many).display();
  REQUIRE(shown.size() == 2999);
  CHECK(shown.substr(0, 12) == "00,07,0e,15,");
  CHECK(shown.substr(2993) == ",4a,51");  // bytes 998 and 999: 6986 and 6993, low bytes
}

namespace {

// What from_raw must give, written the plain way (the strings decoded unit by unit into
// UTF-16 strings, converted, and the bytes kept unless re-encoding gives them back): the
// reference for the decoder that reads straight from the bytes.
std::vector<std::string> reference_strings(const std::vector<std::uint8_t>& raw) {
  std::vector<std::string> out;
  std::u16string current;
  for (std::size_t i = 0; i + 1 < raw.size(); i += 2) {
    const auto unit = static_cast<char16_t>(raw[i] | (raw[i + 1] << 8));
    if (unit == 0) {
      out.push_back(comreg::text::to_utf8(current));
      current.clear();
    } else {
      current.push_back(unit);
    }
  }
  if (!current.empty()) out.push_back(comreg::text::to_utf8(current));
  return out;
}

RegValue reference_from_raw(RegType type, const std::vector<std::uint8_t>& raw) {
  RegValue v;
  v.type = type;
  if (type == RegType::multi_sz) {
    v.strings = reference_strings(raw);
    if (!v.strings.empty() && v.strings.back().empty()) v.strings.pop_back();
  } else {
    const auto list = reference_strings(raw);
    v.text = list.empty() ? std::string() : list.front();
  }
  if (v.raw_bytes() != raw) v.bytes = raw;
  return v;
}

}  // namespace

TEST_CASE("RegValue: strings from raw bytes, every short sequence of unit kinds", "[value]") {
  // Every sequence of up to five units drawn from ASCII, NUL, a two-byte character, a
  // surrogate pair's halves and a lone low surrogate, with and without an odd last byte: the
  // decoded strings and whether the bytes are kept must be what the plain decoding gives.
  const std::uint16_t kinds[] = {'a', 'B', 0, 0xE9, 0xD83D, 0xDE00, 0xDC00};
  const std::size_t kind_count = std::size(kinds);
  std::size_t checked = 0;
  for (std::size_t length = 0; length <= 5; ++length) {
    std::size_t combinations = 1;
    for (std::size_t i = 0; i < length; ++i) combinations *= kind_count;
    for (std::size_t c = 0; c < combinations; ++c) {
      std::vector<std::uint8_t> raw;
      for (std::size_t i = 0, rest = c; i < length; ++i, rest /= kind_count) {
        const std::uint16_t unit = kinds[rest % kind_count];
        raw.push_back(static_cast<std::uint8_t>(unit & 0xFF));
        raw.push_back(static_cast<std::uint8_t>(unit >> 8));
      }
      for (const bool odd : {false, true}) {
        auto bytes = raw;
        if (odd) bytes.push_back('x');
        for (const RegType type : {RegType::sz, RegType::expand_sz, RegType::multi_sz}) {
          const RegValue got = RegValue::from_raw(type, bytes);
          const RegValue expected = reference_from_raw(type, bytes);
          CAPTURE(length, c, odd, static_cast<int>(type));
          CHECK(got.text == expected.text);
          CHECK(got.strings == expected.strings);
          CHECK(got.bytes == expected.bytes);
          // From bytes the caller keeps: the same value, bytes kept alike.
          const RegValue viewed = RegValue::from_raw_view(type, bytes);
          CHECK(viewed.text == got.text);
          CHECK(viewed.strings == got.strings);
          CHECK(viewed.bytes == got.bytes);
          // Whatever was decoded, the value gives back the registry's bytes exactly.
          if (!bytes.empty()) CHECK(got.raw_bytes() == bytes);
          ++checked;
        }
      }
    }
  }
  CHECK(checked == 2 * 3 * (1 + 7 + 49 + 343 + 2401 + 16807));
}

TEST_CASE("RegValue: long ASCII strings and lists decode and encode whole", "[value]") {
  // Past the four-units-at-a-time steps: lengths around multiples of four, in lists too.
  for (std::size_t n = 0; n < 40; ++n) {
    std::string text;
    for (std::size_t i = 0; i < n; ++i) text.push_back(static_cast<char>('!' + (i * 7) % 90));
    const RegValue sz = RegValue::sz(text);
    const auto raw = sz.raw_bytes();
    REQUIRE(raw.size() == 2 * n + 2);
    CHECK(RegValue::from_raw(RegType::sz, raw) == sz);
    CHECK(RegValue::from_raw(RegType::sz, raw).bytes.empty());
    const RegValue list = RegValue::multi_sz({text, "", text + "\xC3\xA9", text});
    CHECK(RegValue::from_raw(RegType::multi_sz, list.raw_bytes()) == list);
    CHECK(RegValue::from_raw(RegType::multi_sz, list.raw_bytes()).bytes.empty());
  }
}

TEST_CASE("RegValue: equal exactly when the registry would store the same", "[value]") {
  // operator== compares decoded forms where they tell, bytes otherwise: against the plain
  // comparison of what each would store, for every pair of a set of values made to collide.
  RegValue wide_dword = RegValue::dword(7);
  wide_dword.number = 0x1'00000007;  // bits a DWORD does not store
  std::vector<RegValue> values = {
      RegValue::sz("a"),
      RegValue::sz("A"),
      RegValue::sz(""),
      RegValue::sz(std::string("a\0", 2)),
      RegValue::sz("\xFF"),  // invalid UTF-8: stored as U+FFFD
      RegValue::sz("\xFE"),
      RegValue::sz("\xEF\xBF\xBD"),  // U+FFFD itself
      RegValue::expand_sz("a"),
      RegValue::from_raw(RegType::sz, {'a', 0, 0, 0}),
      RegValue::from_raw(RegType::sz, {'a', 0}),            // unterminated
      RegValue::from_raw(RegType::sz, {0x00, 0xD8, 0, 0}),  // a lone surrogate, kept as bytes
      RegValue::multi_sz({"a", "b"}),
      RegValue::multi_sz({std::string("a\0b", 3)}),  // the same units as {"a", "b"}
      RegValue::multi_sz({}),
      RegValue::multi_sz({""}),
      RegValue::from_raw(RegType::multi_sz, RegValue::multi_sz({"a", "b"}).raw_bytes()),
      RegValue::dword(7),
      wide_dword,
      RegValue::from_raw(RegType::dword, {7, 0, 0, 0}),
      RegValue::from_raw(RegType::dword, {7, 0}),  // too short: kept as bytes
      RegValue::qword(7),
      RegValue::qword(0x1'00000007),
      RegValue::binary({7, 0, 0, 0}),
      RegValue::binary({}),
      RegValue::from_raw(static_cast<RegType>(0x42), {7, 0, 0, 0}),
  };
  for (std::size_t i = 0; i < values.size(); ++i) {
    for (std::size_t j = 0; j < values.size(); ++j) {
      const bool stored_alike =
          values[i].type == values[j].type && values[i].raw_bytes() == values[j].raw_bytes();
      INFO("values " << i << " and " << j << ": " << values[i].display() << ", "
                     << values[j].display());
      CHECK((values[i] == values[j]) == stored_alike);
    }
  }
}
