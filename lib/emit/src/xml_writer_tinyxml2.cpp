// comreg::xml::write_document with tinyxml2 (the Linux build; Windows uses XmlLite).
#include <tinyxml2.h>

#include "emit/xml_tree.hpp"

namespace comreg::xml {
namespace {

// tinyxml2 writes TAB, CR and LF in attribute values as they are, and every reader's
// attribute-value normalisation turns them into spaces: as character references they keep
// their value. The other escapes are tinyxml2's own (all five entities), so output without
// these characters is unchanged.
class Printer : public tinyxml2::XMLPrinter {
 public:
  bool VisitEnter(const tinyxml2::XMLElement& element,
                  const tinyxml2::XMLAttribute* attribute) override {
    const tinyxml2::XMLNode* parent = element.Parent();
    const tinyxml2::XMLElement* parent_element = parent == nullptr ? nullptr : parent->ToElement();
    OpenElement(element.Name(), CompactMode(parent_element == nullptr ? element : *parent_element));
    for (; attribute != nullptr; attribute = attribute->Next()) {
      Write(" ");
      Write(attribute->Name());
      Write("=\"");
      write_escaped(attribute->Value());
      Write("\"");
    }
    return true;
  }

 private:
  void write_escaped(const char* value) {
    for (const char* p = value; *p != '\0'; ++p) {
      switch (*p) {
        case '"':
          Write("&quot;");
          break;
        case '&':
          Write("&amp;");
          break;
        case '\'':
          Write("&apos;");
          break;
        case '<':
          Write("&lt;");
          break;
        case '>':
          Write("&gt;");
          break;
        case '\t':
          Write("&#9;");
          break;
        case '\n':
          Write("&#10;");
          break;
        case '\r':
          Write("&#13;");
          break;
        default:
          Write(p, 1);
      }
    }
  }
};

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
  Printer printer;
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
