// Typed, located access to the members of JSON objects, reporting every problem as a
// diagnostic (unknown member with "did you mean", wrong type, missing, out of range, control
// characters) so the loader itself reads like the format's specification.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "comreg/description.hpp"
#include "comreg/diagnostics.hpp"
#include "json/json_value.hpp"

namespace comreg {

/// "/servers/0" + "classes" -> "/servers/0/classes" (RFC 6901 escaping of ~ and /).
std::string pointer_append(std::string_view base, std::string_view token);
std::string pointer_append(std::string_view base, std::size_t index);

/// Closest candidate within a small edit distance (case differences count little), or "".
std::string closest_match(std::string_view word,
                          std::initializer_list<std::string_view> candidates);

class ObjectReader {
 public:
  ObjectReader(std::string_view text, std::string file, Diagnostics& diagnostics);

  [[nodiscard]] SourceLocation location(std::uint32_t offset, std::string pointer) const;
  [[nodiscard]] SourceRef source_ref(const json::Value& v, const std::string& pointer) const;
  void error(const char* code, std::string message, std::uint32_t offset, std::string pointer,
             std::string hint = {});
  void warning(const char* code, std::string message, std::uint32_t offset, std::string pointer,
               std::string hint = {});

  /// True when `v` is an object; else reports wrong-type ("expected <what>").
  bool expect_object(const json::Value& v, const std::string& pointer, std::string_view what);
  /// Reports members of `obj` not in `allowed` ("$comment" is always allowed).
  void check_members(const json::Value& obj, const std::string& pointer,
                     std::initializer_list<std::string_view> allowed);

  /// The member `name` of `obj` if present and of kind `kind`; reports missing-field when
  /// `required`, wrong-type when of another kind.
  const json::Value* member(const json::Value& obj, const std::string& pointer,
                            std::string_view name, json::Kind kind, bool required);

  /// A string member: checked for control characters and, when `required`, non-empty.
  std::optional<std::string> string(const json::Value& obj, const std::string& pointer,
                                    std::string_view name, bool required = false);
  /// An unsigned integer member within [min, max].
  std::optional<std::uint32_t> uint(const json::Value& obj, const std::string& pointer,
                                    std::string_view name, std::uint32_t min, std::uint32_t max,
                                    bool required = false);
  std::optional<bool> boolean(const json::Value& obj, const std::string& pointer,
                              std::string_view name);
  /// A GUID member, normalized to "{XXXXXXXX-…}".
  std::optional<std::string> guid(const json::Value& obj, const std::string& pointer,
                                  std::string_view name, bool required = false);
  /// A GUID given as an array element or other bare value.
  std::optional<std::string> guid_value(const json::Value& v, const std::string& pointer);
  /// A string value checked for control characters (reports and returns false if bad).
  bool check_text(const json::Value& v, const std::string& pointer);

 private:
  std::string_view text_;
  std::string file_;
  json::LineIndex lines_;
  Diagnostics& diagnostics_;
};

}  // namespace comreg
