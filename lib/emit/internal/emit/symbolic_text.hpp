// Plan strings with placeholders kept symbolic, rendered for an output format: the text
// between placeholders escaped in the format's way, each placeholder put in as the format's own
// reference ([INSTALLFOLDER], {app}, %INSTALLDIR%, the DLL's folder at run time).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/plan/plan.hpp"

namespace comreg {

/// A run of a plan string that the output says in its own syntax: written as `text`, not
/// escaped.
struct Splice {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string text;
};

/// The splices that put in the references for the placeholders of `value` (null: none) in
/// `text`, its operation's string: `references` maps a placeholder name to its reference; with
/// `eat_separator`, a backslash right after the placeholder goes too (WiX directory properties
/// end with one). A name without a reference is spliced out and reported through `unknown`.
[[nodiscard]] std::vector<Splice> reference_splices(
    const SymbolicValue* value, std::string_view text,
    const std::map<std::string, std::string>& references, bool eat_separator, std::string* unknown);

/// `text` with `splices` (in text order, not overlapping) written as they are and the runs
/// between them passed through `escape` (std::string_view -> std::string).
template <typename Escape>
[[nodiscard]] std::string apply_splices(std::string_view text, const std::vector<Splice>& splices,
                                        Escape&& escape) {
  if (splices.empty()) return escape(text);
  std::string out;
  std::size_t pos = 0;
  for (const Splice& s : splices) {
    out += escape(text.substr(pos, s.offset - pos));
    out += s.text;
    pos = s.offset + s.length;
  }
  out += escape(text.substr(pos));
  return out;
}

}  // namespace comreg
