// comreg guid: new random GUIDs, in the forms a registration, a C header or a struct takes.
#include <cstdio>
#include <memory>
#include <string>

#include "commands.hpp"
#include "comreg/core/guid.hpp"
#include "comreg/core/output_file.hpp"
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

}  // namespace

Command add_guid_command(CLI::App& app) {
  auto count = std::make_shared<int>(1);
  auto format = std::make_shared<std::string>("registry");
  auto name = std::make_shared<std::string>("GUID_NAME");
  CLI::App* sub = app.add_subcommand("guid", "Print new random (version 4) GUIDs");
  sub->add_option("-n,--count", *count, "How many GUIDs")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  sub->add_option("--format", *format,
                  "registry: {XXXXXXXX-...}; c: DEFINE_GUID(NAME, ...); struct: a GUID "
                  "initializer")
      ->check(CLI::IsMember({"registry", "c", "struct"}))
      ->capture_default_str();
  sub->add_option("--name", *name,
                  "The C name in the c and struct forms; with --count above 1, NAME_1, NAME_2, ...")
      ->capture_default_str();
  sub->footer(
      "GUIDs come from the operating system's cryptographic random source.\n\nExamples:\n"
      "  comreg guid\n  comreg guid -n 3 --format c --name CLSID_Widget");
  return {sub, [count, format, name]() -> int {
            std::string out;
            for (int i = 1; i <= *count; ++i) {
              const std::string guid = random_guid();
              const std::string c_name = *count == 1 ? *name : *name + "_" + std::to_string(i);
              if (*format == "registry") {
                out += guid + "\n";
              } else if (*format == "c") {
                out += "// " + guid + "\nDEFINE_GUID(" + c_name + ", " + c_fields(guid, false) +
                       ");\n";
              } else {
                out += "// " + guid + "\nstatic const GUID " + c_name + " = { " +
                       c_fields(guid, true) + " };\n";
              }
            }
            std::string error;
            if (!write_output("", out, error)) {
              print_error(error);
              return exit_usage_or_io;
            }
            return exit_ok;
          }};
}

}  // namespace comreg::cli
