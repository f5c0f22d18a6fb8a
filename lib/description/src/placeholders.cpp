#include "description/placeholders.hpp"

#include "description/object_reader.hpp"

namespace comreg {

bool is_placeholder_name(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string resolve_placeholders(std::string_view text,
                                 const std::map<std::string, std::string>& defines,
                                 const std::set<std::string>& symbolic, UndefinedPlaceholder policy,
                                 std::vector<PlaceholderProblem>& problems) {
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t open = text.find("${", pos);
    if (open == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    const std::size_t close = text.find('}', open + 2);
    const std::string_view name = close == std::string_view::npos
                                      ? std::string_view()
                                      : text.substr(open + 2, close - open - 2);
    if (close == std::string_view::npos || !is_placeholder_name(name)) {
      problems.push_back(
          {"bad-placeholder", "malformed placeholder in " + quoted(text),
           close == std::string_view::npos
               ? "close the placeholder with '}': ${name}"
               : "write placeholders as ${name} with a name of letters, digits and _"});
      out.append(text.substr(open));
      return out;
    }
    const std::string key(name);
    const auto it = defines.find(key);
    if (it != defines.end()) {
      out += it->second;
    } else {
      if (policy == UndefinedPlaceholder::error && symbolic.count(key) == 0) {
        problems.push_back({"undefined-placeholder",
                            "placeholder '${" + std::string(name) + "}' is not defined",
                            "pass --define " + std::string(name) + "=VALUE (for example " +
                                std::string(name) + "=C:\\Program Files\\Vendor)"});
      }
      out.append(text.substr(open, close + 1 - open));
    }
    pos = close + 1;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace comreg
