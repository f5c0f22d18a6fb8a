// JSON text -> validated Description, in two steps: read the document into a model
// (description_reader.cpp: kinds, members, spellings, placeholders), then validate the model
// (description_validator.cpp: every rule on the values, the same for a model made any other
// way), located in the text through the parsed document. The validator says nothing of what the
// reader could not read, so each problem is reported once; the reader's come first.
#include "comreg/description/description_loader.hpp"

#include "comreg/description/description_validator.hpp"
#include "description/description_reader.hpp"
#include "description/document_source_map.hpp"
#include "description/object_reader.hpp"

namespace comreg {

LoadResult load_description(std::string_view text, const std::string& file,
                            const LoadOptions& options) {
  LoadResult result;
  json::Document document;
  std::vector<json::ParseError> errors;
  json::ParseOptions parse_options;
  parse_options.max_depth = options.max_depth;
  const bool complete = json::parse(text, document, errors, parse_options);
  const json::LineIndex lines(text);
  if (!errors.empty()) {
    ObjectReader reader(document, lines, file, result.diagnostics);
    for (auto& e : errors) {
      reader.error(e.code, std::move(e.message), e.offset, std::move(e.pointer), std::move(e.hint));
    }
  }
  if (!complete) return result;
  for (const auto& name : options.symbolic) {
    if (options.defines.count(name) != 0) {
      result.diagnostics.error("placeholder-conflict",
                               "placeholder '${" + name + "}' is both defined and kept symbolic",
                               {file, 0, 0, {}}, "define it or keep it symbolic, not both");
    }
  }
  ReadDescription read = read_description(document, lines, file, options, result.diagnostics);
  const DocumentSourceMap source(document, lines, file);
  ValidateOptions validate;
  validate.source = &source;
  validate.unread = &read.unread;
  result.diagnostics.append(validate_description(read.description, validate));
  if (!result.diagnostics.has_errors()) result.description = std::move(read.description);
  return result;
}

}  // namespace comreg
