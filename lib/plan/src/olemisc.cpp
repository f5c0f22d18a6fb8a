#include "plan/olemisc.hpp"

namespace comreg {

namespace {

// oleidl.h OLEMISC_* in bit order; the lower-case spelling is what Wine's actctx.c
// (olemisc_values) and Windows accept in miscStatus attributes.
constexpr const char* names[] = {"recomposeonresize",
                                 "onlyiconic",
                                 "insertnotreplace",
                                 "static",
                                 "cantlinkinside",
                                 "canlinkbyole1",
                                 "islinkobject",
                                 "insideout",
                                 "activatewhenvisible",
                                 "renderingisdeviceindependent",
                                 "invisibleatruntime",
                                 "alwaysrun",
                                 "actslikebutton",
                                 "actslikelabel",
                                 "nouiactivate",
                                 "alignable",
                                 "simpleframe",
                                 "setclientsitefirst",
                                 "imemode",
                                 "ignoreactivatewhenvisible",
                                 "wantstomenumerge",
                                 "supportsmultilevelundo"};

}  // namespace

std::string olemisc_names(std::uint32_t flags) {
  std::string out;
  for (std::uint32_t bit = 0; bit < sizeof names / sizeof names[0]; ++bit) {
    if (flags & (1u << bit)) {
      if (!out.empty()) out += ',';
      out += names[bit];
    }
  }
  return out;
}

std::optional<std::uint32_t> olemisc_flags(std::string_view text) {
  std::uint32_t flags = 0;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view name = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    std::uint32_t bit = 0;
    while (bit < sizeof names / sizeof names[0] && name != names[bit]) ++bit;
    if (bit == sizeof names / sizeof names[0]) return std::nullopt;
    flags |= 1u << bit;
  }
  return flags;
}

}  // namespace comreg
