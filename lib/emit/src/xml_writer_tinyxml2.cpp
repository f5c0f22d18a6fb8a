// comreg::xml::write_document with tinyxml2 (the Linux build; Windows uses XmlLite).
#include <tinyxml2.h>

#include "emit/xml_tree.hpp"

namespace comreg::xml {
namespace {

void build(tinyxml2::XMLDocument& doc, tinyxml2::XMLNode& parent, const Element& e) {
  tinyxml2::XMLElement* node = doc.NewElement(e.name.c_str());
  for (const auto& [key, value] : e.attributes) node->SetAttribute(key.c_str(), value.c_str());
  if (!e.text.empty()) node->SetText(e.text.c_str());
  parent.InsertEndChild(node);
  for (const auto& child : e.children) build(doc, *node, child);
}

}  // namespace

std::string write_document(const Element& root) {
  tinyxml2::XMLDocument doc;
  doc.InsertEndChild(doc.NewDeclaration(R"(xml version="1.0" encoding="UTF-8" standalone="yes")"));
  build(doc, doc, root);
  tinyxml2::XMLPrinter printer;
  doc.Print(&printer);
  // tinyxml2 indents with four spaces; manifests conventionally use two, like mt.exe's output.
  std::string out;
  const std::string_view text(printer.CStr(), static_cast<std::size_t>(printer.CStrSize() - 1));
  out.reserve(text.size());
  bool line_start = true;
  std::size_t spaces = 0;
  for (char c : text) {
    if (line_start && c == ' ') {
      ++spaces;
      continue;
    }
    if (line_start) {
      out.append(spaces / 2, ' ');
      spaces = 0;
      line_start = false;
    }
    out.push_back(c);
    if (c == '\n') line_start = true;
  }
  return out;
}

}  // namespace comreg::xml
