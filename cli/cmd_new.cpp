// comreg new: a starter description for one kind of server, with fresh GUIDs, that validates
// as written; the user edits names and paths from there.
#include <memory>
#include <string>

#include "command_io.hpp"
#include "commands.hpp"
#include "comreg/core/guid.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {
namespace {

// NAME is the assembly name and the ProgID stem, so it must be both: letters, digits and
// periods, starting with a letter, short enough for "NAME.1" to be a ProgID (39 characters).
std::string check_name(const std::string& name) {
  if (name.empty() || name.size() > 37) return "NAME must be 1 to 37 characters";
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!letter(name.front())) return "NAME must start with a letter";
  for (const char c : name) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '.')
      return "NAME may hold letters, digits and periods only (like Contoso.Widget), got '" + name +
             "'";
  }
  if (name.back() == '.' || name.find("..") != std::string::npos)
    return "NAME must not end with a period or hold two in a row";
  return {};
}

// "Contoso.Widget" -> "widget": the file name stem of the server.
std::string file_stem(const std::string& name) {
  std::string stem = name.substr(name.rfind('.') + 1);
  for (char& c : stem) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return stem;
}

std::string starter(const std::string& kind, const std::string& name) {
  const std::string clsid = random_guid();
  const std::string appid = random_guid();
  const std::string stem = file_stem(name);
  const bool local = kind == "local";
  const std::string file = stem + (local ? ".exe" : ".dll");
  std::string comment = kind == "inproc" ? "An in-process server (DLL)."
                        : local          ? "An out-of-process server (EXE) with its AppID."
                                         : "A DLL run out of process by the system surrogate "
                                           "(dllhost.exe), selected by the AppID's empty "
                                           "dllSurrogate.";
  std::string j = "{\n";
  j += "  \"$comment\": \"" + comment +
       " Written by comreg new: replace the names and the path, keep the GUIDs.\",\n";
  j += "  \"comreg\": 1,\n";
  j += "  \"assembly\": { \"name\": \"" + name +
       "\", \"version\": \"1.0.0.0\", \"arch\": "
       "\"amd64\" },\n";
  j += "  \"servers\": [\n    {\n";
  j += "      \"kind\": \"" + kind + "\",\n";
  j += "      \"path\": \"${installdir}\\\\" + file + "\",\n";
  j += "      \"classes\": [\n        {\n";
  j += "          \"clsid\": \"" + clsid + "\",\n";
  j += "          \"name\": \"" + name + " Class\",\n";
  j += "          \"progid\": \"" + name + ".1\",\n";
  j += "          \"versionIndependentProgid\": \"" + name + "\"";
  if (kind == "inproc") j += ",\n          \"threading\": \"Apartment\"";
  if (kind == "surrogate") j += ",\n          \"threading\": \"Both\"";
  if (kind != "inproc") j += ",\n          \"appid\": \"" + appid + "\"";
  j += "\n        }\n      ]\n    }\n  ]";
  if (kind != "inproc") {
    j += ",\n  \"appids\": [\n    {\n";
    j += "      \"appid\": \"" + appid + "\",\n";
    j += "      \"name\": \"" + name + "\",\n";
    if (kind == "surrogate") j += "      \"dllSurrogate\": \"\",\n";
    // SYSTEM, Administrators and the interactive user: the usual local-server grant.
    j += "      \"launchPermission\": "
         "\"O:BAG:BAD:(A;;CCDCLCSWRP;;;SY)(A;;CCDCLCSWRP;;;BA)(A;;CCDCLCSWRP;;;IU)\",\n";
    j += "      \"accessPermission\": "
         "\"O:BAG:BAD:(A;;CCDCLC;;;SY)(A;;CCDCLC;;;BA)(A;;CCDCLC;;;IU)\"";
    if (local) j += ",\n      \"executables\": [\"" + file + "\"]";
    j += "\n    }\n  ]";
  }
  j += "\n}\n";
  return j;
}

struct NewOptions {
  std::string kind;
  std::string name = "Example.Server";
  std::string output;
};

}  // namespace

CommandSpec new_command() {
  auto o = std::make_shared<NewOptions>();
  return {.name = "new",
          .help = "Write a starter description for a server kind, with fresh GUIDs",
          .footer =
              "Examples:\n  comreg new --kind inproc --name Contoso.Widget -o widget.json\n"
              "  comreg new --kind local -o server.json && comreg validate server.json",
          .options = {{.names = "--kind",
                       .help = "inproc (DLL), local (EXE) or surrogate (DLL in dllhost.exe)",
                       .target = &o->kind,
                       .choices = {"inproc", "local", "surrogate"},
                       .required = true},
                      {.names = "--name",
                       .help = "Assembly name and ProgID stem, like Contoso.Widget (letters, "
                               "digits, periods)",
                       .target = &o->name,
                       .check = check_name,
                       .check_description = "NAME",
                       .check_name = "name",
                       .type_name = "NAME",
                       .show_default = true},
                      output_option(o->output)},
          .run =
              [o] {
                emit(o->output, starter(o->kind, o->name));
                return exit_ok;
              },
          // It writes a file, but from no description: the hostile descriptions do not apply.
          .reads_description = false};
}

}  // namespace comreg::cli
