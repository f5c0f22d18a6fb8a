#include "synthetic_description.hpp"

#include <cstdio>

namespace comreg::bench {
namespace {

// Deterministic GUIDs: a kind tag and a counter, so runs are repeatable.
std::string guid(unsigned kind, std::size_t n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "{%08X-%04X-4%03X-8%03X-%012zX}", 0x5EED0000u + kind,
                static_cast<unsigned>(n >> 16 & 0xFFFF), kind & 0xFFF,
                static_cast<unsigned>(n & 0xFFF), n);
  return buf;
}

}  // namespace

std::string synthetic_description(std::size_t classes, std::size_t set) {
  constexpr std::size_t per_server = 20;
  const std::size_t servers = (classes + per_server - 1) / per_server;
  // Set k numbers its servers and classes after those of sets 0 … k-1.
  const std::size_t first_server = set * servers;
  const std::size_t end_class = (set + 1) * classes;
  std::string j;
  j.reserve(classes * 700);
  j += "{\n  \"comreg\": 1,\n  \"assembly\": { \"name\": \"Synthetic.Components" +
       (set == 0 ? std::string() : ".Set" + std::to_string(set)) +
       "\", \"version\": \"1.0.0.0\", \"arch\": \"amd64\" },\n  \"servers\": [\n";
  std::string appids, typelibs, interfaces;
  std::size_t cls = set * classes;
  for (std::size_t s = first_server; s < first_server + servers; ++s) {
    const bool local = s % 5 == 4;
    const std::string libid = guid(2, s);
    j += s != first_server ? ",\n" : "";
    j += "    { \"kind\": \"";
    j += local ? "local" : "inproc";
    j += "\", \"path\": \"${installdir}\\\\server" + std::to_string(s) + (local ? ".exe" : ".dll");
    j += "\",\n      \"classes\": [\n";
    for (std::size_t c = 0; c < per_server && cls < end_class; ++c, ++cls) {
      const std::string n = std::to_string(cls);
      j += c ? ",\n" : "";
      j += "        { \"clsid\": \"" + guid(1, cls) + "\", \"name\": \"Synthetic Component " + n +
           "\", \"progid\": \"Synthetic.Component" + n +
           ".1\", \"versionIndependentProgid\": "
           "\"Synthetic.Component" +
           n + "\", \"typelib\": \"" + libid + "\"";
      if (local) {
        j += ", \"appid\": \"" + guid(3, s) + "\"";
      } else {
        j += ", \"threading\": \"";
        j += cls % 3 == 0 ? "Both" : "Apartment";
        j += "\"";
      }
      if (cls % 10 == 0) {
        j += ", \"implementedCategories\": [\"{40FC6ED4-2438-11CF-A3DB-080036F12502}\"]";
      }
      j += " }";
      interfaces += interfaces.empty() ? "" : ",\n";
      interfaces += "    { \"iid\": \"" + guid(4, cls) + "\", \"name\": \"ISynthetic" + n +
                    "\", \"proxyStub\": \"{00020424-0000-0000-C000-000000000046}\", "
                    "\"numMethods\": 12, \"baseInterface\": "
                    "\"{00020400-0000-0000-C000-000000000046}\", \"typelib\": \"" +
                    libid + "\" }";
    }
    j += "\n      ] }";
    if (local) {
      appids += appids.empty() ? "" : ",\n";
      appids += "    { \"appid\": \"" + guid(3, s) + "\", \"name\": \"Synthetic Server " +
                std::to_string(s) +
                "\", \"launchPermission\": "
                "\"O:BAG:BAD:(A;;0xb;;;SY)(A;;0xb;;;BA)(A;;0xb;;;IU)\", \"accessPermission\": "
                "\"O:BAG:BAD:(A;;0x7;;;SY)(A;;0x7;;;BA)(A;;0x7;;;IU)\", "
                "\"authenticationLevel\": 2, \"executables\": [\"server" +
                std::to_string(s) + ".exe\"] }";
    }
    typelibs += typelibs.empty() ? "" : ",\n";
    typelibs += "    { \"libid\": \"" + libid + "\", \"version\": \"1.0\", \"name\": \"Synthetic " +
                std::to_string(s) + " Library\", \"win64\": \"${installdir}\\\\server" +
                std::to_string(s) + (local ? ".exe" : ".dll") +
                "\", \"flags\": [\"hasdiskimage\"] }";
  }
  j += "\n  ],\n  \"appids\": [\n" + appids + "\n  ],\n  \"typelibs\": [\n" + typelibs +
       "\n  ],\n  \"interfaces\": [\n" + interfaces + "\n  ]\n}\n";
  return j;
}

}  // namespace comreg::bench
