// A SourceMap over a JSON document already parsed (the loader's), so that the validator locates
// what it finds without parsing the text again.
#pragma once

#include <string>

#include "comreg/description/description_validator.hpp"
#include "description/json_value.hpp"

namespace comreg {

/// The line and column of the deepest node `pointer` reaches in `document`: a member that is not
/// written (missing-field) is located at its object, as the reader does.
[[nodiscard]] SourceLocation locate_pointer(const json::Document& document,
                                            const json::LineIndex& lines, const std::string& file,
                                            const std::string& pointer);

class DocumentSourceMap final : public SourceMap {
 public:
  /// `document` and `lines` must outlive the map.
  DocumentSourceMap(const json::Document& document, const json::LineIndex& lines, std::string file)
      : document_(document), lines_(lines), file_(std::move(file)) {}
  [[nodiscard]] SourceLocation locate(const std::string& pointer) const override {
    return locate_pointer(document_, lines_, file_, pointer);
  }

 private:
  const json::Document& document_;
  const json::LineIndex& lines_;
  std::string file_;
};

}  // namespace comreg
