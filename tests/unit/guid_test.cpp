#include <catch2/catch.hpp>

#include "comreg/core/guid.hpp"

TEST_CASE("GUID: accepted forms are normalized to upper case with braces", "[guid]") {
  const std::string canonical = "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}";
  CHECK(comreg::normalize_guid("{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}") == canonical);
  CHECK(comreg::normalize_guid("0f5d1c8e-4b7a-4f2e-9c3d-2a6b8e1f7c01") == canonical);
  CHECK(comreg::normalize_guid("{0f5D1c8E-4b7A-4f2E-9c3D-2a6B8e1F7c01}") == canonical);
}

TEST_CASE("GUID: malformed text is refused", "[guid]") {
  for (const char* bad :
       {"", "{}", "0F5D1C8E4B7A4F2E9C3D2A6B8E1F7C01", "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01",
        "0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}", "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C0G}",
        "{0F5D1C8E_4B7A-4F2E-9C3D-2A6B8E1F7C01}", "(0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01)"}) {
    CAPTURE(bad);
    CHECK_FALSE(comreg::normalize_guid(bad));
  }
}

TEST_CASE("GUID: in-memory bytes are little-endian in the first three fields", "[guid]") {
  const auto b = comreg::guid_bytes("{00299570-246D-11D0-A768-00AA006E0529}");
  REQUIRE(b);
  CHECK(*b == std::array<std::uint8_t, 16>{0x70, 0x95, 0x29, 0x00, 0x6D, 0x24, 0xD0, 0x11, 0xA7,
                                           0x68, 0x00, 0xAA, 0x00, 0x6E, 0x05, 0x29});
}

TEST_CASE("GUID: canonical exactly when normalizing gives the text back", "[guid]") {
  // Every byte at every place of a canonical GUID: the fast test agrees with the normalizer.
  const std::string base = "{0123ABCD-4567-89EF-0A1B-2C3D4E5F6789}";
  CHECK(comreg::is_canonical_guid(base));
  for (std::size_t i = 0; i < base.size(); ++i) {
    for (int b = 0; b < 256; ++b) {
      std::string s = base;
      s[i] = static_cast<char>(b);
      const auto normal = comreg::normalize_guid(s);
      INFO("byte " << b << " at " << i);
      CHECK(comreg::is_canonical_guid(s) == (normal && *normal == s));
    }
  }
  for (const std::string& s : {base.substr(1, 36), base + " ", base.substr(0, 37), std::string()}) {
    CHECK_FALSE(comreg::is_canonical_guid(s));
  }
}
