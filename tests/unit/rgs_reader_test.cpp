// The registrar-script reader: the grammar as ATL writes it, and errors at line:column.
#include <catch2/catch.hpp>

#include "comreg/readers/rgs_reader.hpp"

TEST_CASE("rgs reader: keys, flags, values and quoting", "[rgs]") {
  const auto r = comreg::read_rgs(R"(HKCR
{
  NoRemove CLSID
  {
    ForceRemove {0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01} = s 'Contoso ''Widget'''
    {
      InprocServer32 = s '%MODULE%'
      {
        val ThreadingModel = s 'Apartment'
      }
      'Implemented Categories'
      Delete Old
      val Flags = d '0x2A'
    }
  }
}
)",
                                  "x.rgs");
  INFO(comreg::format_diagnostics_json(r.diagnostics));
  REQUIRE_FALSE(r.diagnostics.has_errors());
  REQUIRE(r.roots.size() == 1);
  CHECK(r.roots[0].name == "HKCR");
  const auto& clsid = r.roots[0].children.at(0);
  CHECK(clsid.flag == comreg::RgsFlag::no_remove);
  const auto& c = clsid.children.at(0);
  CHECK(c.name == "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}");
  CHECK(c.flag == comreg::RgsFlag::force_remove);
  CHECK(c.line == 5);
  REQUIRE(c.default_value);
  CHECK(c.default_value->text == "Contoso 'Widget'");
  REQUIRE(c.children.size() == 3);
  CHECK(c.children[0].values.at(0).first == "ThreadingModel");
  CHECK(c.children[1].name == "Implemented Categories");
  CHECK(c.children[2].flag == comreg::RgsFlag::remove);
  REQUIRE(c.values.size() == 1);
  const auto flags = comreg::rgs_to_reg_value(c.values[0].second, {});
  REQUIRE(flags);
  CHECK(*flags == comreg::RegValue::dword(42));
  const auto module =
      comreg::rgs_to_reg_value(*c.children[0].default_value, {{"MODULE", "C:\\x.dll"}});
  REQUIRE(module);
  CHECK(*module == comreg::RegValue::sz("C:\\x.dll"));
}

TEST_CASE("rgs reader: value conversions", "[rgs]") {
  std::string error;
  CHECK(*comreg::rgs_to_reg_value({'s', "100%%"}, {}) == comreg::RegValue::sz("100%"));
  CHECK(*comreg::rgs_to_reg_value({'e', "%%SystemRoot%%\\x"}, {}) ==
        comreg::RegValue::expand_sz("%SystemRoot%\\x"));
  CHECK(*comreg::rgs_to_reg_value({'b', "000FFF"}, {}) == comreg::RegValue::binary({0, 15, 255}));
  CHECK(*comreg::rgs_to_reg_value({'m', "a\\0b"}, {}) == comreg::RegValue::multi_sz({"a", "b"}));
  CHECK(*comreg::rgs_to_reg_value({'q', "4294967296"}, {}) == comreg::RegValue::qword(1ULL << 32));
  CHECK_FALSE(comreg::rgs_to_reg_value({'d', "4294967296"}, {}, &error));
  CHECK(error.find("32-bit") != std::string::npos);
  CHECK_FALSE(comreg::rgs_to_reg_value({'s', "%UNKNOWN%"}, {}, &error));
  CHECK(error == "no replacement for %UNKNOWN%");
  CHECK_FALSE(comreg::rgs_to_reg_value({'b', "0G"}, {}));
}

TEST_CASE("rgs reader: errors are located", "[rgs]") {
  struct Case {
    const char* text;
    std::uint32_t line, column;
    const char* message;
  };
  const Case cases[] = {
      {"HKCR\n{\n  Foo = x 'a'\n}\n", 3, 9, "expected a value type"},
      {"HKCR\n{\n  Foo = s 'never closed\n}\n", 3, 11, "unterminated string"},
      {"HKCR\n{\n  Foo\n", 2, 1, "'{' of key 'HKCR' is never closed"},
      {"HKCR\n{\n  val = s 'x'\n}\n", 3, 7, "expected a value name"},
      {"HKCR\n{\n  val Name s 'x'\n}\n", 3, 12, "expected '=' after value name 'Name'"},
      {"= s 'x'\n", 1, 1, "expected a key name"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto r = comreg::read_rgs(c.text, "bad.rgs");
    REQUIRE(r.diagnostics.has_errors());
    REQUIRE(r.diagnostics.size() == 1);
    const auto& d = r.diagnostics.items()[0];
    CHECK(d.code == "rgs-syntax");
    CHECK(d.location.file == "bad.rgs");
    CHECK(d.location.line == c.line);
    CHECK(d.location.column == c.column);
    CHECK(d.message.find(c.message) != std::string::npos);
    CHECK(r.roots.empty());
  }
}
