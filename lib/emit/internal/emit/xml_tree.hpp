// A minimal XML element tree: what the manifest builder produces and an XmlWriter serializes.
//
// The builder decides content; the writer only serializes. That split lets the Linux build use
// tinyxml2 and the Windows build the platform's XmlLite behind one interface.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace comreg::xml {

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

/// Serializes `root` as a UTF-8 document with the declaration
/// <?xml version="1.0" encoding="UTF-8" standalone="yes"?>, two-space indentation, LF line
/// ends, and every metacharacter escaped. Implemented once per platform XML library.
std::string write_document(const Element& root);

}  // namespace comreg::xml
