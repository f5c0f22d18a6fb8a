// JSON document -> Description model, without judging it: the first of the loader's two steps.
// It reports what keeps a value from being read (a member missing or of the wrong kind, an
// unknown member or spelling, a number out of its type, a placeholder without a definition, a
// malformed GUID or version) and leaves every rule on the values read to the model validator.
#pragma once

#include <string>
#include <unordered_set>

#include "comreg/core/diagnostics.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/model/description.hpp"
#include "description/json_value.hpp"

namespace comreg {

/// A model read from JSON, and the members that could not be read (reported already).
struct ReadDescription {
  Description description;
  std::unordered_set<std::string> unread;  // JSON pointers
};

/// Reads `document` (whose text's line index is `lines`) into a model; problems go to
/// `diagnostics`, located in `file`. Elements that are not objects keep their index, with a
/// default in their place.
[[nodiscard]] ReadDescription read_description(const json::Document& document,
                                               const json::LineIndex& lines,
                                               const std::string& file, const LoadOptions& options,
                                               Diagnostics& diagnostics);

}  // namespace comreg
