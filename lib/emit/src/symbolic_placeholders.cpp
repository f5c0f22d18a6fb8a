// Symbolic placeholders: a ${name} carried through loading and planning as a marker that no
// real path contains, so installer writers can render it as their own run-time reference.
#include "comreg/emit/installer_writers.hpp"

namespace comreg {
namespace {

constexpr std::string_view open_mark = "\xEE\x80\x80";   // U+E000
constexpr std::string_view close_mark = "\xEE\x80\x81";  // U+E001

}  // namespace

std::string symbolic_placeholder(std::string_view name, bool spaced) {
  std::string s(open_mark);
  s += name;
  if (spaced) s += ' ';
  s += close_mark;
  return s;
}

bool has_symbolic(std::string_view text) {
  return text.find(open_mark) != std::string_view::npos;
}

std::string substitute_symbolic(std::string_view text,
                                const std::map<std::string, std::string>& references,
                                bool eat_separator, std::string* unknown) {
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t open = text.find(open_mark, pos);
    const std::size_t close =
        open == std::string_view::npos ? open : text.find(close_mark, open + open_mark.size());
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    std::string_view name = text.substr(open + open_mark.size(), close - open - open_mark.size());
    if (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    const auto it = references.find(std::string(name));
    if (it != references.end()) {
      out += it->second;
    } else if (unknown != nullptr) {
      *unknown = std::string(name);
    }
    pos = close + close_mark.size();
    if (eat_separator && pos < text.size() && text[pos] == '\\') ++pos;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace comreg
