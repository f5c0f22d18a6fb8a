// Typed, located access to the members of JSON objects, reporting every problem as a
// diagnostic (unknown member with "did you mean", wrong type, missing, out of range, control
// characters, too long) so the loader itself reads like the format's specification.
//
// Problems are located by the byte offset of the offending value (or key); the JSON pointer
// is worked out from the document only when a problem is reported, so reading valid input
// builds no pointer strings. Each member whose value could not be read is remembered (unread()),
// so that the model validator, which sees only a default in its place, says nothing more of it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>

#include "comreg/core/diagnostics.hpp"
#include "comreg/model/description.hpp"
#include "comreg/model/description_members.hpp"
#include "core/quoted.hpp"
#include "description/description_rules.hpp"
#include "description/json_value.hpp"

namespace comreg {

/// Closest candidate within a small edit distance (case differences count little), or "".
std::string closest_match(std::string_view word, std::span<const std::string_view> candidates);

class ObjectReader {
 public:
  /// `lines` is the line index of the text `document` was parsed from; both outlive the reader.
  ObjectReader(const json::Document& document, const json::LineIndex& lines, std::string file,
               Diagnostics& diagnostics);

  /// Location of the value (or member key) starting at `offset`, with its JSON pointer.
  [[nodiscard]] SourceLocation location(std::uint32_t offset) const;
  [[nodiscard]] SourceRef source_ref(json::View v, std::string pointer) const;
  /// Reports a problem with the value (or member key) at `offset`; that member is unread.
  void error(const char* code, std::string message, std::uint32_t offset, std::string hint);
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

  /// A string member, as written: what its text must satisfy is the validator's to say.
  /// The view is into the document.
  std::optional<std::string_view> string(json::View obj, std::string_view name,
                                         bool required = false);
  /// A string member that may not be empty when present: the model could not tell "" from
  /// absent, so emptiness is reported here (empty-value).
  std::optional<std::string_view> nonempty_string(json::View obj, std::string_view name,
                                                  bool required = false);
  /// An integer member within [min, max]: a fraction is wrong-type, anything outside
  /// (negative, too large) out-of-range.
  std::optional<std::uint32_t> uint(json::View obj, std::string_view name, std::uint32_t min,
                                    std::uint32_t max, bool required = false);
  /// An integer member that `range` bounds: any 32-bit value is read (the validator holds the
  /// model to the range); text that is no 32-bit value is out-of-range, naming the range.
  std::optional<std::uint32_t> uint(json::View obj, const format::IntegerRange& range);
  std::optional<bool> boolean(json::View obj, std::string_view name);
  /// A GUID member: normalized to "{XXXXXXXX-…}" when it is a GUID, else as written (the
  /// validator reports bad-guid).
  std::optional<std::string> guid(json::View obj, std::string_view name, bool required = false);
  /// A GUID given as an array element or other bare value.
  std::optional<std::string> guid_value(json::View v);
  /// Reports a control character in `text` (the value at `offset`); false if there is one.
  /// `origin`, when given, names where the text came from ("the value of ${name}").
  bool check_text(std::string_view text, std::uint32_t offset, std::string_view origin = {});

  /// The JSON pointers of the members and elements that were not read because of a problem
  /// reported here (a required member that is missing, a value of the wrong kind, ...).
  [[nodiscard]] const std::unordered_set<std::string>& unread() const { return unread_; }
  std::unordered_set<std::string> take_unread() { return std::move(unread_); }

 private:
  void missing(json::View obj, std::string_view name, std::string hint);
  std::optional<std::uint32_t> integer(json::View obj, std::string_view name, std::uint32_t min,
                                       std::uint32_t max, const format::IntegerRange& shown,
                                       bool required);
  const json::Document& document_;
  std::string file_;
  const json::LineIndex& lines_;
  Diagnostics& diagnostics_;
  std::unordered_set<std::string> unread_;
};

}  // namespace comreg
