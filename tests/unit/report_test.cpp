// GitHub Actions workflow commands: the form the runner parses, and its escaping.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "report.hpp"

using comreg::Diagnostic;
using comreg::Severity;
using comreg::cli::format_github_annotation;

TEST_CASE("GitHub annotation: severity, location, code as title", "[report]") {
  Diagnostic d{
      Severity::error, "bad-guid", "invalid GUID '{0F5D}'", {"samples/w.json", 6, 31, ""}, ""};
  CHECK(format_github_annotation(d) ==
        "::error file=samples/w.json,line=6,col=31,title=bad-guid::invalid GUID '{0F5D}'\n");
  d.severity = Severity::warning;
  CHECK(format_github_annotation(d).rfind("::warning file=", 0) == 0);
  d.severity = Severity::note;
  CHECK(format_github_annotation(d).rfind("::notice file=", 0) == 0);
}

TEST_CASE("GitHub annotation: what is unknown is left out", "[report]") {
  const Diagnostic no_line{Severity::error, "json-syntax", "m", {"a.json", 0, 0, ""}, ""};
  CHECK(format_github_annotation(no_line) == "::error file=a.json,title=json-syntax::m\n");
  const Diagnostic no_column{Severity::error, "c", "m", {"a.json", 3, 0, ""}, ""};
  CHECK(format_github_annotation(no_column) == "::error file=a.json,line=3,title=c::m\n");
  const Diagnostic nothing{Severity::error, "", "m", {}, ""};
  CHECK(format_github_annotation(nothing) == "::error::m\n");
}

TEST_CASE("GitHub annotation: escaping of the message and the properties", "[report]") {
  // The message keeps ':' and ',' but not '%', CR or LF; properties escape ':' and ',' too.
  const Diagnostic d{Severity::error,
                     "x:y",
                     "100% wrong,\r\nsee: here",
                     {"C:\\src\\a,b.json", 2, 5, "/servers/0"},
                     "do this"};
  CHECK(format_github_annotation(d) ==
        "::error file=C%3A\\src\\a%2Cb.json,line=2,col=5,title=x%3Ay::100%25 wrong,%0D%0Asee: "
        "here%0Aat /servers/0%0Ahint: do this\n");
}

TEST_CASE("GitHub Actions is detected by GITHUB_ACTIONS=true only", "[report]") {
  const char* before = std::getenv("GITHUB_ACTIONS");
  const std::string saved = before ? before : "";
#ifdef _WIN32
  const auto set = [](const char* v) { _putenv_s("GITHUB_ACTIONS", v); };
#else
  const auto set = [](const char* v) { setenv("GITHUB_ACTIONS", v, 1); };
#endif
  set("true");
  CHECK(comreg::cli::running_in_github_actions());
  set("false");
  CHECK_FALSE(comreg::cli::running_in_github_actions());
  set("");
  CHECK_FALSE(comreg::cli::running_in_github_actions());
  set(saved.c_str());
}
