// Validates a Description model, whichever way it was made (read from a file, imported from a
// registry or a type library, built in code): the rules a description file must satisfy, applied
// to the model's values, with the loader's codes, messages and hints.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "comreg/core/diagnostics.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/model/description.hpp"

namespace comreg {

/// Where the members of a model were written, looked up by JSON pointer only when a problem is
/// reported (so validating a valid model locates nothing).
class SourceMap {
 public:
  virtual ~SourceMap() = default;
  /// The location of the member or element at `pointer` ("/servers/0/path").
  [[nodiscard]] virtual SourceLocation locate(const std::string& pointer) const = 0;
};

/// A SourceMap over the JSON text of a description: a member's line and column in that text.
/// The text is parsed on the first lookup; it must outlive the map.
class JsonSourceMap final : public SourceMap {
 public:
  JsonSourceMap(std::string_view text, std::string file);
  ~JsonSourceMap() override;
  JsonSourceMap(const JsonSourceMap&) = delete;
  JsonSourceMap& operator=(const JsonSourceMap&) = delete;
  [[nodiscard]] SourceLocation locate(const std::string& pointer) const override;

 private:
  struct Parsed;
  std::string_view text_;
  std::string file_;
  mutable std::unique_ptr<Parsed> parsed_;
};

struct ValidateOptions {
  std::string file;                   // named in diagnostics without `source` ("" = the model's)
  const SourceMap* source = nullptr;  // where members were written, when known
  /// When set, path-like members are checked for ${name} placeholders as the loader resolves
  /// them with no --define: `error` reports every one, `keep` only malformed ones.
  std::optional<UndefinedPlaceholder> placeholders;
  /// JSON pointers of members (or elements) that the model's reader could not read and has
  /// reported: the model holds a default there, and nothing is said of them or below them.
  const std::unordered_set<std::string>* unread = nullptr;
};

/// Every rule the model breaks, in model order (what the loader reports, after its reading
/// problems, for the same description written as JSON by description_to_json). Located through
/// `options.source`; without one, at the line and column of the element (SourceRef) when the
/// model has them, and by JSON pointer.
[[nodiscard]] Diagnostics validate_description(const Description& description,
                                               const ValidateOptions& options = {});

}  // namespace comreg
