// A minimal XML element tree: what the manifest builder produces and an XmlWriter serializes.
//
// The builder decides content; the writer only serializes. That split lets the Linux build use
// tinyxml2 and the Windows build the platform's XmlLite behind one interface.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace comreg::xml {

/// Whether an apostrophe in an attribute value is written as &apos; (tinyxml2 escapes all five
/// entities; a value in double quotes needs only the other four).
enum class Apostrophe : bool { as_is, escaped };

/// Appends `value` as the text of a double-quoted attribute: the metacharacters as entities, and
/// TAB, LF and CR as character references, so that every reader sees the value as written
/// (attribute-value normalisation turns them into spaces).
inline void append_attribute_value(std::string& out, std::string_view value,
                                   Apostrophe apostrophe) {
  for (const char c : value) {
    switch (c) {
      case '"':
        out += "&quot;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\'':
        if (apostrophe == Apostrophe::escaped) {
          out += "&apos;";
          break;
        }
        [[fallthrough]];
      default:
        out += c;
    }
  }
}

struct Element {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;  // in output order
  std::string text;                                             // character content, if any
  std::vector<Element> children;

  Element& attr(std::string key, std::string value) {
    attributes.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  Element& child(std::string child_name) {
    children.push_back(Element{std::move(child_name), {}, {}, {}});
    return children.back();
  }
};

/// Serializes a document element by element, in the text write_document gives: a writer that
/// emits as it goes holds one element's content, not a tree of the whole document (a 10,000-class
/// GPP file is 100 MB of text and was over 1 GB as a tree). Implemented once per platform XML
/// library. Calls nest as the elements do: start, its attributes, then its text or children,
/// then end.
class DocumentWriter {
 public:
  DocumentWriter();
  DocumentWriter(const DocumentWriter&) = delete;
  DocumentWriter& operator=(const DocumentWriter&) = delete;
  ~DocumentWriter();

  /// A hint: the document's expected size in bytes, so its text grows without copies. Pages
  /// reserved and never written are never resident: an estimate on the high side is cheap.
  void reserve(std::size_t bytes);
  void start(const std::string& name);
  void attr(const std::string& key, const std::string& value);
  void text(const std::string& text);  // "" writes nothing, as an Element without text
  void end();
  /// A whole subtree.
  void write(const Element& e) {
    start(e.name);
    for (const auto& [key, value] : e.attributes) attr(key, value);
    text(e.text);
    for (const auto& child : e.children) write(child);
    end();
  }
  /// The document's text, once every element has ended.
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Serializes `root` as a UTF-8 document with the declaration
/// <?xml version="1.0" encoding="UTF-8" standalone="yes"?>, two-space indentation, LF line
/// ends, and every metacharacter escaped.
inline std::string write_document(const Element& root) {
  DocumentWriter writer;
  writer.write(root);
  return writer.finish();
}

}  // namespace comreg::xml
