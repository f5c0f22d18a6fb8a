// comreg guid: new random GUIDs, in the forms a registration, a C header or a struct takes.
#include <cstdio>
#include <memory>
#include <string>

#include "command_io.hpp"
#include "commands.hpp"
#include "comreg/core/guid.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {
namespace {

// The GUID's fields as C literals: Data1, Data2, Data3 and the eight bytes of Data4.
std::string c_fields(const std::string& guid, bool braced_data4) {
  const std::string hex = guid.substr(1, 8) + guid.substr(10, 4) + guid.substr(15, 4) +
                          guid.substr(20, 4) + guid.substr(25, 12);
  std::string out =
      "0x" + hex.substr(0, 8) + ", 0x" + hex.substr(8, 4) + ", 0x" + hex.substr(12, 4) + ", ";
  if (braced_data4) out += "{ ";
  for (int i = 0; i < 8; ++i) {
    out += (i ? ", 0x" : "0x") + hex.substr(16 + static_cast<std::size_t>(2 * i), 2);
  }
  if (braced_data4) out += " }";
  return out;
}

struct GuidOptions {
  int count = 1;
  std::string format = "registry";
  std::string name = "GUID_NAME";
};

int run(const GuidOptions& o) {
  std::string out;
  for (int i = 1; i <= o.count; ++i) {
    const std::string guid = random_guid();
    const std::string c_name = o.count == 1 ? o.name : o.name + "_" + std::to_string(i);
    if (o.format == "registry") {
      out += guid + "\n";
    } else if (o.format == "c") {
      out += "// " + guid + "\nDEFINE_GUID(" + c_name + ", " + c_fields(guid, false) + ");\n";
    } else {
      out +=
          "// " + guid + "\nstatic const GUID " + c_name + " = { " + c_fields(guid, true) + " };\n";
    }
  }
  emit("", out);
  return exit_ok;
}

}  // namespace

CommandSpec guid_command() {
  auto o = std::make_shared<GuidOptions>();
  return {.name = "guid",
          .help = "Print new random (version 4) GUIDs",
          .footer =
              "GUIDs come from the operating system's cryptographic random source.\n\n"
              "Examples:\n  comreg guid\n  comreg guid -n 3 --format c --name CLSID_Widget",
          .options = {{.names = "-n,--count",
                       .help = "How many GUIDs",
                       .target = &o->count,
                       .min = 1,
                       .max = 100000,
                       .show_default = true},
                      format_option(o->format,
                                    "registry: {XXXXXXXX-...}; c: DEFINE_GUID(NAME, ...); struct: "
                                    "a GUID initializer",
                                    {"registry", "c", "struct"}),
                      {.names = "--name",
                       .help = "The C name in the c and struct forms; with --count above 1, "
                               "NAME_1, NAME_2, ...",
                       .target = &o->name,
                       .show_default = true}},
          .run = [o] { return run(*o); },
          .reads_description = false};
}

}  // namespace comreg::cli
