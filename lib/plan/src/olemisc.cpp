#include "plan/olemisc.hpp"

namespace comreg {

std::string olemisc_names(std::uint32_t flags) {
  // oleidl.h OLEMISC_* in bit order; the lower-case spelling is what Wine's actctx.c
  // (olemisc_values) and Windows accept in miscStatus attributes.
  static constexpr const char* names[] = {"recomposeonresize",
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
  std::string out;
  for (std::uint32_t bit = 0; bit < sizeof names / sizeof names[0]; ++bit) {
    if (flags & (1u << bit)) {
      if (!out.empty()) out += ',';
      out += names[bit];
    }
  }
  return out;
}

}  // namespace comreg
