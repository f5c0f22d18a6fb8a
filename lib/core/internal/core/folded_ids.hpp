// Sets and maps keyed by folded key paths and value ids (ownership::value_id), looked up through
// one reusable buffer instead of a new folded string per lookup: install, uninstall and the
// installer writers look up several per plan operation, hundreds of thousands in a big
// registration.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace comreg {

/// Hashes a folded id held as a string or looked up as a view of one.
struct FoldedHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// Folded ids, found by a std::string_view without a copy.
using FoldedSet = std::unordered_set<std::string, FoldedHash, std::equal_to<>>;

/// Folded ids to T, found by a std::string_view without a copy.
template <class T>
using FoldedMap = std::unordered_map<std::string, T, FoldedHash, std::equal_to<>>;

/// Folds text into its own buffer for lookups; a view it returns is valid until its next call.
class Folder {
 public:
  /// `s` with A-Z lowered (text::fold_case).
  std::string_view operator()(std::string_view s) { return join(s, {}, {}); }
  /// `a`, `separator` and `b`, folded: a child key's path ('\\'), a value id ('\t').
  std::string_view join(std::string_view a, std::string_view separator, std::string_view b) {
    buffer_.assign(a);
    buffer_.append(separator);
    buffer_.append(b);
    for (auto& c : buffer_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return buffer_;
  }

 private:
  std::string buffer_;
};

}  // namespace comreg
