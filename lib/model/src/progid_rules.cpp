// The model stage's one copy of the ProgID rules (comreg/progid.hpp).
#include <array>

#include "comreg/model/progid.hpp"
#include "core/ascii.hpp"
#include "core/quoted.hpp"

namespace comreg {
namespace {

// Keys directly under HKCR whose meaning a ProgID of the same name would hijack or shadow.
// (PROTOCOLS is Protocols: key names compare case-insensitively.)
constexpr std::array<std::string_view, 21> reserved_names{"CLSID",
                                                          "AppID",
                                                          "Interface",
                                                          "TypeLib",
                                                          "Licenses",
                                                          "Component Categories",
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
                                                          "*"};

constexpr const char* form_hint = "the form is Vendor.Component.Version";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

}  // namespace

ProgIdProblem check_progid(std::string_view progid) {
  const auto shown = [&] { return quoted(progid); };
  if (const std::size_t slash = progid.find('\\'); slash != std::string_view::npos) {
    // A key name cannot hold a backslash: "Interface\{00020400-...}" is a path, and the
    // ProgID's uninstall would delete the key it names (IDispatch). Checked first, and no
    // legacy name keeps it.
    ProgIdProblem problem{
        "bad-progid",
        "ProgID " + shown() + " contains '\\' at position " +
            std::to_string(code_point_count(progid.substr(0, slash)) + 1) +
            ": a backslash separates registry keys, so this names the key HKCR\\" +
            std::string(progid) + " and its uninstall would delete that key",
        std::string("remove the backslash (") + form_hint + ")"};
    problem.always = true;
    return problem;
  }
  for (auto r : reserved_names) {
    if (text::iequals(progid, r)) {
      return {"reserved-progid",
              "ProgID " + shown() + " is the name of the key HKCR\\" + std::string(r) +
                  ", which already means something to Windows",
              std::string("choose another name (") + form_hint + ")"};
    }
  }
  if (!progid.empty() && progid.front() == '.') {
    return {"reserved-progid",
            "ProgID " + shown() + " begins with '.', the form of a file extension key",
            std::string("choose a name that starts with a letter (") + form_hint + ")"};
  }
  const std::size_t length = code_point_count(progid);
  if (length > 39) {
    return {
        "bad-progid",
        "ProgID " + shown() + " is " + std::to_string(length) + " characters long; the limit is 39",
        std::string("shorten it (") + form_hint + ")"};
  }
  if (!progid.empty() && is_digit(progid.front())) {
    return {"bad-progid", "ProgID " + shown() + " starts with a digit",
            std::string("start it with a letter (") + form_hint + ")"};
  }
  std::size_t position = 0;
  for (std::size_t i = 0; i < progid.size(); ++i) {
    const char c = progid[i];
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++position;
    if (is_letter(c) || is_digit(c) || c == '.') continue;
    std::size_t len = 1;
    while (i + len < progid.size() &&
           (static_cast<unsigned char>(progid[i + len]) & 0xC0) == 0x80) {
      ++len;
    }
    return {"bad-progid",
            "ProgID " + shown() + " contains " + quoted(progid.substr(i, len)) + " at position " +
                std::to_string(position) + "; only ASCII letters, digits and periods are allowed",
            std::string("remove punctuation, spaces and underscores (") + form_hint + ")"};
  }
  return {};
}

bool breaks_progid_rules(std::string_view progid) {
  return check_progid(progid).code != nullptr;
}

bool writes_progid_key(const ComClass& c, std::string_view progid) {
  if (progid.empty()) return false;
  if (!c.legacy_names) return true;
  const char* code = check_progid(progid).code;
  return code == nullptr || std::string_view(code) != "reserved-progid";
}

}  // namespace comreg
