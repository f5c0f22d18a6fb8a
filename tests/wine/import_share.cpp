// import_share SOURCE.reg REEMITTED.reg [MIN_PERCENT]: how much of a registry's COM
// registrations an import reproduces. SOURCE is an export of the machine's classes root
// (`wine reg export HKLM\Software\Classes`), REEMITTED the `.reg` file `comreg reg` writes from
// `comreg import SOURCE`'s description. Counts the values of every key at or below CLSID,
// Interface and TypeLib in SOURCE, and how many REEMITTED has with data COM reads the same
// (compare_as_windows(), as verify compares). Prints the share per tree and the largest groups
// of values left out, each with the reason the import gives for the key or value (the import
// is made again here for its unmapped list; its text with GUIDs and quoted names folded away
// is the group). Exit 1 when the share is below MIN_PERCENT, 2 when a file cannot be read.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "comreg/import/importer.hpp"
#include "comreg/readers/reg_reader.hpp"
#include "comreg/store/memory_backend.hpp"
#include "core/ascii.hpp"
#include "verify/registry_semantics.hpp"

using namespace comreg;

namespace {

constexpr const char* trees[] = {"CLSID", "Interface", "TypeLib"};

bool read(const char* path, MemoryBackend& into) {
  RegReadOptions options;
  options.root_aliases.emplace_back("HKEY_CLASSES_ROOT", classes_root(Scope::machine));
  Diagnostics diagnostics;
  if (read_reg_file(path, options, into, diagnostics)) return true;
  for (const auto& d : diagnostics) std::fputs(format_diagnostic(d).c_str(), stderr);
  return false;
}

// The reason with what names one instance folded away: GUIDs, quoted names, numbers.
std::string group_of(std::string_view reason) {
  std::string out;
  for (std::size_t i = 0; i < reason.size(); ++i) {
    const char c = reason[i];
    if (c == '{') {
      const std::size_t close = reason.find('}', i);
      if (close != std::string_view::npos) {
        out += "{…}";
        i = close;
        continue;
      }
    }
    // A quote opens at a word's start (OLE's and Windows' are no quotes).
    if (c == '"' || (c == '\'' && (i == 0 || reason[i - 1] == ' '))) {
      const std::size_t close = reason.find(c, i + 1);
      if (close != std::string_view::npos) {
        out += c;
        out += "…";
        out += c;
        i = close;
        continue;
      }
    }
    if (c >= '0' && c <= '9') {
      while (i + 1 < reason.size() && reason[i + 1] >= '0' && reason[i + 1] <= '9') ++i;
      out += 'N';
      continue;
    }
    out += c;
  }
  return out;
}

struct UnmappedIndex {
  // Folded key -> the unmapped entries at that key.
  std::map<std::string, std::vector<const Unmapped*>> at;

  // The reason for value `name` of `key`: an entry for the value, or for the key or a parent.
  [[nodiscard]] const Unmapped* find(const std::string& key, const std::string& name) const {
    std::string k = text::fold_case(key);
    for (bool first = true;; first = false) {
      if (auto it = at.find(k); it != at.end()) {
        for (const Unmapped* u : it->second) {
          if (!u->is_value) return u;
          if (first && text::fold_case(u->value) == text::fold_case(name)) return u;
        }
      }
      const std::size_t sep = k.rfind('\\');
      if (sep == std::string::npos) return nullptr;
      k.resize(sep);
    }
  }
};

struct Count {
  std::size_t values = 0, reproduced = 0;
};

struct Walk {
  const MemoryBackend& source;
  const MemoryBackend& reemitted;
  const UnmappedIndex& unmapped;
  const std::string& root;
  Count count;
  std::map<std::string, std::size_t> groups;

  void key(const std::string& path) {
    const std::string relative = path.substr(root.size() + 1);
    for (const auto& name : source.value_names(path)) {
      ++count.values;
      const auto expected = source.get_value(path, name);
      const auto found = reemitted.get_value(path, name);
      if (found && expected) {
        const Reading r = compare_as_windows(relative, name, *expected, *found).reading;
        if (r == Reading::same || r == Reading::same_for_windows) {
          ++count.reproduced;
          continue;
        }
      }
      const Unmapped* why = unmapped.find(path, name);
      std::string group = why != nullptr ? group_of(why->reason)
                          : found        ? "re-emitted with other data, not listed as unmapped"
                                         : "not re-emitted, not listed as unmapped";
      ++groups[group];
    }
    for (const auto& sub : source.subkeys(path)) key(path + "\\" + sub);
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fputs("usage: import_share SOURCE.reg REEMITTED.reg [MIN_PERCENT]\n", stderr);
    return 2;
  }
  MemoryBackend source, reemitted;
  if (!read(argv[1], source) || !read(argv[2], reemitted)) return 2;
  const ImportResult imported = import_registry(source, {});
  UnmappedIndex index;
  for (const auto& u : imported.unmapped) index.at[text::fold_case(u.key)].push_back(&u);

  const std::string root = classes_root(Scope::machine);
  Count total;
  std::map<std::string, std::size_t> groups;
  std::string per_tree;
  for (const char* tree : trees) {
    Walk walk{source, reemitted, index, root, {}, {}};
    if (source.key_exists(root + "\\" + tree)) walk.key(root + "\\" + tree);
    total.values += walk.count.values;
    total.reproduced += walk.count.reproduced;
    for (const auto& [g, n] : walk.groups) groups[g] += n;
    char line[160];
    std::snprintf(line, sizeof line, "%s%s %zu of %zu", per_tree.empty() ? "" : ", ", tree,
                  walk.count.reproduced, walk.count.values);
    per_tree += line;
  }
  const double share = total.values == 0 ? 0.0
                                         : 100.0 * static_cast<double>(total.reproduced) /
                                               static_cast<double>(total.values);
  std::printf(
      "share: %zu of %zu values under CLSID, Interface and TypeLib reproduced (%.1f%%): %s\n",
      total.reproduced, total.values, share, per_tree.c_str());
  std::vector<std::pair<std::size_t, std::string>> largest;
  for (const auto& [g, n] : groups) largest.emplace_back(n, g);
  std::sort(largest.rbegin(), largest.rend());
  std::printf("left out, largest groups first (%zu groups):\n", largest.size());
  for (std::size_t i = 0; i < largest.size() && i < 15; ++i) {
    std::printf("  %6zu values: %s\n", largest[i].first, largest[i].second.c_str());
  }
  if (argc == 4 && share < std::atof(argv[3])) {
    std::printf("FAIL: the share %.1f%% is below %s%%\n", share, argv[3]);
    return 1;
  }
  return 0;
}
