// Helpers to assert diagnostics by code, message and location in the test's own JSON text.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "comreg/description/description_loader.hpp"

namespace comreg::testing {

struct Position {
  std::uint32_t line;
  std::uint32_t column;
};

/// 1-based line/column of the first occurrence of `anchor` in `text` (ASCII test texts).
inline Position position_of(std::string_view text, std::string_view anchor) {
  const std::size_t at = text.find(anchor);
  REQUIRE(at != std::string_view::npos);
  Position p{1, 1};
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

inline LoadResult load_text(std::string_view text, LoadOptions options = {}) {
  if (options.defines.empty()) options.defines["installdir"] = "C:\\Program Files\\Contoso";
  return load_description(text, "test.json", options);
}

/// Requires exactly one diagnostic with `code` and checks its message, location and pointer.
/// Returns a copy: callers often pass a temporary LoadResult.
inline Diagnostic require_diagnostic(const LoadResult& result, std::string_view code,
                                     std::string_view message, std::string_view text,
                                     std::string_view anchor, std::string_view pointer) {
  const Diagnostic* found = nullptr;
  std::size_t count = 0;
  for (const auto& d : result.diagnostics) {
    if (d.code == code) found = &d, ++count;
  }
  INFO("diagnostics:\n" << format_diagnostics_json(result.diagnostics));
  REQUIRE(count == 1);
  CHECK(found->message == message);
  CHECK(found->location.file == "test.json");
  const Position p = position_of(text, anchor);
  CHECK(found->location.line == p.line);
  CHECK(found->location.column == p.column);
  CHECK(found->location.pointer == pointer);
  CHECK_FALSE(found->hint.empty());
  CHECK_FALSE(result.description.has_value());
  return *found;
}

}  // namespace comreg::testing
