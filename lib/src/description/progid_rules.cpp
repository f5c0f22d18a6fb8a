#include "description/progid_rules.hpp"

#include <array>
#include <cctype>
#include "text/ascii.hpp"

namespace comreg {
namespace {

// Keys directly under HKCR whose meaning a ProgID of the same name would hijack or shadow.
constexpr std::array<std::string_view, 21> reserved_names{"CLSID",
                                                          "AppID",
                                                          "Interface",
                                                          "TypeLib",
                                                          "Licenses",
                                                          "Wow6432Node",
                                                          "MIME",
                                                          "Record",
                                                          "Installer",
                                                          "FileType",
                                                          "Protocols",
                                                          "Unknown",
                                                          "Folder",
                                                          "Directory",
                                                          "Drive",
                                                          "AllFilesystemObjects",
                                                          "SystemFileAssociations",
                                                          "Applications",
                                                          "exefile",
                                                          "Component Categories",
                                                          "*"};

}  // namespace

ProgIdProblem check_progid(std::string_view progid) {
  for (auto r : reserved_names) {
    if (text::iequals(progid, r)) {
      return {"reserved-progid",
              "ProgID '" + std::string(progid) + "' is the name of the key HKCR\\" +
                  std::string(r) + ", which already means something to Windows",
              "choose a name of the form Vendor.Component.Version"};
    }
  }
  if (!progid.empty() && progid.front() == '.') {
    return {
        "reserved-progid",
        "ProgID '" + std::string(progid) + "' begins with '.', the form of a file extension key",
        "choose a name of the form Vendor.Component.Version"};
  }
  if (progid.size() > 39) {
    return {"bad-progid",
            "ProgID '" + std::string(progid) + "' is " + std::to_string(progid.size()) +
                " characters long; the limit is 39",
            "shorten it (the form is Vendor.Component.Version)"};
  }
  if (!progid.empty() && std::isdigit(static_cast<unsigned char>(progid.front()))) {
    return {"bad-progid", "ProgID '" + std::string(progid) + "' starts with a digit",
            "start it with a letter (the form is Vendor.Component.Version)"};
  }
  for (std::size_t i = 0; i < progid.size(); ++i) {
    const auto c = static_cast<unsigned char>(progid[i]);
    if (!std::isalnum(c) || c >= 0x80) {
      if (c == '.') continue;
      std::string shown =
          c >= 0x20 && c < 0x7F ? std::string(1, static_cast<char>(c)) : "non-ASCII";
      return {"bad-progid",
              "ProgID '" + std::string(progid) + "' contains '" + shown + "' at position " +
                  std::to_string(i + 1) + "; only letters, digits and periods are allowed",
              "remove punctuation, spaces and underscores (the form is Vendor.Component.Version)"};
    }
  }
  return {};
}

}  // namespace comreg
