// WiX v3 from v4: the few names v4 changed. The translation runs on the finished tree, after
// the component GUIDs were derived from the v4 form, so a fragment names the same components
// in both schemas: they write the same Registry table rows.
#include "emit/wix3_schema.hpp"

#include <string_view>

namespace comreg {
namespace {

void translate(xml::Element& e) {
  if (e.name == "Component") {
    for (auto& [name, value] : e.attributes) {
      // v3 has no Bitness; Win64 marks a 64-bit component (msidbComponentAttributes64bit).
      if (name == "Bitness") {
        name = "Win64";
        value = value == "always64" ? "yes" : "no";
      }
    }
  } else if (e.name == "MultiStringValue") {
    // v3 carries each string as the element's text, v4 as its Value attribute.
    for (auto it = e.attributes.begin(); it != e.attributes.end(); ++it) {
      if (it->first == "Value") {
        e.text = std::move(it->second);
        e.attributes.erase(it);
        break;
      }
    }
  }
  for (auto& c : e.children) translate(c);
}

}  // namespace

void translate_to_wix3(xml::Element& wix) {
  for (auto& [name, value] : wix.attributes) {
    if (name == "xmlns") value = "http://schemas.microsoft.com/wix/2006/wi";
  }
  translate(wix);
}

}  // namespace comreg
