#include <catch2/catch.hpp>

#include "comreg/core/registry_value.hpp"

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
}
