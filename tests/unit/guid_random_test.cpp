// random_guid(): version 4 GUIDs from the system's CSPRNG.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "comreg/core/guid.hpp"

TEST_CASE("random_guid: canonical form, version 4, RFC 4122 variant", "[guid]") {
  for (int i = 0; i < 1000; ++i) {
    const std::string g = comreg::random_guid();
    INFO(g);
    // The existing parser reads it back unchanged: braced, upper case, 8-4-4-4-12.
    REQUIRE(comreg::normalize_guid(g) == g);
    CHECK(g[15] == '4');         // the version nibble: first digit of the third group
    const char variant = g[20];  // first digit of the fourth group: 10xx
    CHECK((variant == '8' || variant == '9' || variant == 'A' || variant == 'B'));
  }
}

TEST_CASE("random_guid: no repeats, and every random digit takes many values", "[guid]") {
  constexpr int count = 20000;
  std::set<std::string> seen;
  // For each of the 38 positions, the digits seen there: a stuck or weak source shows up as a
  // position with few values.
  std::set<char> digits[38];
  for (int i = 0; i < count; ++i) {
    const std::string g = comreg::random_guid();
    seen.insert(g);
    for (std::size_t p = 0; p < g.size(); ++p) digits[p].insert(g[p]);
  }
  CHECK(seen.size() == static_cast<std::size_t>(count));
  for (std::size_t p = 1; p < 37; ++p) {
    CAPTURE(p);
    if (p == 9 || p == 14 || p == 19 || p == 24) continue;  // the dashes
    if (p == 15)
      CHECK(digits[p].size() == 1);  // version
    else if (p == 20)
      CHECK(digits[p].size() == 4);  // variant 8, 9, A, B
    else
      CHECK(digits[p].size() == 16);
  }
}
