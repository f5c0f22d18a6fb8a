#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "comreg/core/diagnostics.hpp"

TEST_CASE("Diagnostics: compiler-style text with pointer and hint", "[diagnostics]") {
  comreg::Diagnostic d{comreg::Severity::error,
                       "bad-guid",
                       "invalid GUID '{1234}'",
                       {"widgets.json", 7, 16, "/servers/0/classes/0/clsid"},
                       "write {…}"};
  CHECK(comreg::format_diagnostic(d) ==
        "widgets.json:7:16: error: invalid GUID '{1234}' [bad-guid]\n"
        "  at /servers/0/classes/0/clsid\n"
        "  hint: write {…}\n");
  comreg::Diagnostic bare{comreg::Severity::warning, "", "plain", {}, ""};
  CHECK(comreg::format_diagnostic(bare) == "warning: plain\n");
}

TEST_CASE("Diagnostics: JSON document for tools", "[diagnostics]") {
  comreg::Diagnostics ds;
  ds.error("bad-guid", "invalid GUID", {"w.json", 2, 3, "/x"}, "hint");
  ds.warning("not-registration-free", "skipped \xFF", {"w.json", 4, 1, "/y"});
  CHECK(ds.has_errors());
  CHECK(ds.error_count() == 1);
  CHECK(ds.warning_count() == 1);
  const auto j = nlohmann::json::parse(comreg::format_diagnostics_json(ds));
  CHECK(j["errors"] == 1);
  CHECK(j["warnings"] == 1);
  CHECK(j["diagnostics"][0]["code"] == "bad-guid");
  CHECK(j["diagnostics"][0]["line"] == 2);
  CHECK(j["diagnostics"][0]["column"] == 3);
  CHECK(j["diagnostics"][0]["pointer"] == "/x");
  CHECK(j["diagnostics"][0]["hint"] == "hint");
  CHECK(j["diagnostics"][1]["severity"] == "warning");
  CHECK_FALSE(j["diagnostics"][1].contains("hint"));
}
