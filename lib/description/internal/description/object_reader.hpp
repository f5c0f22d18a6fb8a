// Typed, located access to the members of JSON objects, reporting every problem as a
// diagnostic (unknown member with "did you mean", wrong type, missing, out of range, control
// characters, too long) so the loader itself reads like the format's specification.
//
// Problems are located by the byte offset of the offending value (or key); the JSON pointer
// is worked out from the document only when a problem is reported, so reading valid input
// builds no pointer strings.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "comreg/core/diagnostics.hpp"
#include "comreg/model/description.hpp"
#include "core/quoted.hpp"
#include "description/description_rules.hpp"
#include "description/json_value.hpp"

namespace comreg {

/// Closest candidate within a small edit distance (case differences count little), or "".
std::string closest_match(std::string_view word, std::span<const std::string_view> candidates);

class ObjectReader {
 public:
  ObjectReader(std::string_view text, const json::Document& document, std::string file,
               Diagnostics& diagnostics);

  /// Location of the value (or member key) starting at `offset`, with its JSON pointer.
  [[nodiscard]] SourceLocation location(std::uint32_t offset) const;
  [[nodiscard]] SourceRef source_ref(json::View v, std::string pointer) const;
  void error(const char* code, std::string message, std::uint32_t offset, std::string hint);
  void warning(const char* code, std::string message, std::uint32_t offset, std::string hint);
  /// For problems whose pointer is already known (the JSON reader's).
  void error(const char* code, std::string message, std::uint32_t offset, std::string pointer,
             std::string hint);

  /// True when `v` is an object; else reports wrong-type ("expected <what>").
  bool expect_object(json::View v, std::string_view what);
  /// Reports members of `obj` not in `allowed` ("$comment" is always allowed).
  void check_members(json::View obj, std::span<const std::string_view> allowed);

  /// The member `name` of `obj` if present and of kind `kind`; reports missing-field when
  /// `required`, wrong-type when of another kind. Invalid View when absent or wrong.
  json::View member(json::View obj, std::string_view name, json::Kind kind, bool required);

  /// A string member: checked for control characters, length and, when `required`, emptiness.
  /// The view is into the document.
  std::optional<std::string_view> string(json::View obj, std::string_view name,
                                         bool required = false);
  /// An integer member within [min, max]: a fraction is wrong-type, anything outside
  /// (negative, too large) out-of-range.
  std::optional<std::uint32_t> uint(json::View obj, std::string_view name, std::uint32_t min,
                                    std::uint32_t max, bool required = false);
  std::optional<bool> boolean(json::View obj, std::string_view name);
  /// A GUID member, normalized to "{XXXXXXXX-…}".
  std::optional<std::string> guid(json::View obj, std::string_view name, bool required = false);
  /// A GUID given as an array element or other bare value.
  std::optional<std::string> guid_value(json::View v);
  /// Reports a control character in `text` (the value at `offset`); false if there is one.
  /// `origin`, when given, names where the text came from ("the value of ${name}").
  bool check_text(std::string_view text, std::uint32_t offset, std::string_view origin = {});
  /// Reports a text longer than a registry value may be; false if so.
  bool check_length(std::string_view text, std::string_view name, std::uint32_t offset);

 private:
  const json::Document& document_;
  std::string file_;
  json::LineIndex lines_;
  Diagnostics& diagnostics_;
};

}  // namespace comreg
