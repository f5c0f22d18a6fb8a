// JsonSourceMap: a model's JSON pointers -> line and column in the JSON text it was read from or
// written as. Used only when a problem is reported, so the text is parsed lazily.
#include <charconv>
#include <vector>

#include "comreg/description/description_validator.hpp"
#include "description/document_source_map.hpp"
#include "description/json_value.hpp"

namespace comreg {

SourceLocation locate_pointer(const json::Document& document, const json::LineIndex& lines,
                              const std::string& file, const std::string& pointer) {
  json::View v = document.root();
  for (std::size_t at = 0; at < pointer.size() && pointer[at] == '/';) {
    const std::size_t end = std::min(pointer.find('/', at + 1), pointer.size());
    std::string token = pointer.substr(at + 1, end - at - 1);
    for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
      if (i + 1 < token.size()) token.replace(i, 2, token[i + 1] == '1' ? "/" : "~");
    }
    json::View next;
    if (v.kind() == json::Kind::object) {
      next = v.find(token);
    } else if (v.kind() == json::Kind::array) {
      std::uint32_t index = 0;
      const auto [p, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (ec == std::errc() && p == token.data() + token.size() && index < v.size()) {
        next = v.item(index);
      }
    }
    if (!next) break;
    v = next;
    at = end;
  }
  const auto position = lines.position(v.offset());
  return {file, position.line, position.column, pointer};
}

struct JsonSourceMap::Parsed {
  explicit Parsed(std::string_view text) : lines(text) {
    std::vector<json::ParseError> errors;
    complete = json::parse(text, document, errors);
  }
  json::Document document;
  json::LineIndex lines;
  bool complete = false;
};

JsonSourceMap::JsonSourceMap(std::string_view text, std::string file)
    : text_(text), file_(std::move(file)) {}

JsonSourceMap::~JsonSourceMap() = default;

SourceLocation JsonSourceMap::locate(const std::string& pointer) const {
  if (!parsed_) parsed_ = std::make_unique<Parsed>(text_);
  if (!parsed_->complete) return {file_, 0, 0, pointer};
  return locate_pointer(parsed_->document, parsed_->lines, file_, pointer);
}

}  // namespace comreg
